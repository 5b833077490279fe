import AlmanacCore

/// How numbers are written in a file.
public struct NumberStyle: Sendable, Hashable {
    /// The decimal mark: `.` (default) or `,` (Vietnamese style, declared, never guessed).
    public var decimalMark: UInt8
    /// A thousands separator to skip inside numbers (`,` or `.` or space), when declared.
    public var thousandsSeparator: UInt8?

    public init(decimalMark: UInt8 = UInt8(ascii: "."), thousandsSeparator: UInt8? = nil) {
        self.decimalMark = decimalMark
        self.thousandsSeparator = thousandsSeparator
    }

    public static let standard = NumberStyle()
    /// `1.234,5`: decimal comma, dot for thousands.
    public static let vietnamese = NumberStyle(decimalMark: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: "."))
}

/// Options for reading one CSV file.
public struct CSVOptions: Sendable {
    /// `,`, `;` or tab; nil = detect from the first lines.
    public var delimiter: UInt8?
    public var numberStyle: NumberStyle
    /// Field texts that mean "no value" in numeric and period columns (the empty field always does).
    public var nullMarkers: [String]
    /// Declared types by column name; these override inference.
    public var declaredTypes: [String: DataType]
    /// Declared `a/b/yyyy` order; nil = infer (day-first when ambiguous).
    public var dayOrder: DayOrder?
    /// Load the good rows and report the bad ones instead of failing on the first.
    public var lenient: Bool
    /// Parse only these columns (nil = all).
    public var columns: Set<String>?
    /// Worker threads (nil = all cores).
    public var threads: Int?
    /// Records read to infer types before the full parse.
    public var sampleRows: Int
    /// Read only the first records (at most this many): a preview, or a schema without reading the data. The
    /// records are parsed exactly as a full load would parse them.
    public var maxRows: Int? = nil
    /// Layouts made for printing (workbooks): the header's row, 1-based (`header_row`; nil = found from the rows'
    /// shapes), and how many rows at the end are not the table (`skip_footer`; nil = footer lines found by their words).
    public var headerRow: Int? = nil
    public var skipFooter: Int? = nil
    /// Files stacked by a pattern: a column holding each row's file name (`file_column`), and a period column read
    /// from the file names (`period = "file name"`), by these names.
    public var fileColumn: String? = nil
    public var periodFromFileName: String? = nil
    /// Rows whose key says they are totals (`Tổng cộng`, `Total`): set aside (the default) or kept (`totals = "keep"`).
    public var totalRows: TotalRowPolicy = .setAside
    /// Columns the catalog names as the period (`period = "code"`): read as periods as a time header would be.
    public var periodNames: Set<String> = []
    /// The file's text encoding when declared (`encoding = "windows-1258"`, `--encoding`); nil: UTF-8, or UTF-16 by
    /// its byte-order mark.
    public var encoding: TextEncoding? = nil

    public static let defaultNullMarkers = ["NA", "N/A", "NULL", "null", "-", "..", "n/a", "#N/A"]

    public init(delimiter: UInt8? = nil, numberStyle: NumberStyle = .standard, nullMarkers: [String] = CSVOptions.defaultNullMarkers,
                declaredTypes: [String: DataType] = [:], dayOrder: DayOrder? = nil, lenient: Bool = false,
                columns: Set<String>? = nil, threads: Int? = nil, sampleRows: Int = 2000) {
        self.delimiter = delimiter
        self.numberStyle = numberStyle
        self.nullMarkers = nullMarkers
        self.declaredTypes = declaredTypes
        self.dayOrder = dayOrder
        self.lenient = lenient
        self.columns = columns
        self.threads = threads
        self.sampleRows = sampleRows
    }
}
