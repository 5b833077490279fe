/// Excel's hard limits for the `.xlsx` format, checked before any write.
///
/// All row and column indexes in this module are zero-based.
public enum ExcelLimits {
    /// Rows per worksheet (valid row indexes: `0..<maxRows`).
    public static let maxRows = 1_048_576
    /// Columns per worksheet, A…XFD (valid column indexes: `0..<maxColumns`).
    public static let maxColumns = 16_384
    /// Characters per cell, counted in UTF-16 code units as Excel counts them.
    public static let maxCellTextLength = 32_767
    /// Characters in a formula, counted in UTF-16 code units.
    public static let maxFormulaLength = 8_192
    /// Characters in a sheet name, counted in UTF-16 code units.
    public static let maxSheetNameLength = 31
    /// Widest column, in Excel character units.
    public static let maxColumnWidth = 255.0
    /// Tallest row, in points.
    public static let maxRowHeight = 409.0

    /// Throws unless `row` is a valid zero-based row index.
    @inline(__always)
    static func checkRow(_ row: Int) throws {
        guard row >= 0, row < maxRows else { throw XLSXError.rowOutOfRange(row: row) }
    }

    /// Throws unless `column` is a valid zero-based column index.
    @inline(__always)
    static func checkColumn(_ column: Int) throws {
        guard column >= 0, column < maxColumns else { throw XLSXError.columnOutOfRange(column: column) }
    }

    /// Throws unless the rectangle lies inside the sheet and is ordered first ≤ last.
    static func checkRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        try checkRow(firstRow)
        try checkRow(lastRow)
        try checkColumn(firstCol)
        try checkColumn(lastCol)
        guard firstRow <= lastRow, firstCol <= lastCol else {
            throw XLSXError.invalidRange(
                "first cell (\(firstRow), \(firstCol)) must not be after last cell (\(lastRow), \(lastCol))")
        }
    }

    /// The length of `text` as Excel counts it (UTF-16 units), computed cheaply.
    ///
    /// UTF-16 never needs more units than UTF-8 needs bytes, so short strings
    /// skip the O(n) UTF-16 count.
    @inline(__always)
    static func cellTextFits(_ text: String) -> Bool {
        if text.utf8.count <= maxCellTextLength { return true }
        return text.utf16.count <= maxCellTextLength
    }

    /// Throws ``XLSXError/textTooLong(row:column:length:)`` when `text` exceeds the cell limit.
    @inline(__always)
    static func checkCellText(_ text: String, row: Int, column: Int) throws {
        guard cellTextFits(text) else {
            throw XLSXError.textTooLong(row: row, column: column, length: text.utf16.count)
        }
    }
}
