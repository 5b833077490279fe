import Foundation

/// The words that say a row is a total rather than data (`Tổng cộng`, `Tổng số`, `Cộng`, `Tổng`, `Total`,
/// `Grand total`), in English and Vietnamese: a key value that is one of them, in any case, NFC or NFD, with spaces
/// around it or a colon after it (`TỔNG CỘNG:`), marks its row as a total of the rows beside it.
public enum TotalWords {
    /// The words, lowercased NFC.
    public static let all: Set<String> = ["tổng cộng", "tổng số", "cộng", "tổng", "total", "grand total", "totals", "tổng cộng chung"]

    /// Whether a key value says its row is a total.
    public static func isTotal(_ value: String) -> Bool {
        guard let first = value.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        // Cheap refusal: every word opens with t, c or g in either case (in NFD too: the accent comes after).
        let lower = first | 0x20
        if lower != UInt8(ascii: "t") && lower != UInt8(ascii: "c") && lower != UInt8(ascii: "g") { return false }
        guard value.utf8.count <= 40 else { return false }
        // The second letter: o (total, or tổng/cộng in NFD), r (grand), or the lead byte of ổ/ộ/Ổ/Ộ (U+1ED4–U+1ED9).
        if let i = value.utf8.firstIndex(of: first), let second = value.utf8[value.utf8.index(after: i)...].first,
           second | 0x20 != UInt8(ascii: "o") && second | 0x20 != UInt8(ascii: "r") && second != 0xE1 { return false }
        var s = value.nfc.lowercased().trimmingCharacters(in: .whitespaces)
        while let last = s.last, last == ":" || last == "." || last == " " { s.removeLast() }
        // Runs of spaces inside (`Tổng  cộng`) are one space.
        if s.contains("  ") { s = s.split(separator: " ").joined(separator: " ") }
        return all.contains(s)
    }
}

/// Where a row of a loaded table is in its file, as a planner finds it again.
public indirect enum RowPlace: Sendable, Hashable {
    /// A CSV file's line (the header is line 1).
    case line(Int)
    /// A sheet's row, or the cell of one column on it (`C12`).
    case sheetRow(Int)
    case cell(String)
    /// The row's place among the table's rows (1-based), where the file cannot be read again.
    case dataRow(Int)
    /// One of several stacked files.
    case inFile(String, RowPlace)

    public var english: String {
        switch self {
        case .line(let n): return "line \(n)"
        case .sheetRow(let n): return "row \(n)"
        case .cell(let c): return "cell \(c)"
        case .dataRow(let n): return "data row \(n)"
        case .inFile(let f, let p): return "\(f) \(p.english)"
        }
    }

    public var vietnamese: String {
        switch self {
        case .line(let n): return "dòng \(n)"
        case .sheetRow(let n): return "hàng \(n)"
        case .cell(let c): return "ô \(c)"
        case .dataRow(let n): return "dòng số liệu thứ \(n)"
        case .inFile(let f, let p): return "\(f) \(p.vietnamese)"
        }
    }
}

/// A total row whose figure differs from the sum of the rows it totals by more than rounding explains.
public struct TotalMismatch: Sendable, Hashable {
    /// Where the total row is: a CSV line, the measure's cell on a sheet, in which file when files were stacked.
    public var place: RowPlace
    /// The total row's key values (`Tổng cộng, 2024-01`).
    public var label: String
    /// The measure that disagrees.
    public var measure: String
    /// The figure the total row holds.
    public var total: Double
    /// The sum of the rows it totals, and how many they are.
    public var sum: Double
    public var parts: Int
    /// Decimals the figures are written with (for printing them as written).
    public var decimals: Int

    public init(place: RowPlace, label: String, measure: String, total: Double, sum: Double, parts: Int, decimals: Int) {
        self.place = place
        self.label = label
        self.measure = measure
        self.total = total
        self.sum = sum
        self.parts = parts
        self.decimals = decimals
    }

    /// `150`, `1,234.5`: a figure as the file writes it; `vietnamese`: `1.234,5`.
    public func figure(_ v: Double, vietnamese: Bool = false) -> String {
        let s = NumberFormatting.grouped(v, fraction: decimals)
        guard vietnamese else { return s }
        return String(s.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// The total less the sum of its parts, signed (`+10`, `-0.4`).
    public func difference(vietnamese: Bool = false) -> String {
        let d = total - sum
        return (d > 0 ? "+" : "") + figure(d, vietnamese: vietnamese)
    }
}

/// Total rows a load set aside: which columns said so, where each row was, and the totals that do not add up.
public struct SetAsideTotals: Sendable, Hashable {
    /// The columns whose values marked rows as totals, and the values that did (`Tổng cộng`).
    public var columns: [String]
    public var words: [String]
    /// Where each row set aside was, in order.
    public var places: [RowPlace]
    /// Total figures checked against the sum of their parts, and those that differ.
    public var checked: Int
    public var mismatches: [TotalMismatch]

    public init(columns: [String], words: [String], places: [RowPlace], checked: Int, mismatches: [TotalMismatch]) {
        self.columns = columns
        self.words = words
        self.places = places
        self.checked = checked
        self.mismatches = mismatches
    }

    public var count: Int { places.count }
}
