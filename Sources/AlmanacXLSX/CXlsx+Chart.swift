// libxlsxwriter calls (see CXlsx+Calls.swift for the rules every C call follows).

import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Chart

/// A typed `lxw_chart *`, owned by its workbook.
struct LXWChart {
    let raw: UnsafeMutablePointer<lxw_chart>

    /// `chart_add_series` with no formula strings; ranges are set by sheet name and row/column.
    func addSeries() throws -> LXWSeries {
        guard let s = chart_add_series(raw, nil, nil) else { throw LXW.nullResult("chart_add_series") }
        return LXWSeries(raw: s)
    }

    func setTitle(_ text: String) { chart_title_set_name(raw, text) }

    /// Titles the category or the value axis. libxlsxwriter names axes by
    /// orientation: for horizontal bar charts its X axis is the (horizontal)
    /// value axis, so the mapping flips.
    func setAxisTitle(categoryAxis: Bool, horizontalBars: Bool, _ text: String) {
        let useX = categoryAxis != horizontalBars
        let axis = chart_axis_get(raw, useX ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y)
        if let axis { chart_axis_set_name(axis, text) }
    }

    /// Sets the number format of the category or the value axis labels (same orientation rule as the titles).
    func setAxisNumberFormat(categoryAxis: Bool, horizontalBars: Bool, _ format: String) {
        let useX = categoryAxis != horizontalBars
        let axis = chart_axis_get(raw, useX ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y)
        if let axis { chart_axis_set_num_format(axis, format) }
    }

    func setLegend(_ position: ChartSpec.LegendPosition) {
        let p: lxw_chart_legend_position
        switch position {
        case .right: p = LXW_CHART_LEGEND_RIGHT
        case .left: p = LXW_CHART_LEGEND_LEFT
        case .top: p = LXW_CHART_LEGEND_TOP
        case .bottom: p = LXW_CHART_LEGEND_BOTTOM
        case .none: p = LXW_CHART_LEGEND_NONE
        }
        chart_legend_set_position(raw, UInt8(p.rawValue))
    }

    func setStyle(_ style: Int) { chart_set_style(raw, UInt8(style)) }
}

/// A typed `lxw_chart_series *`, owned by its chart.
struct LXWSeries {
    let raw: UnsafeMutablePointer<lxw_chart_series>

    func setValues(_ r: CellRange) {
        chart_series_set_values(raw, r.sheet, UInt32(r.firstRow), UInt16(r.firstCol), UInt32(r.lastRow), UInt16(r.lastCol))
        Self.fixQuoting(raw.pointee.values, r.sheet, r.firstRow, r.firstCol, r.lastRow, r.lastCol)
    }

    func setCategories(_ r: CellRange) {
        chart_series_set_categories(raw, r.sheet, UInt32(r.firstRow), UInt16(r.firstCol), UInt32(r.lastRow), UInt16(r.lastCol))
        Self.fixQuoting(raw.pointee.categories, r.sheet, r.firstRow, r.firstCol, r.lastRow, r.lastCol)
    }

    func setName(_ text: String) { chart_series_set_name(raw, text) }

    func setNameCell(sheet: String, row: Int, col: Int) {
        chart_series_set_name_range(raw, sheet, UInt32(row), UInt16(col))
        Self.fixQuoting(raw.pointee.title.range, sheet, row, col, row, col)
    }

    /// libxlsxwriter 1.1.4 leaves names such as "2024" or "A1" unquoted in range
    /// formulas, which Excel rejects. The range keeps the plain sheet name (used to
    /// find the data for the chart cache); only its formula text is rebuilt.
    private static func fixQuoting(_ range: UnsafeMutablePointer<lxw_series_range>?, _ sheet: String,
                                   _ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int) {
        guard let range, SheetName.needsQuotingBeyondLibxlsxwriter(sheet) else { return }
        var buffer = [CChar](repeating: 0, count: 512)
        lxw_rowcol_to_formula_abs(&buffer, SheetName.referenceForm(sheet),
                                  UInt32(r1), UInt16(c1), UInt32(r2), UInt16(c2))
        free(range.pointee.formula)
        range.pointee.formula = strdup(buffer)
    }
}
