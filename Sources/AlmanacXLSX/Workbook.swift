import Foundation

/// Identifiers that tie ``XLSXFormat`` handles to their workbook.
private let workbookIDLock = NSLock()
nonisolated(unsafe) private var lastWorkbookID: UInt64 = 0
private func nextWorkbookID() -> UInt64 {
    workbookIDLock.lock()
    defer { workbookIDLock.unlock() }
    lastWorkbookID &+= 1
    return lastWorkbookID
}

/// An Excel workbook being written, valid only inside ``write(to:options:properties:_:)``.
///
/// ```swift
/// try XLSXWorkbook.write(to: url, properties: .init(title: "GRDP 2024")) { wb in
///     let sheet = try wb.addWorksheet(name: "Hà Giang")
///     let money = try wb.format(for: CellStyle(numberFormat: .integerGrouped))
///     try sheet.write(string: "Tỉnh", row: 0, col: 0)
///     try sheet.write(number: 1_234_567, row: 1, col: 0, format: money)
/// }
/// ```
///
/// Not thread-safe: use one workbook from one thread at a time.
public final class XLSXWorkbook {
    /// How the workbook is written.
    public struct Options: Equatable, Sendable {
        /// Stream each finished row to disk (libxlsxwriter's `constant_memory`):
        /// memory stays flat for millions of rows, but rows must be written in
        /// non-decreasing order (checked; see ``XLSXError/rowOutOfOrder(sheet:row:currentRow:)``)
        /// and strings are stored inline rather than in the shared-string table.
        public var constantMemory: Bool
        /// Allow ZIP64 so parts may exceed 4 GB.
        public var useZip64: Bool
        /// Folder for libxlsxwriter's own scratch files; `nil` for the system default.
        public var temporaryDirectory: URL?
        /// `fsync` the finished file before renaming it over the destination.
        public var syncBeforeRename: Bool

        /// Creates options; the defaults are the in-memory mode and a durable save.
        public init(constantMemory: Bool = false, useZip64: Bool = false,
                    temporaryDirectory: URL? = nil, syncBeforeRename: Bool = true) {
            self.constantMemory = constantMemory
            self.useZip64 = useZip64
            self.temporaryDirectory = temporaryDirectory
            self.syncBeforeRename = syncBeforeRename
        }
    }

    /// The options the workbook was opened with.
    public let options: Options
    let lxw: LXWWorkbook
    let formats: FormatCache
    private(set) var isOpen = true
    private var lxwSheets: [LXWWorksheet] = []
    private var names: [String] = []
    private var namesByKey: [String: String] = [:]
    private var chartSheetReferences: [String] = []

    private init(path: String, options: Options, properties: DocumentProperties) throws {
        self.options = options
        self.formats = FormatCache(workbookID: nextWorkbookID())
        self.lxw = try LXWWorkbook.open(path: path, constantMemory: options.constantMemory,
                                        tmpdir: options.temporaryDirectory?.path, useZip64: options.useZip64)
        do {
            try lxw.setProperties(properties)
        } catch {
            discard()
            throw error
        }
    }

    /// Writes a workbook to `url` atomically.
    ///
    /// `body` fills the workbook. The file is assembled in a hidden temporary file
    /// beside `url` (`.name.xlsx.tmp-PID-random`) and renamed over `url` only when
    /// `body` returned and libxlsxwriter closed the file without error. If anything
    /// throws, the temporary file is removed and whatever was at `url` before is
    /// left exactly as it was. Missing parent folders are created.
    ///
    /// The workbook and its worksheets must not be used after `body` returns;
    /// doing so throws ``XLSXError/outsideScope(_:)``.
    ///
    /// - Returns: whatever `body` returns.
    @discardableResult
    public static func write<T>(
        to url: URL, options: Options = Options(), properties: DocumentProperties = DocumentProperties(),
        _ body: (XLSXWorkbook) throws -> T
    ) throws -> T {
        try AtomicFile.write(to: url, sync: options.syncBeforeRename) { tempPath in
            let workbook = try XLSXWorkbook(path: tempPath, options: options, properties: properties)
            let result: T
            do {
                result = try body(workbook)
                try workbook.checkChartReferences()
            } catch {
                workbook.discard()
                throw error
            }
            try workbook.close()
            return result
        }
    }

