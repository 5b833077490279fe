import AlmanacCore

/// What a load found besides the table: rows left out, notes on inference, null markers seen.
public struct LoadReport: Sendable {
    public var file: String
    public var bytes: Int
    public var delimiter: UInt8
    /// Rows a lenient load rejected, each with its line and reason.
    public var rejected: [RejectedRow] = []
    /// Per column: how many null markers (`NA`, `-`, …) were read as null.
    public var markerNulls: [String: Int] = [:]
    /// Per column: why its type was chosen (also stored in `ColumnMeta.inferenceNote`).
    public var notes: [String: String] = [:]
    /// How many times the parse was re-run because the sample misled inference.
    public var rereads = 0
    /// A workbook: the sheet read, and every sheet it has, in order.
    public var sheet: String? = nil
    public var sheets: [String] = []
    /// A workbook: per column, how many error cells (`#N/A`, `#DIV/0!`) were read as null.
    public var errorCells: [String: Int] = [:]
    /// Located problems that did not stop the load (a formula with no saved value), one line each.
    public var warnings: [String] = []
    /// A layout made for printing: which rows were not the table and why, a two-row header, a unit line.
    public var layout: [String] = []
    /// Rows whose key says they are totals (`Tổng cộng`), set aside, and the totals that differ from their parts.
    public var totals: SetAsideTotals? = nil
    /// Where the table's rows are in the file (for naming total rows; read again only when there are some).
    package var locator: RowLocator = .none
    /// A file not in UTF-8: the encoding it was read in and how that was known (`Windows-1258 (Vietnamese)
    /// (declared), transcoded to UTF-8`); nil for UTF-8.
    public var encoding: String? = nil

    public init(file: String, bytes: Int, delimiter: UInt8) {
        self.file = file
        self.bytes = bytes
        self.delimiter = delimiter
    }
}

/// A loaded table and its report.
public struct LoadResult: Sendable {
    public var table: Table
    public var report: LoadReport

    public init(table: Table, report: LoadReport) {
        self.table = table
        self.report = report
    }
}
