/// A located problem in a workbook: file, sheet, cell (`D7`), column, what is wrong and what to do.
public struct WorkbookError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var sheet: String?
    /// The cell in A1 notation, when one is at fault.
    public var cell: String?
    /// The column's header name, when known.
    public var columnName: String?
    public var message: String
    public var hint: String?

    public init(file: String, sheet: String? = nil, cell: String? = nil, columnName: String? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.columnName = columnName
        self.message = message
        self.hint = hint
    }

    /// `thương-mại.xlsx, sheet 'Du lịch', cell D7 (column 'value'): 'abc' is not a number`
    public var description: String {
        var s = file
        if let sh = sheet { s += ", sheet '\(sh)'" }
        if let c = cell { s += ", cell \(c)" }
        if let n = columnName { s += " (column '\(n)')" }
        s += ": " + message
        if let h = hint { s += "\n  hint: " + h }
        return s
    }
}

/// Column letters and A1 references.
enum CellName {
    /// `A`, `Z`, `AA` for zero-based columns 0, 25, 26.
    static func letters(_ column: Int) -> String {
        var n = column + 1
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(out.reversed())
    }

    /// `D7` for zero-based column 3 and sheet row 7 (1-based, as Excel numbers rows).
    static func reference(column: Int, row: Int) -> String { letters(column) + String(row) }

    /// Parses the letters and digits of `D7` into a zero-based column and a 1-based row (row 0 when absent).
    /// Returns nil for anything else.
    static func parse(_ p: UnsafePointer<CChar>) -> (column: Int, row: Int)? {
        var i = 0, column = 0, row = 0
        while true {
            let c = UInt8(bitPattern: p[i])
            if c >= 65 && c <= 90 { column = column * 26 + Int(c - 64) } else if c >= 97 && c <= 122 { column = column * 26 + Int(c - 96) } else { break }
            i += 1
            if column > 1 << 20 { return nil }
        }
        if column == 0 { return nil }
        while true {
            let c = UInt8(bitPattern: p[i])
            if c == 0 { break }
            if c == 0x24 && row == 0 { i += 1; continue }   // `$`
            guard c >= 48 && c <= 57 else { return nil }
            row = row * 10 + Int(c - 48)
            if row > 1 << 24 { return nil }
            i += 1
        }
        return (column - 1, row)
    }

    /// `B1:D3` as zero-based columns and 1-based rows.
    static func range(_ text: String) -> (c0: Int, r0: Int, c1: Int, r1: Int)? {
        let parts = text.split(separator: ":").map { String($0).replacingOccurrences(of: "$", with: "") }
        guard let first = parts.first else { return nil }
        let a = first.withCString { parse($0) }
        let b = (parts.count > 1 ? parts[1] : first).withCString { parse($0) }
        guard let a, let b else { return nil }
        return (min(a.column, b.column), min(a.row, b.row), max(a.column, b.column), max(a.row, b.row))
    }
}
