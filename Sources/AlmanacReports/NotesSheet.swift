import Foundation
import AlmanacCore
import AlmanacIO
import AlmanacXLSX

/// A parameter and the value a workbook was built with.
public struct ParameterValue: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name) = \(value)" }
}

/// What the Notes sheet says about one data sheet.
public struct SheetNotes: Sendable {
    public var sheetName: String
    public var query: SourceText?
    public var parameters: [ParameterValue]
    /// The datasets the query read (title, source, units, synthetic flag).
    public var datasets: [DatasetSpec]
    /// Every row a lenient load set aside, by source.
    public var rejected: [(source: String, rows: [RejectedRow])]
    /// Warnings from the query and from writing the sheet.
    public var warnings: [SheetWarning]
    public var generatedAt: Date
    public var rows: Int
    public var columns: Int
    /// One line per column: header, name, unit and number format.
    public var columnLines: [String]

    public init(sheetName: String, query: SourceText? = nil, parameters: [ParameterValue] = [], datasets: [DatasetSpec] = [],
                rejected: [(source: String, rows: [RejectedRow])] = [],
                warnings: [SheetWarning] = [], generatedAt: Date, rows: Int = 0, columns: Int = 0, columnLines: [String] = []) {
        self.sheetName = sheetName
        self.query = query
        self.parameters = parameters
        self.datasets = datasets
        self.rejected = rejected
        self.warnings = warnings
        self.generatedAt = generatedAt
        self.rows = rows
        self.columns = columns
        self.columnLines = columnLines
    }

    /// Column lines for a written sheet: `Kim ngạch (USD) [value] — đơn vị: USD — định dạng: #,##0`, and
    /// `— kiểu: số thực` for a decimal column whose format shows no decimals (Excel stores every number alike, so
    /// the workbook reads back with the column's type only when it is said).
    public static func columnLines(_ table: Table, written: WrittenSheet) -> [String] {
        table.columns.enumerated().map { i, c in
            let header = i < written.headers.count ? written.headers[i] : c.name
            var line = header == c.name ? c.name : "\(header) [\(c.name)]"
            if let unit = c.meta.unit { line += " — đơn vị: \(unit)" }
            let format = written.numberFormats[c.name] ?? "General"
            line += " — định dạng: \(format)"
            if case .float = c.storage, !format.contains(".") { line += " — kiểu: số thực" }
            return line
        }
    }
}

/// Everything the Notes sheet ("Ghi chú") shows.
public struct WorkbookNotes: Sendable {
    public var title: String?
    /// The workbook file the export came from.
    public var workbookFile: String?
    public var generatedAt: Date
    public var almanacVersion: String
    public var timeZone: TimeZone
    public var parameters: [ParameterValue]
    public var sheets: [SheetNotes]

    public init(title: String? = nil, workbookFile: String? = nil, generatedAt: Date, almanacVersion: String = AlmanacVersion.current,
                timeZone: TimeZone = .current, parameters: [ParameterValue] = [], sheets: [SheetNotes] = []) {
        self.title = title
        self.workbookFile = workbookFile
        self.generatedAt = generatedAt
        self.almanacVersion = almanacVersion
        self.timeZone = timeZone
        self.parameters = parameters
        self.sheets = sheets
    }
}

/// The Notes sheet: provenance of every sheet (query, parameters, datasets, warnings, time, version),
/// written as two columns — a bold Vietnamese heading and wrapped text.
public enum NotesSheet {
    /// The sheet's name; workbooks always put it last.
    public static let name = "Ghi chú"

    /// Headings.
    public enum Heading {
        public static let title = "Báo cáo"
        public static let workbookFile = "Tệp cấu hình"
        public static let sheet = "Trang tính"
        public static let size = "Kích thước"
        public static let query = "Truy vấn"
        public static let queryFile = "Tệp truy vấn"
        public static let parameters = "Tham số"
        public static let datasets = "Nguồn dữ liệu"
        public static let columns = "Cột"
        public static let warnings = "Cảnh báo"
        public static let rejected = "Dòng bị loại"
        public static let generatedAt = "Thời điểm tạo"
        public static let version = "Phiên bản Almanac"
    }

    /// The marker for synthetic datasets.
    public static let syntheticMarker = "Dữ liệu mô phỏng (synthetic)"
    /// Written when a sheet has no warnings.
    public static let noWarnings = "Không có"
    /// Rejected rows listed per source; beyond, the CLI's rejected-rows report has them all.
    static let maxRejectedLines = 10_000

