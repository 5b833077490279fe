/// Charts and conditional formats.
extension XLSXWorksheet {
    /// Inserts a chart with its top-left corner at the given cell.
    ///
    /// Ranges name their sheet; it may be this sheet, another sheet, or a sheet
    /// added later in the same workbook (checked when the workbook is saved:
    /// ``XLSXError/unknownSheet(name:)``). Sheet names are quoted in the chart's
    /// formulas as Excel requires, including names like `2024` or `A1`.
    ///
    /// - Throws: ``XLSXError/invalidChart(_:)`` for an empty or inconsistent spec,
    ///   range errors for references outside the sheet.
    public func insertChart(_ spec: ChartSpec, row: Int, col: Int) throws {
        let (r, c) = try cell(row, col)
        try spec.validate()
        // Resolve every sheet name before creating anything in C.
        var spec = spec
        for i in spec.series.indices {
            spec.series[i].values.sheet = workbook.chartReference(to: spec.series[i].values.sheet)
            if let categories = spec.series[i].categories {
                spec.series[i].categories?.sheet = workbook.chartReference(to: categories.sheet)
            }
            if case let .cell(sheet, nameRow, nameCol)? = spec.series[i].name {
                spec.series[i].name = .cell(sheet: workbook.chartReference(to: sheet), row: nameRow, col: nameCol)
            }
        }

        let chart = try workbook.lxw.addChart(spec.kind)
        for s in spec.series {
            let series = try chart.addSeries()
            series.setValues(s.values)
            if let categories = s.categories { series.setCategories(categories) }
            switch s.name {
            case let .text(text)?: series.setName(text)
            case let .cell(sheet, nameRow, nameCol)?: series.setNameCell(sheet: sheet, row: nameRow, col: nameCol)
            case nil: break
            }
        }
        if let title = spec.title { chart.setTitle(title) }
        if spec.kind != .pie {
            let bars = spec.kind == .bar || spec.kind == .stackedBar
            if let x = spec.xAxisTitle { chart.setAxisTitle(categoryAxis: true, horizontalBars: bars, x) }
            if let y = spec.yAxisTitle { chart.setAxisTitle(categoryAxis: false, horizontalBars: bars, y) }
            if let f = spec.categoryNumberFormat { chart.setAxisNumberFormat(categoryAxis: true, horizontalBars: bars, f) }
            if let f = spec.valueNumberFormat { chart.setAxisNumberFormat(categoryAxis: false, horizontalBars: bars, f) }
        }
        chart.setLegend(spec.legend)
        if let style = spec.style { chart.setStyle(style) }
        try lxw.insertChart(r, c, chart,
                            xScale: Double(spec.width) / ChartSpec.defaultWidth,
                            yScale: Double(spec.height) / ChartSpec.defaultHeight)
    }

    /// Applies a conditional format to a rectangle of cells, e.g.
    /// `addConditionalFormat(.negativeInRed, firstRow: 1, firstCol: 2, lastRow: 64, lastCol: 5)`.
    ///
    /// Allowed at any time, also in constant-memory mode.
    public func addConditionalFormat(_ format: ConditionalFormat,
                                     firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        try workbook.ensureOpen("worksheet \"\(name)\"")
        try ExcelLimits.checkRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        try format.validate()
        let handle = try workbook.format(for: format.style)
        guard let f = try workbook.formats.resolve(handle) else { return }
        try lxw.conditionalFormat(UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol),
                                  rule: format.rule, f)
    }
}
