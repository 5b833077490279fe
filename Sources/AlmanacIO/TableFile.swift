import Foundation

/// A table file of either kind: a CSV file, or a sheet of an Excel workbook. Workbooks are recognised by extension
/// (`.xlsx`, and the spreadsheet formats Almanac names only to say what to do) or by their first bytes (a ZIP or a
/// compound file), so a workbook saved under another name is still read as one.
public enum TableFile {
    /// Whether `path` names files to stack (`xuat-khau/*.csv`) and at least one matches.
    public static func matchesFiles(_ path: String) -> Bool { StackedFiles.isPattern(path) && !StackedFiles.expand(path).isEmpty }

    /// Whether `path` is read as a workbook.
    public static func isWorkbook(_ path: String) -> Bool {
        if path == StandardInput.path { return false }
        if WorkbookReader.isSpreadsheetPath(path) { return true }
        let ext = (path as NSString).pathExtension.lowercased()
        if ["csv", "tsv", "txt"].contains(ext) { return false }
        switch WorkbookContainer.sniff(path: path) {
        case .zip?, .compoundFile?: return true
        default: return false
        }
    }

    /// The path that names standard input (`from "-"`), read as CSV.
    public static let standardInput = StandardInput.path

    /// Loads a CSV file, or a sheet of a workbook (the first when `sheet` is nil); `-` reads CSV from standard input.
    /// Rows whose key says they are totals are set aside into the report (`LoadReport.totals`) unless
    /// `options.totalRows` keeps them.
    public static func load(path: String, sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try TotalRowLoading.load(path: path, sheet: sheet, options: options) { try loadAsIs(path: path, sheet: sheet, options: $0) }
    }

    /// A load with every row the file has.
    static func loadAsIs(path: String, sheet: String?, options: CSVOptions) throws -> LoadResult {
        if StackedFiles.isPattern(path) { return try StackedFiles.load(pattern: path, sheet: sheet, options: options) }
        if isWorkbook(path) { return try WorkbookReader.load(path: path, sheet: sheet, options: options) }
        try refuseSheet(sheet, path)
        return try CSVReader.load(path: path, options: options)
    }

    /// Loads several files stacked into one table, in the order given (a catalog's `file = ["a.csv", "b.csv"]`).
    public static func load(files: [String], sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> LoadResult {
        if files.count == 1 { return try load(path: files[0], sheet: sheet, options: options) }
        let label = files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        return try TotalRowLoading.load(path: files[0], sheet: sheet, options: options) {
            try StackedFiles.load(files: files, label: label, sheet: sheet, options: $0)
        }
    }

    /// The column names a load of several stacked files would give.
    public static func header(files: [String], sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> [String] {
        guard let first = files.first else { return [] }
        if files.count == 1 { return try header(path: first, sheet: sheet, options: options) }
        return try stackedHeader(first: first, sheet: sheet, options: options)
    }

    /// The column names a load would give.
    public static func header(path: String, sheet: String? = nil, options: CSVOptions = CSVOptions()) throws -> [String] {
        if StackedFiles.isPattern(path) {
            guard let first = StackedFiles.expand(path).first else { throw CSVError(file: path, message: "no file matches '\(path)'") }
            return try stackedHeader(first: first, sheet: sheet, options: options)
        }
        if isWorkbook(path) { return try WorkbookReader.header(path: path, sheet: sheet, options: options) }
        try refuseSheet(sheet, path)
        return try CSVReader.header(path: path, options: options)
    }

    /// The columns of stacked files: the first file's, with the period from the file names before them and the
    /// file name column after, as `StackedFiles` adds them.
    static func stackedHeader(first: String, sheet: String?, options: CSVOptions) throws -> [String] {
        (options.periodFromFileName.map { [$0] } ?? []) + (try header(path: first, sheet: sheet, options: options)) + (options.fileColumn.map { [$0] } ?? [])
    }

    static func refuseSheet(_ sheet: String?, _ path: String) throws {
        guard let sheet else { return }
        throw CSVError(file: path, message: "a sheet ('\(sheet)') is named, but this is a CSV file, not a workbook",
                       hint: "name a sheet only for an .xlsx file")
    }
}
