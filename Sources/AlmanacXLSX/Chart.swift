/// A rectangle of cells on a named sheet, used for chart data.
///
/// The sheet is given by name; quoting names with spaces or Vietnamese letters
/// in the chart formulas (`'Hà Giang'!$B$2:$B$13`) is libxlsxwriter's job.
public struct CellRange: Hashable, Sendable {
    /// Name of the sheet holding the cells.
    public var sheet: String
    /// First row (zero-based).
    public var firstRow: Int
    /// First column (zero-based).
    public var firstCol: Int
    /// Last row (zero-based, inclusive).
    public var lastRow: Int
    /// Last column (zero-based, inclusive).
    public var lastCol: Int

    /// Creates a range from its corners (zero-based, inclusive).
    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// Rows `rows` of column `col` on `sheet`.
    public static func column(_ col: Int, rows: ClosedRange<Int>, in sheet: String) -> CellRange {
        CellRange(sheet: sheet, firstRow: rows.lowerBound, firstCol: col, lastRow: rows.upperBound, lastCol: col)
    }

    /// Columns `cols` of row `row` on `sheet`.
    public static func row(_ row: Int, cols: ClosedRange<Int>, in sheet: String) -> CellRange {
        CellRange(sheet: sheet, firstRow: row, firstCol: cols.lowerBound, lastRow: row, lastCol: cols.upperBound)
    }

    func validate() throws {
        try SheetName.validate(sheet)
        try ExcelLimits.checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
    }
}

/// One data series of a chart.
public struct ChartSeries: Hashable, Sendable {
    /// Where a series name comes from.
    public enum Name: Hashable, Sendable {
        /// Literal text (must not start with `=`, which libxlsxwriter would read as a formula).
        case text(String)
        /// The text of one cell, e.g. the column header.
        case cell(sheet: String, row: Int, col: Int)
    }

    /// Legend name; `nil` lets Excel write "Series1", ….
    public var name: Name?
    /// Category (x) labels; `nil` uses 1, 2, 3, ….
    public var categories: CellRange?
    /// The numbers to plot.
    public var values: CellRange

    /// Creates a series.
    public init(name: Name? = nil, categories: CellRange? = nil, values: CellRange) {
        self.name = name
        self.categories = categories
        self.values = values
    }
}

/// A chart to insert into a worksheet: a plain value, validated on insertion.
public struct ChartSpec: Hashable, Sendable {
    /// Chart type.
    public enum Kind: Hashable, Sendable {
        /// Lines.
        case line
        /// Vertical bars side by side (clustered).
        case column
        /// Vertical bars stacked.
        case stackedColumn
        /// Vertical bars stacked to 100%.
        case percentStackedColumn
        /// Horizontal bars side by side.
        case bar
        /// Horizontal bars stacked.
        case stackedBar
        /// Pie (exactly one series).
        case pie
    }

    /// Where the legend sits.
    public enum LegendPosition: Hashable, Sendable {
        /// Right of the plot (Excel's default).
        case right
        /// Left of the plot.
        case left
        /// Above the plot.
        case top
        /// Below the plot.
        case bottom
        /// No legend.
        case none
    }

    /// Chart type.
    public var kind: Kind
    /// Title above the chart.
    public var title: String?
    /// Title of the category axis (horizontal for line/column, vertical for bar).
    public var xAxisTitle: String?
    /// Title of the value axis. Ignored for pie charts, as is ``xAxisTitle``.
    public var yAxisTitle: String?
    /// Data series, in legend order.
    public var series: [ChartSeries]
    /// Legend position.
    public var legend: LegendPosition
    /// Width in pixels (default 480).
    public var width: Int
    /// Height in pixels (default 288).
    public var height: Int
    /// Excel built-in chart style 1…48; `nil` for the default (2).
    public var style: Int?
    /// Number format of the category axis labels (e.g. `mm/yyyy` when the categories are dates).
    public var categoryNumberFormat: String?
    /// Number format of the value axis labels (e.g. `0%`).
    public var valueNumberFormat: String?

    /// Creates a chart description.
    public init(
        kind: Kind, title: String? = nil, xAxisTitle: String? = nil, yAxisTitle: String? = nil,
        series: [ChartSeries], legend: LegendPosition = .bottom,
        width: Int = 480, height: Int = 288, style: Int? = nil
    ) {
        self.kind = kind
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.legend = legend
        self.width = width
        self.height = height
        self.style = style
    }

    /// libxlsxwriter's default chart size, to which ``width`` and ``height`` are scaled.
    static let defaultWidth = 480.0
    static let defaultHeight = 288.0

    /// Throws ``XLSXError/invalidChart(_:)`` or a range error for anything Excel can't draw.
    func validate() throws {
        guard !series.isEmpty else { throw XLSXError.invalidChart("a chart needs at least one series") }
        if kind == .pie, series.count != 1 {
            throw XLSXError.invalidChart("a pie chart shows exactly one series, got \(series.count)")
        }
        guard (20...8000).contains(width), (20...8000).contains(height) else {
            throw XLSXError.invalidChart("size \(width)×\(height) px is outside 20...8000 px")
        }
        if let style, !(1...48).contains(style) {
            throw XLSXError.invalidChart("style \(style) is outside 1...48")
        }
        for (label, text) in [("title", title), ("x-axis title", xAxisTitle), ("y-axis title", yAxisTitle)] {
            if let text { try Self.checkLiteral(text, what: label) }
        }
        for (i, s) in series.enumerated() {
            try s.values.validate()
            try s.categories?.validate()
            switch s.name {
            case let .text(text)?: try Self.checkLiteral(text, what: "series \(i + 1) name")
            case let .cell(sheet, row, col)?:
                try SheetName.validate(sheet)
                try ExcelLimits.checkRow(row)
                try ExcelLimits.checkColumn(col)
            case nil: break
            }
        }
    }

    /// Literal chart text must not start with "=" (libxlsxwriter would treat it as a formula).
    private static func checkLiteral(_ text: String, what: String) throws {
        if text.hasPrefix("=") {
            throw XLSXError.invalidChart("\(what) \"\(text)\" starts with '=', which Excel would read as a formula")
        }
        guard ExcelLimits.cellTextFits(text) else {
            throw XLSXError.invalidChart("\(what) is longer than \(ExcelLimits.maxCellTextLength) characters")
        }
    }

    /// Every sheet the chart reads from.
    var referencedSheets: [String] {
        var names: [String] = []
        for s in series {
            names.append(s.values.sheet)
            if let c = s.categories { names.append(c.sheet) }
            if case let .cell(sheet, _, _)? = s.name { names.append(sheet) }
        }
        return names
    }
}
