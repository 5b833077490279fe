import Foundation
import AlmanacCore

/// Tables laid out for printing: title lines above the header, a header on two rows (a merged `Năm 2023` over
/// `Tháng 1 … Tháng 12`), blank rows, `Nguồn:`/`Ghi chú:` lines and footnotes below, a unit line
/// (`Đơn vị tính: triệu USD`). Decides where the header is from the first rows' shapes, and which rows are footers.
enum SheetLayout {
    /// One non-empty row: its sheet row number and its cells (zero-based column, text), in column order.
    struct Row {
        var number: Int
        var cells: [(column: Int, text: String)]
        var count: Int { cells.count }
        var lastColumn: Int { cells.last?.column ?? -1 }
        var firstText: String { cells.first?.text ?? "" }
    }

    typealias Merge = (c0: Int, r0: Int, c1: Int, r1: Int)

    /// Where the table starts: the header row (an index into `rows`), a second header row below it when the header
    /// is on two rows, and why.
    struct Header {
        var index: Int
        var twoRows: Bool
    }

    /// The header: the first row of at least two values (merged ranges counted over the columns they cover) that
    /// covers the columns of the rows after it, when the next rows have a consistent shape (at least two values
    /// each, within its columns). A title merged across the table is one value: never a header.
    static func header(_ rows: [Row], merges: [Merge]) -> Header {
        let limit = min(rows.count, 40)
        for h in 0..<limit {
            let row = rows[h]
            guard row.count >= 2 || (row.count == 1 && rows.count == 1) else { continue }
            // Only title-like rows (a value or two, far fewer than the header's) may stand above the header: a
            // table whose first row is not followed by rows of its shape keeps its first row as the header.
            guard rows[0..<h].allSatisfy({ $0.count <= max(1, row.count / 2) }) else { break }
            var last = row.lastColumn
            for m in merges where m.r0 <= row.number && row.number <= m.r1 && m.c1 > last { last = m.c1 }
            // The rows after it, up to five, not counting footer lines (a short table's `Nguồn:` comes soon).
            let next = rows[(h + 1)..<min(rows.count, h + 6)].prefix { !SheetLayout.isFooter($0.cells.map(\.text), inFooter: false) }
            guard !next.isEmpty else { if h + 1 >= rows.count { return Header(index: h, twoRows: false) }; continue }
            // Consistent: the first row after it, and at least two thirds of the next ones, hold two values or more
            // within its columns (a sparse row or a closing line may be among them).
            func fits(_ r: Row) -> Bool { r.count >= 2 && r.lastColumn <= last }
            let consistent = fits(next.first!) && 3 * next.filter(fits).count >= 2 * next.count
            guard consistent else { continue }
            // A header on two rows: merged cells across columns in this row, with a row of labels (no numbers)
            // under them, above rows that hold numbers.
            let spans = merges.contains { m in m.r0 == row.number && m.c1 > m.c0 }
            if spans, h + 1 < rows.count {
                let below = rows[h + 1]
                let labels = below.cells.allSatisfy { Double($0.text.replacingOccurrences(of: ",", with: ".")) == nil }
                let numbersFollow = rows[(h + 2)..<min(rows.count, h + 7)].contains { r in r.cells.contains { Double($0.text) != nil } }
                if labels && numbersFollow { return Header(index: h, twoRows: true) }
            }
            return Header(index: h, twoRows: false)
        }
        return Header(index: 0, twoRows: false)
    }

