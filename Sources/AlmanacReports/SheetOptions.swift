import AlmanacXLSX

/// How period columns are written.
public enum PeriodStyle: String, Hashable, Sendable, CaseIterable {
    /// Excel-native where Excel has an equivalent: a month is the date of its first day shown `mm/yyyy`,
    /// a day a date shown `dd/mm/yyyy`, a year the number 2024 shown `0`; a quarter (no Excel
    /// equivalent) is the text `2024-Q3`. Workbook files spell it `periods = "date"`.
    case date
    /// Canonical text for every frequency: `2024`, `2024-Q3`, `2024-10`, `2024-10-15`.
    case text
}

/// A chart drawn from a sheet's own cells.
public struct ReportChart: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case line
        case column
        case stackedColumn = "stacked_column"
        case bar
        case stackedBar = "stacked_bar"

        var xlsxKind: ChartSpec.Kind {
            switch self {
            case .line: return .line
            case .column: return .column
            case .stackedColumn: return .stackedColumn
            case .bar: return .bar
            case .stackedBar: return .stackedBar
            }
        }
    }

    /// Where the chart goes.
    public enum Placement: String, Hashable, Sendable, CaseIterable {
        /// Top-left corner one column right of the table, level with the header.
        case right
        /// Top-left corner two rows below the table's last row, in column A.
        case below
    }

    public var kind: Kind
    /// The column holding the categories (x axis).
    public var x: String
    /// The columns plotted, one series each, named by their headers.
    public var y: [String]
    public var title: String?
    public var xAxisTitle: String?
    public var yAxisTitle: String?
    public var placement: Placement

    public init(kind: Kind, x: String, y: [String], title: String? = nil, xAxisTitle: String? = nil,
                yAxisTitle: String? = nil, placement: Placement = .right) {
        self.kind = kind
        self.x = x
        self.y = y
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.placement = placement
    }
}

/// Conditional font colours over whole columns (by column name).
public struct ColumnHighlights: Hashable, Sendable {
    /// Negative numbers in red.
    public var negativeRed: [String]
    /// Positive numbers in green.
    public var positiveGreen: [String]

    public init(negativeRed: [String] = [], positiveGreen: [String] = []) {
        self.negativeRed = negativeRed
        self.positiveGreen = positiveGreen
    }

    public var isEmpty: Bool { negativeRed.isEmpty && positiveGreen.isEmpty }
}

/// Everything about how one table becomes one worksheet.
public struct SheetOptions: Sendable {
    /// An optional title written in A1 above the table. Off by default. When set, the header moves to
    /// row 3 with row 2 left empty, so the title is never part of the table's contiguous region (Excel's
    /// sort, filter and "Format as Table" guesses stop at the empty row) and the autofilter range starts
    /// exactly at the header; panes freeze below the header, so the title stays visible too.
    public var title: String?
    /// How period columns are written.
    public var periods: PeriodStyle
    /// Write live formulas where `formulaHints` allow (with cached values); otherwise plain values.
    public var formulas: Bool
    /// Formula hints by column name (from the query engine).
    public var formulaHints: [String: FormulaHint]
    /// Header labels by column name; they win over `ColumnMeta.label`; the column name is the fallback.
    public var labels: [String: String]
    /// Presentation overrides by column name.
    public var formats: [String: ColumnPresentation]
    public var chart: ReportChart?
    public var highlights: ColumnHighlights
    /// Column widths are fitted to the header and the first and last this-many rows as displayed.
    public var widthSampleRows: Int
    /// Bold header with a light fill, panes frozen below it, an autofilter over the table.
    public var styledHeader: Bool
    /// Cells a warning concerns, by column name: data row → note. Each is filled light orange and carries its note;
    /// the Notes sheet says what the colour means.
    public var cellMarks: [String: [Int32: String]] = [:]

    public init(title: String? = nil, periods: PeriodStyle = .date, formulas: Bool = false,
                formulaHints: [String: FormulaHint] = [:], labels: [String: String] = [:],
                formats: [String: ColumnPresentation] = [:], chart: ReportChart? = nil,
                highlights: ColumnHighlights = ColumnHighlights(), widthSampleRows: Int = 1000,
                styledHeader: Bool = true) {
        self.title = title
        self.periods = periods
        self.formulas = formulas
        self.formulaHints = formulaHints
        self.labels = labels
        self.formats = formats
        self.chart = chart
        self.highlights = highlights
        self.widthSampleRows = widthSampleRows
        self.styledHeader = styledHeader
    }
}
