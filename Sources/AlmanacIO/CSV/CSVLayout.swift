import Foundation
import AlmanacCore

/// A CSV file laid out for printing, as `SheetLayout` judges a sheet: title lines above the header, a header on two
/// lines (`Năm 2023,,` over `Tháng 1,Tháng 2,…` composes into `Tháng 1/2023` …), footer lines below the table
/// (`Nguồn:`, `Ghi chú:`, footnotes), a unit line. Returns where the header starts and where the table ends; line
/// numbers stay the file's own.
struct CSVLayout {
    /// Byte offset of the header record, and of the first data record when the header is on two lines.
    var headerStart: Int
    var secondHeaderStart: Int? = nil
    /// Byte offset where the lines below the table begin, when there are any.
    var end: Int? = nil
    /// Composed names of a two-line header.
    var names: [String]? = nil
    var notes: [String] = []
    var unit: String? = nil

    static func find(_ all: UnsafeBufferPointer<UInt8>, from start: Int, tokenizer: CSVTokenizer, options: CSVOptions) -> CSVLayout {
        var layout = CSVLayout(headerStart: start)
        let head = tokenizer.records(from: start, maxRecords: 40)
        guard head.failure == nil, !head.records.isEmpty else { return layout }
        func row(_ k: Int) -> SheetLayout.Row {
            SheetLayout.Row(number: CSVReader.lineNumber(all, offset: head.starts[k]),
                            cells: head.records[k].enumerated().compactMap { c, t in t.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (c, t) })
        }
        let rows = head.records.indices.map(row)
        var h = 0
        var twoLines = false
        if let asked = options.headerRow {
            h = rows.firstIndex { $0.number >= asked } ?? 0
        } else {
            // A value followed by empty fields reads as a merged cell over them (how a two-line header is saved).
            var spans: [SheetLayout.Merge] = []
            for (k, r) in rows.enumerated() {
                let fields = head.records[k]
                for (i, cell) in r.cells.enumerated() {
                    let nextValue = i + 1 < r.cells.count ? r.cells[i + 1].column : fields.count
                    if nextValue - 1 > cell.column { spans.append((cell.column, r.number, nextValue - 1, r.number)) }
                }
            }
            let found = SheetLayout.header(rows, merges: spans.filter { m in rows.contains { $0.number == m.r0 && $0.count >= 2 } })
            h = found.index
            twoLines = found.twoRows && h + 1 < rows.count
            if twoLines {
                let upper = Dictionary(rows[h].cells.map { ($0.column, $0.text) }, uniquingKeysWith: { a, _ in a })
                let lower = Dictionary(rows[h + 1].cells.map { ($0.column, $0.text) }, uniquingKeysWith: { a, _ in a })
                let width = max(head.records[h].count, head.records[h + 1].count)
                let composed = SheetLayout.composed(upper: upper, lower: lower, columns: 0...max(0, width - 1), merges: spans, upperRow: rows[h].number)
                layout.names = (0..<width).map { composed[$0] ?? "" }
                layout.secondHeaderStart = head.starts[h + 1]
                layout.notes.append("header on lines \(rows[h].number)–\(rows[h + 1].number): the labels of line \(rows[h].number) over those of line \(rows[h + 1].number)")
            }
        }
        layout.headerStart = head.starts[h]
        if h > 0 {
            let texts = rows.prefix(min(h, 3)).map { "'" + SheetPass.shortened($0.cells.map(\.text).joined(separator: " ")) + "'" }.joined(separator: ", ")
            layout.notes.append("\(SheetPass.rowList(rows.prefix(h).map(\.number)).replacingOccurrences(of: "row", with: "line")) above the header (line \(rows[h].number)) skipped: title lines \(texts)\(h > 3 ? ", …" : "")")
        }
        for r in rows.prefix(twoLines ? h + 2 : h + 1) {
            for (_, t) in r.cells where layout.unit == nil {
                if let u = SheetLayout.unit(in: t) { layout.unit = u.unit; layout.notes.append("unit '\(u.unit)' of the numbers, from '\(SheetPass.shortened(u.line))'") }
            }
        }
        layout.end = footer(all, after: layout.secondHeaderStart ?? layout.headerStart, tokenizer: tokenizer, options: options)
        if let e = layout.end {
            let line = CSVReader.lineNumber(all, offset: e)
            layout.notes.append("lines from \(line) below the table skipped: " + (options.skipFooter.map { "the last \($0) (skip_footer)" } ?? "footer lines such as 'Nguồn:' or notes"))
        }
        return layout
    }

    /// Where the lines below the table start: the last `skip_footer` lines, or the trailing run of footer lines.
    static func footer(_ all: UnsafeBufferPointer<UInt8>, after headerStart: Int, tokenizer: CSVTokenizer, options: CSVOptions) -> Int? {
        // The starts of the last non-blank lines, latest first.
        var starts: [Int] = []
        var i = all.count
        while i > headerStart && starts.count < 30 {
            var j = i - 1
            while j > headerStart && (all[j] == CSVTokenizer.lf || all[j] == CSVTokenizer.cr) { j -= 1 }
            if j <= headerStart { break }
            var s = j
            while s > headerStart && all[s - 1] != CSVTokenizer.lf && all[s - 1] != CSVTokenizer.cr { s -= 1 }
            starts.append(s)
            i = s
        }
        if let n = options.skipFooter {
            guard n > 0, n <= starts.count, starts.count > n else { return nil }
            return starts[n - 1]
        }
        // The earliest start from which every line to the end is a footer line.
        var cut: Int? = nil
        for s in starts.dropLast() {
            let r = tokenizer.records(from: s, maxRecords: 40)
            guard r.failure == nil, r.end >= all.count || r.records.count < 40 else { break }
            var inFooter = false
            let footerOnly = r.records.allSatisfy { rec in
                let cells = rec.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                defer { inFooter = true }
                return SheetLayout.isFooter(cells, inFooter: inFooter)
            }
            if footerOnly { cut = s } else { break }
        }
        return cut
    }

    /// The unit line's unit on the numbers (not on years or codes), and the notes into the report.
    func apply(to table: Table, report: inout LoadReport) throws -> Table {
        report.layout = notes
        guard let unit else { return table }
        var cols = table.columns
        for i in cols.indices where cols[i].dataType.isNumeric && cols[i].meta.unit == nil { cols[i].meta.unit = unit }
        return try Table(columns: cols)
    }
}