    /// Column names from a two-row header: the upper text (a merged cell covers every column it spans) composed
    /// with the label below. A year over months or quarters makes periods: `Năm 2023` over `Tháng 1` is `Tháng 1/2023`.
    static func composed(upper: [Int: String], lower: [Int: String], columns: ClosedRange<Int>, merges: [Merge], upperRow: Int) -> [Int: String] {
        var top = upper
        for m in merges where m.r0 <= upperRow && upperRow <= m.r1 && m.c1 > m.c0 {
            guard let t = upper[m.c0] else { continue }
            for c in m.c0...m.c1 where (top[c] ?? "").isEmpty { top[c] = t }
        }
        var out: [Int: String] = [:]
        for c in columns {
            let u = (top[c] ?? "").trimmingCharacters(in: .whitespaces), l = (lower[c] ?? "").trimmingCharacters(in: .whitespaces)
            if u.isEmpty || l.isEmpty { out[c] = u.isEmpty ? l : u; continue }
            out[c] = periodName(year: u, part: l) ?? u + " " + l
        }
        return out
    }

    /// `Tháng 1/2023` for `Năm 2023` over `Tháng 1` (or `T1`), `Quý I/2023` over `Quý I`; nil otherwise.
    static func periodName(year: String, part: String) -> String? {
        let y = year.precomposedStringWithCanonicalMapping
        guard let r = y.range(of: #"^(năm|Năm|NĂM|year|Year)?\s*(\d{4})$"#, options: .regularExpression) else { return nil }
        let digits = String(y[r].filter(\.isNumber).suffix(4))
        let p = part.precomposedStringWithCanonicalMapping
        if p.range(of: #"^(Tháng|tháng|THÁNG|T)\s*\d{1,2}$"#, options: .regularExpression) != nil { return p + "/" + digits }
        if p.range(of: #"^(Quý|quý|QUÝ|Q)\s*([IV]+|\d)$"#, options: .regularExpression) != nil { return p + "/" + digits }
        return nil
    }

    /// Words that open a line below a table rather than a row of it.
    static let footerWords = ["nguồn", "ghi chú", "chú thích", "chú ý", "lưu ý", "source", "note", "người lập", "đơn vị tính", "đvt", "*", "(*)"]

    /// Whether a row below the data is a footer line: one value opening with a footer word or a footnote mark
    /// (`(1)`), or — once footer lines began — any row without numbers (a signature block).
    static func isFooter(_ cells: [String], inFooter: Bool) -> Bool {
        if inFooter && !cells.contains(where: { Double($0) != nil }) { return true }
        guard cells.count == 1 else { return false }
        let t = cells[0].precomposedStringWithCanonicalMapping.lowercased().trimmingCharacters(in: .whitespaces)
        if footerWords.contains(where: { t.hasPrefix($0) }) { return true }
        return t.range(of: #"^\(\d+\)"#, options: .regularExpression) != nil
    }

    /// Vietnamese and English unit words as the catalog names them.
    static let unitWords: [(String, String)] = [
        ("nghìn tỷ đồng", "thousand billion VND"), ("tỷ đồng", "billion VND"), ("triệu đồng", "million VND"), ("nghìn đồng", "thousand VND"),
        ("ngàn đồng", "thousand VND"), ("đồng", "VND"), ("tỷ usd", "billion USD"), ("triệu usd", "million USD"),
        ("nghìn usd", "thousand USD"), ("ngàn usd", "thousand USD"), ("usd", "USD"), ("lượt khách", "arrivals"), ("lượt người", "arrivals"),
        ("người", "persons"), ("dự án", "projects"), ("đoàn", "delegations"), ("%", "%"),
    ]

    /// The unit a line such as `Đơn vị tính: triệu USD` (or `ĐVT: tỷ đồng`) names, when it is a known unit.
    static func unit(in text: String) -> (unit: String, line: String)? {
        let t = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        guard let r = lower.range(of: #"(đơn vị tính|đơn vị|đvt)\s*:\s*"#, options: .regularExpression) else { return nil }
        var rest = String(lower[r.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " .;)"))
        if let known = Unit(named: rest) { return (known.name, t) }
        rest = rest.replacingOccurrences(of: "  ", with: " ")
        for (word, name) in unitWords where rest == word { return Unit(named: name).map { ($0.name, t) } }
        return nil
    }
}
