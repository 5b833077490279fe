/// One worksheet of an ``XLSXWorkbook``; valid only inside the workbook's
/// `write(to:…)` scope.
///
/// Rows and columns are zero-based (`row: 0, col: 0` is A1). Every write checks
/// Excel's limits first and throws a precise ``XLSXError``; nothing is silently
/// dropped. In constant-memory mode rows must be written in non-decreasing order.
public final class XLSXWorksheet {
    /// The sheet's name as written to the file (Unicode NFC).
    public let name: String
    /// Zero-based position of the sheet in the workbook.
    public let index: Int

    let workbook: XLSXWorkbook
    let lxw: LXWWorksheet
    private let formats: FormatCache
    private let constantMemory: Bool
    /// In constant-memory mode, the row libxlsxwriter is currently filling.
    private(set) var currentRow = 0

    init(workbook: XLSXWorkbook, lxw: LXWWorksheet, name: String, index: Int) {
        self.workbook = workbook
        self.lxw = lxw
        self.name = name
        self.index = index
        self.formats = workbook.formats
        self.constantMemory = workbook.options.constantMemory
    }

    // MARK: Cells

    /// Writes a number.
    ///
    /// - Throws: ``XLSXError/nonFiniteNumber(row:column:)`` for NaN or infinity, range
    ///   and ordering errors as described on the type.
    public func write(number: Double, row: Int, col: Int, format: XLSXFormat? = nil) throws {
        let (r, c) = try cell(row, col)
        guard number.isFinite else { throw XLSXError.nonFiniteNumber(row: row, column: col) }
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeNumber(r, c, number, f)
    }

    /// Writes text, always as a string: text starting with `=`, `+`, `-` or `@`
    /// is stored verbatim and never interpreted as a formula.
    ///
    /// Empty text without a format leaves the cell empty (Excel has no empty string
    /// cell); with a format it becomes a formatted blank.
    ///
    /// - Throws: ``XLSXError/textTooLong(row:column:length:)`` above 32,767 UTF-16 units.
    public func write(string: String, row: Int, col: Int, format: XLSXFormat? = nil) throws {
        let (r, c) = try cell(row, col)
        try ExcelLimits.checkCellText(string, row: row, column: col)
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeString(r, c, string, f)
    }

    /// Writes a formatted empty cell (an unformatted blank is nothing to Excel, so a
    /// format is required).
    public func writeBlank(row: Int, col: Int, format: XLSXFormat) throws {
        let (r, c) = try cell(row, col)
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeBlank(r, c, f)
    }

    /// Writes a formula together with the number Excel shows before recalculating.
    ///
    /// - Parameters:
    ///   - formula: e.g. `"=SUM(B2:B13)"`; the leading `=` is optional.
    ///   - cachedNumber: the formula's current value, stored in the file.
    public func writeFormula(_ formula: String, cachedNumber: Double, row: Int, col: Int, format: XLSXFormat? = nil) throws {
        let (r, c) = try cell(row, col)
        try Self.checkFormula(formula, row: row, col: col)
        guard cachedNumber.isFinite else { throw XLSXError.nonFiniteNumber(row: row, column: col) }
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeFormula(r, c, formula, f, cachedNumber: cachedNumber)
    }

    /// Writes a formula whose current value is text.
    public func writeFormula(_ formula: String, cachedString: String, row: Int, col: Int, format: XLSXFormat? = nil) throws {
        let (r, c) = try cell(row, col)
        try Self.checkFormula(formula, row: row, col: col)
        try ExcelLimits.checkCellText(cachedString, row: row, column: col)
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeFormula(r, c, formula, f, cachedString: cachedString)
    }

    /// Writes TRUE or FALSE.
    public func writeBoolean(_ value: Bool, row: Int, col: Int, format: XLSXFormat? = nil) throws {
        let (r, c) = try cell(row, col)
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeBoolean(r, c, value, f)
    }

    /// Writes a calendar date as an Excel date serial.
    ///
    /// - Parameter format: a date format such as `CellStyle(numberFormat: .dayMonthYear)`;
    ///   without one Excel would show the bare serial number.
    /// - Throws: ``XLSXError/invalidDate(year:month:day:)`` for dates that don't exist
    ///   or lie outside 1900-01-01...9999-12-31.
    public func writeDate(year: Int, month: Int, day: Int, row: Int, col: Int, format: XLSXFormat) throws {
        let (r, c) = try cell(row, col)
        guard Self.isValidDate(year: year, month: month, day: day) else {
            throw XLSXError.invalidDate(year: year, month: month, day: day)
        }
        let f = try formats.resolve(format)
        try advance(to: row)
        try lxw.writeDate(r, c, year: year, month: month, day: day, f)
    }

    /// Attaches a note (comment) to a cell.
    public func writeComment(_ text: String, row: Int, col: Int) throws {
        let (r, c) = try cell(row, col)
        try ExcelLimits.checkCellText(text, row: row, column: col)
        try checkOrder(row)
        try lxw.writeComment(r, c, text)
    }

    // MARK: Checks

    /// Checks the scope and the cell's coordinates.
    @inline(__always)
    func cell(_ row: Int, _ col: Int) throws -> (UInt32, UInt16) {
        guard workbook.isOpen else { throw XLSXError.outsideScope("worksheet \"\(name)\"") }
        try ExcelLimits.checkRow(row)
        try ExcelLimits.checkColumn(col)
        return (UInt32(truncatingIfNeeded: row), UInt16(truncatingIfNeeded: col))
    }

    /// Throws if constant-memory mode has already moved past `row`.
    @inline(__always)
    func checkOrder(_ row: Int) throws {
        if constantMemory, row < currentRow {
            throw XLSXError.rowOutOfOrder(sheet: name, row: row, currentRow: currentRow)
        }
    }

    /// Checks the order and makes `row` the current row (constant-memory mode).
    ///
    /// libxlsxwriter itself returns a generic "index out of range" for an earlier
    /// row in this mode; this check runs first so the error says what happened.
    @inline(__always)
    func advance(to row: Int) throws {
        guard constantMemory else { return }
        try checkOrder(row)
        currentRow = row
    }

    private static func checkFormula(_ formula: String, row: Int, col: Int) throws {
        let body = formula.hasPrefix("=") ? formula.dropFirst() : Substring(formula)
        if body.isEmpty {
            throw XLSXError.invalidFormula(row: row, column: col, reason: "the formula is empty")
        }
        let length = body.utf16.count
        if length > ExcelLimits.maxFormulaLength {
            throw XLSXError.invalidFormula(
                row: row, column: col,
                reason: "\(length) characters; Excel allows at most \(ExcelLimits.maxFormulaLength)")
        }
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
