import Foundation
import AlmanacCore

/// A workbook Almanac wrote carries a Notes sheet ("Ghi chú") whose column lines say, for each written sheet, what
/// each header stands for: `Kim ngạch (USD) [value] — đơn vị: USD — định dạng: #,##0`. Reading such a sheet back,
/// the columns get their names, labels and units again, and percentages (a `%` unit, written as 0.125 under a
/// percent format) their values: the table that was written.
enum AlmanacNotes {
    static let sheetName = "Ghi chú"
    static let sheetLabel = "Trang tính"
    static let columnsLabel = "Cột"
    static let versionLabel = "Phiên bản Almanac"

    struct ColumnLine: Equatable {
        var header: String
        var name: String
        var unit: String?
        var format: String?
        /// `số thực`: a decimal column (whose format may show no decimals).
        var type: String? = nil
    }

    /// The column lines the Notes sheet gives for `sheet`, or nil when the workbook has no Almanac Notes sheet.
    static func columnLines(_ container: WorkbookContainer, _ parts: WorkbookParts, _ strings: SharedStrings, sheet: String) throws -> [ColumnLine]? {
        guard sheet != sheetName, let notes = parts.sheets.first(where: { $0.name == sheetName && $0.isWorksheet }) else { return nil }
        var pairs: [(String, String)] = []
        let batch = RowBatch(capacity: 256)
        let scanner = SheetScanner(batch: batch, strings: strings, styleKinds: parts.styleKinds, date1904: parts.date1904, decimalMark: UInt8(ascii: "."))
        scanner.onBatch = { b in
            for r in 0..<b.rows {
                var a = "", v = ""
                for c in b.cellRange(row: r) {
                    if b.column(c) == 0 { a = b.text(c) } else if b.column(c) == 1 { v = b.text(c) }
                }
                pairs.append((a, v))
            }
            return pairs.count < 100_000
        }
        try WorkbookReader.stream(container, part: notes.part, sheet: notes.name, scanner: scanner)
        guard pairs.contains(where: { $0.0 == versionLabel }) else { return nil }
        var current: String? = nil
        var inColumns = false
        var lines: [ColumnLine] = []
        for (a, v) in pairs {
            if a == sheetLabel { current = v.precomposedStringWithCanonicalMapping; inColumns = false; continue }
            if a == columnsLabel { inColumns = true } else if !a.isEmpty { inColumns = false }
            guard inColumns, current == sheet, !v.isEmpty, let line = parse(v) else { continue }
            lines.append(line)
        }
        return lines
    }

    /// `Header [name] — đơn vị: unit — định dạng: code`, or `name — …` when the header is the name.
    static func parse(_ text: String) -> ColumnLine? {
        let parts = text.components(separatedBy: " — ")
        guard let first = parts.first, !first.isEmpty else { return nil }
        var header = first, name = first
        if first.hasSuffix("]"), let open = first.range(of: " [", options: .backwards) {
            header = String(first[..<open.lowerBound])
            name = String(first[open.upperBound...].dropLast())
        }
        var line = ColumnLine(header: header.precomposedStringWithCanonicalMapping, name: name.precomposedStringWithCanonicalMapping)
        for p in parts.dropFirst() {
            if p.hasPrefix("đơn vị: ") { line.unit = String(p.dropFirst("đơn vị: ".count)) }
            else if p.hasPrefix("định dạng: ") { line.format = String(p.dropFirst("định dạng: ".count)) }
            else if p.hasPrefix("kiểu: ") { line.type = String(p.dropFirst("kiểu: ".count)) }
        }
        return line
    }

    /// The table with the columns the lines describe renamed, labelled and given their units (percent values
    /// unscaled); the report's per-column entries follow the new names.
    static func restore(_ table: Table, _ lines: [ColumnLine], report: inout LoadReport) throws -> Table {
        guard !lines.isEmpty else { return table }
        var byName: [String: ColumnLine] = [:]
        for l in lines where byName[l.name] == nil { byName[l.name] = l }
        for l in lines where byName[l.header] == nil { byName[l.header] = l }
        var columns = table.columns
        for i in columns.indices {
            guard let line = byName[columns[i].name] else { continue }
            let old = columns[i].name
            columns[i].name = line.name
            if line.header != line.name { columns[i].meta.label = line.header }
            if let u = line.unit {
                columns[i].meta.unit = u
                if let unit = Unit(named: u), unit.kind == .percent, unit.scale != 1, line.format?.contains("%") == true {
                    columns[i].storage = unscaled(columns[i].storage, by: unit.scale)
                }
            }
            if line.type == "số thực", case .int(let v) = columns[i].storage { columns[i].storage = .float(v.map(Double.init)) }
            if old != line.name {
                for key in [old] {
                    if let v = report.notes.removeValue(forKey: key) { report.notes[line.name] = v }
                    if let v = report.markerNulls.removeValue(forKey: key) { report.markerNulls[line.name] = v }
                    if let v = report.errorCells.removeValue(forKey: key) { report.errorCells[line.name] = v }
                }
            }
        }
        return try Table(columns: columns)
    }

    /// Numbers written times `scale` (a percent unit under a percent format), divided back and rounded to 15
    /// significant digits (what the writer's multiplication cannot have added); integers again when all are whole,
    /// as the CSV rules would type them.
    static func unscaled(_ storage: ColumnStorage, by scale: Double) -> ColumnStorage {
        let values: [Double]
        switch storage {
        case .float(let v): values = v
        case .int(let v): values = v.map(Double.init)
        default: return storage
        }
        let back = values.map { v -> Double in
            let x = v / scale
            guard x.isFinite, x != 0 else { return x }
            return Double(String(format: "%.15g", x)) ?? x
        }
        if back.allSatisfy({ $0 == $0.rounded() && abs($0) < 9e15 }) { return .int(back.map { Int64($0) }) }
        return .float(back)
    }
}