    /// `05/11/2024 14:03:07 UTC+07:00`.
    public static func timestamp(_ date: Date, timeZone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = timeZone
        f.dateFormat = "dd/MM/yyyy HH:mm:ss"
        let seconds = timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let h = abs(seconds) / 3600, m = abs(seconds) % 3600 / 60
        return f.string(from: date) + " UTC\(sign)" + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// One dataset as the Notes sheet describes it (several lines).
    public static func describe(_ d: DatasetSpec) -> String {
        var lines = [d.title.map { "\($0) (\(d.name))" } ?? d.name]
        if let source = d.source { lines.append("Nguồn: \(source)") }
        if !d.measures.isEmpty {
            let units = d.measures.keys.sorted().map { key -> String in
                let m = d.measures[key]!
                return (m.label.map { "\($0) [\(key)]" } ?? key) + ": \(m.unit.name)"
            }
            lines.append("Đơn vị: " + units.joined(separator: "; "))
        }
        if d.synthetic { lines.append(syntheticMarker) }
        return lines.joined(separator: "\n")
    }

    /// Adds the Notes sheet to `workbook` and fills it.
    @discardableResult
    public static func write(_ notes: WorkbookNotes, into workbook: XLSXWorkbook, name: String = NotesSheet.name) throws -> XLSXWorksheet {
        let sheet = try workbook.addWorksheet(name: name)
        let heading = try workbook.format(for: CellStyle(bold: true, verticalAlignment: .top))
        let text = try workbook.format(for: CellStyle(verticalAlignment: .top, wrapText: true))
        let strong = try workbook.format(for: CellStyle(bold: true, verticalAlignment: .top, wrapText: true))
        let big = try workbook.format(for: CellStyle(bold: true, fontSize: 14))
        let textWidth = 100
        try sheet.setColumnWidth(0, width: 22)
        try sheet.setColumnWidth(1, width: Double(textWidth))

        var row = 0
        try sheet.write(string: name, row: row, col: 0, format: big)
        row += 2

        func line(_ label: String?, _ value: String, bold: Bool = false) throws {
            let value = fit(value.nfc)
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
                .reduce(0) { $0 + max(1, (ColumnWidth.displayWidth(of: String($1)) + textWidth - 1) / textWidth) }
            if lines > 1 { try sheet.setRowHeight(row, height: min(ExcelLimits.maxRowHeight, Double(lines) * 15)) }
            if let label { try sheet.write(string: label, row: row, col: 0, format: heading) }
            try sheet.write(string: value, row: row, col: 1, format: bold ? strong : text)
            row += 1
        }
        func list(_ label: String, _ values: [String], empty: String? = nil) throws {
            if values.isEmpty {
                if let empty { try line(label, empty) }
                return
            }
            for (i, v) in values.enumerated() { try line(i == 0 ? label : nil, v) }
        }

        let stamp = { (d: Date) in timestamp(d, timeZone: notes.timeZone) }
        if let title = notes.title { try line(Heading.title, title, bold: true) }
        if let file = notes.workbookFile { try line(Heading.workbookFile, file) }
        try line(Heading.generatedAt, stamp(notes.generatedAt))
        try line(Heading.version, notes.almanacVersion)
        try list(Heading.parameters, notes.parameters.map(\.description))

        for s in notes.sheets {
            row += 1
            try line(Heading.sheet, s.sheetName, bold: true)
            try line(Heading.size, "\(ReportError.grouped(s.rows)) dòng × \(s.columns) cột")
            if let q = s.query {
                try line(Heading.query, q.text.trimmingCharacters(in: .whitespacesAndNewlines))
                if q.isFile { try line(Heading.queryFile, q.name) }
            }
            try list(Heading.parameters, s.parameters.map(\.description))
            try list(Heading.datasets, s.datasets.map(describe), empty: "—")
            try list(Heading.columns, s.columnLines)
            try list(Heading.warnings, s.warnings.map(\.description), empty: noWarnings)
            // Every row a lenient load set aside, one per line, so nothing leaves the data unseen.
            for r in s.rejected {
                var lines = r.rows.prefix(maxRejectedLines).map { "\(r.source), dòng \($0.line): \($0.reason)\n\($0.text)" }
                if r.rows.count > maxRejectedLines {
                    lines.append("… và \(ReportError.grouped(r.rows.count - maxRejectedLines)) dòng nữa của \(r.source): xem báo cáo dòng bị loại (--rejects)")
                }
                try list(Heading.rejected, lines)
            }
            try line(Heading.generatedAt, stamp(s.generatedAt))
            try line(Heading.version, notes.almanacVersion)
        }
        return sheet
    }

    /// Text cut to Excel's cell limit, marked when cut.
    static func fit(_ text: String) -> String {
        guard text.utf16.count > ExcelLimits.maxCellTextLength else { return text }
        let marker = "… (đã cắt bớt)"
        var out = ""
        var used = 0
        let limit = ExcelLimits.maxCellTextLength - marker.utf16.count
        for ch in text {
            let n = ch.utf16.count
            if used + n > limit { break }
            out.append(ch)
            used += n
        }
        return out + marker
    }
}

/// The Almanac version written to Notes and document properties.
public enum AlmanacVersion {
    public static let current = "0.1.0"
}