    // MARK: Worksheets

    /// Adds a worksheet named exactly `name` (stored in Unicode NFC).
    ///
    /// - Throws: ``XLSXError/invalidSheetName(name:problem:)`` if the name breaks an
    ///   Excel rule, ``XLSXError/duplicateSheetName(name:existing:)`` if a sheet with
    ///   the same name (ignoring case, after NFC) exists.
    public func addWorksheet(name: String) throws -> XLSXWorksheet {
        try ensureOpen()
        let normalized = SheetName.normalized(name)
        if let problem = SheetName.problem(in: normalized) {
            throw XLSXError.invalidSheetName(name: name, problem: problem)
        }
        let key = SheetName.comparisonKey(normalized)
        if let existing = namesByKey[key] {
            throw XLSXError.duplicateSheetName(name: name, existing: existing)
        }
        let sheet = try lxw.addWorksheet(name: normalized)
        sheet.fixQuotedName(normalized)
        lxwSheets.append(sheet)
        names.append(normalized)
        namesByKey[key] = normalized
        return XLSXWorksheet(workbook: self, lxw: sheet, name: normalized, index: names.count - 1)
    }

    /// Adds a worksheet whose name is derived from any `title` with
    /// ``SheetName/make(from:existing:)``: illegal characters replaced, long titles
    /// shortened, duplicates numbered.
    ///
    /// - Returns: the worksheet, whether its name differs from `title`, and why.
    public func addWorksheet(derivedFrom title: String) throws
        -> (worksheet: XLSXWorksheet, adjusted: Bool, reason: String?)
    {
        try ensureOpen()
        let made = SheetName.make(from: title, existing: Set(names))
        return (try addWorksheet(name: made.name), made.adjusted, made.reason)
    }

    /// Names of the worksheets added so far, in order.
    public var worksheetNames: [String] { names }

    /// The registered spelling of `sheet` (ignoring case and normalization), if any.
    func registeredName(_ sheet: String) -> String? {
        namesByKey[SheetName.comparisonKey(sheet)]
    }

    /// The name to give libxlsxwriter for a chart reference to `sheet`; sheets not
    /// added yet are checked when the workbook is saved.
    func chartReference(to sheet: String) -> String {
        if let name = registeredName(sheet) { return name }
        let normalized = SheetName.normalized(sheet)
        chartSheetReferences.append(normalized)
        return normalized
    }

    private func checkChartReferences() throws {
        for name in chartSheetReferences where registeredName(name) == nil {
            throw XLSXError.unknownSheet(name: name)
        }
    }

    // MARK: Formats

    /// The format handle for `style`, created on first request.
    ///
    /// Each distinct style yields exactly one libxlsxwriter format per workbook;
    /// asking again returns the same handle. Keep the handle for hot loops.
    ///
    /// - Throws: ``XLSXError/invalidStyle(_:)`` for a style Excel cannot store.
    public func format(for style: CellStyle) throws -> XLSXFormat {
        try ensureOpen()
        return try formats.format(for: style) { try lxw.addFormat($0) }
    }

    /// How many distinct formats this workbook has created.
    public var distinctFormatCount: Int { formats.count }

    /// The libxlsxwriter version this module is linked against, e.g. "1.1.4".
    public static var libraryVersion: String { LXW.version }

    // MARK: Lifecycle

    func ensureOpen(_ what: @autoclosure () -> String = "the workbook") throws {
        guard isOpen else { throw XLSXError.outsideScope(what()) }
    }

    private func close() throws {
        isOpen = false
        try lxw.close()
    }

    private func discard() {
        guard isOpen else { return }
        isOpen = false
        lxw.discard(worksheets: lxwSheets)
    }
}
