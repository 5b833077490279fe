/// Column widths, row heights, panes, filters and merged cells.
extension XLSXWorksheet {
    /// Sets the width of one column, in Excel character units (0…255; 8.43 is
    /// Excel's default). See ``ColumnWidth/fit(_:minimum:maximum:padding:autofilterButton:)``.
    public func setColumnWidth(_ col: Int, width: Double, format: XLSXFormat? = nil) throws {
        try setColumnWidth(columns: col...col, width: width, format: format)
    }

    /// Sets the width (and optionally a default format) of a run of columns.
    public func setColumnWidth(columns: ClosedRange<Int>, width: Double, format: XLSXFormat? = nil) throws {
        try workbook.ensureOpen("worksheet \"\(name)\"")
        try ExcelLimits.checkColumn(columns.lowerBound)
        try ExcelLimits.checkColumn(columns.upperBound)
        guard width.isFinite, width >= 0, width <= ExcelLimits.maxColumnWidth else {
            throw XLSXError.invalidArgument("column width \(width) is outside 0...\(ExcelLimits.maxColumnWidth)")
        }
        let f = try workbook.formats.resolve(format)
        try lxw.setColumns(UInt16(columns.lowerBound), UInt16(columns.upperBound), width: width, f)
    }

    /// Sets a row's height in points (0…409; 15 is Excel's default).
    ///
    /// In constant-memory mode this counts as writing to the row, so it must
    /// come in row order like cell writes.
    public func setRowHeight(_ row: Int, height: Double, format: XLSXFormat? = nil) throws {
        let (r, _) = try cell(row, 0)
        guard height.isFinite, height >= 0, height <= ExcelLimits.maxRowHeight else {
            throw XLSXError.invalidArgument("row height \(height) is outside 0...\(ExcelLimits.maxRowHeight)")
        }
        let f = try workbook.formats.resolve(format)
        try advance(to: row)
        try lxw.setRow(r, height: height, f)
    }

    /// Freezes the rows above `row` and the columns left of `col`
    /// (`freezePanes(row: 1, col: 0)` keeps a header row visible).
    public func freezePanes(row: Int, col: Int) throws {
        let (r, c) = try cell(row, col)
        lxw.freezePanes(r, c)
    }

    /// Adds filter buttons to the header row of the given rectangle
    /// (`firstRow` is the header row).
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        try workbook.ensureOpen("worksheet \"\(name)\"")
        try ExcelLimits.checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        try lxw.autofilter(UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol))
    }

    /// Merges a rectangle of at least two cells and writes `string` into it.
    ///
    /// In constant-memory mode the rectangle must start at or after the current
    /// row, and afterwards its last row is the current row.
    public func mergeRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                           string: String, format: XLSXFormat? = nil) throws {
        try workbook.ensureOpen("worksheet \"\(name)\"")
        try ExcelLimits.checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        guard firstRow != lastRow || firstCol != lastCol else {
            throw XLSXError.invalidRange("a merged range needs at least two cells")
        }
        try ExcelLimits.checkCellText(string, row: firstRow, column: firstCol)
        let f = try workbook.formats.resolve(format)
        try checkOrder(firstRow)
        try lxw.mergeRange(UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol), string, f)
        try advance(to: lastRow)
    }
}
