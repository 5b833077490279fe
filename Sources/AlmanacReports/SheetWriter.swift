import AlmanacDiagnostics
import Foundation
import AlmanacCore
import AlmanacIO
import AlmanacXLSX

/// What was written for one table: where it sits on the sheet and what the writer had to adapt.
public struct WrittenSheet: Sendable {
    public let name: String
    /// Data rows (the table's rows) and columns.
    public let rows: Int
    public let columns: Int
    /// Zero-based sheet rows of the header, the first data row and the last row written (the header's
    /// when there are no rows).
    public let headerRow: Int
    public let firstDataRow: Int
    public let lastRow: Int
    /// The header texts, in column order.
    public let headers: [String]
    /// Each column's number-format code (`General` when none), by column name.
    public let numberFormats: [String: String]
    /// Cells written as formulas.
    public let formulaCells: Int
    /// What the writer adapted (plain values instead of formulas, pre-1900 periods as text, a chart left out), for Notes.
    public let warnings: [SheetWarning]
}

/// Turns a `Table` into a worksheet: numbers as numbers with formats from type and unit, text always as
/// text, periods as dates where Excel has them, a bold frozen header with an autofilter, fitted widths,
/// optional formulas with cached values, conditional colours and a chart.
///
/// Rows are written strictly top to bottom, so the writer works in constant-memory workbooks.
public struct SheetWriter {
    public let workbook: XLSXWorkbook
    /// How often `progress` is called, in rows.
    public var progressInterval: Int = 50_000

    /// Above this many rows in any sheet, a workbook is written in libxlsxwriter's constant-memory mode (rows
    /// streamed to disk as they are written), unless the caller or the workbook file decides otherwise.
    public static let streamingThreshold = 100_000

    /// Characters of default-width text that fit across portrait A4 between the default margins; wider sheets
    /// print landscape.
    static let portraitPrintWidth = 90.0
    /// A chart's width in pixels (about 7 pixels to a character of column width).
    static let chartWidthPixels = 640.0

    public init(workbook: XLSXWorkbook) {
        self.workbook = workbook
    }

    /// Adds a worksheet named exactly `name` and writes `table` into it.
    public func write(_ table: Table, name: String, options: SheetOptions = SheetOptions(),
                      progress: ((_ rowsWritten: Int) -> Void)? = nil) throws -> WrittenSheet {
        try Self.checkSize(table, sheet: name, options: options)
        let sheet: XLSXWorksheet
        do { sheet = try workbook.addWorksheet(name: name) } catch let e as XLSXError {
            throw ReportError.sheetWrite(sheet: name, error: e)
        }
        return try write(table, to: sheet, options: options, progress: progress)
    }

    /// Writes `table` into an empty worksheet of this writer's workbook.
    public func write(_ table: Table, to sheet: XLSXWorksheet, options: SheetOptions = SheetOptions(),
                      progress: ((_ rowsWritten: Int) -> Void)? = nil) throws -> WrittenSheet {
        try Self.checkSize(table, sheet: sheet.name, options: options)
        let problems = Self.problems(table, options: options)
        if !problems.isEmpty { throw ReportError.columnProblems(sheet: sheet.name, problems: problems) }
        do {
            return try writeChecked(table, to: sheet, options: options, progress: progress)
        } catch let e as XLSXError {
            throw ReportError.sheetWrite(sheet: sheet.name, error: e)
        }
    }

    /// Zero-based row of the header: 0, or 2 below a title and an empty row.
    static func headerRow(_ options: SheetOptions) -> Int { options.title == nil ? 0 : 2 }

    static func checkSize(_ table: Table, sheet: String, options: SheetOptions) throws {
        let maxDataRows = ExcelLimits.maxRows - headerRow(options) - 1
        if table.rowCount > maxDataRows {
            throw ReportError.tooManyRows(sheet: sheet, rows: table.rowCount, maxRows: maxDataRows)
        }
        if table.columns.count > ExcelLimits.maxColumns {
            throw ReportError.tooManyColumns(sheet: sheet, columns: table.columns.count, maxColumns: ExcelLimits.maxColumns)
        }
    }

    // MARK: Writing

    private func writeChecked(_ table: Table, to sheet: XLSXWorksheet, options: SheetOptions,
                              progress: ((Int) -> Void)?) throws -> WrittenSheet {
        let headerRow = Self.headerRow(options)
        let firstDataRow = headerRow + 1
        let rowCount = table.rowCount
        let lastRow = headerRow + rowCount
        let plans = table.columns.enumerated().map { SheetColumnPlanner.plan($1, index: $0, options: options) }
        var warnings: [SheetWarning] = []

        // Formats, made once per column (the workbook reuses identical styles).
        var formats: [XLSXFormat?] = []
        for plan in plans {
            formats.append(try plan.format.map { try workbook.format(for: CellStyle(numberFormat: $0)) })
        }

        // Which columns get formulas.
        let formulaColumns = options.formulas ? eligibleFormulaColumns(table, plans: plans, options: options, warnings: &warnings) : []
        var emitters: [CellEmitter] = []
        for (i, column) in table.columns.enumerated() {
            emitters.append(makeEmitter(column, plan: plans[i], format: formats[i], sheet: sheet, table: table,
                                        plans: plans, formula: formulaColumns.contains(i) ? options.formulaHints[column.name] : nil,
                                        firstDataRow: firstDataRow))
        }

        // Widths from the header and a sample of rows as displayed.
        let sample = Self.sampleRows(rowCount, options.widthSampleRows)
        var printedWidth = 0.0
        for (i, plan) in plans.enumerated() {
            let emitter = emitters[i]
            let width = ColumnWidth.fit(header: plan.header, values: sample.lazy.compactMap { emitter.display($0) },
                                        autofilter: options.styledHeader)
            try sheet.setColumnWidth(i, width: width)
            printedWidth += width
        }

        // Printing: one page wide, landscape when the table (with a chart at its right) is wider than portrait A4
        // holds, the header row on every page, page numbers in the footer.
        if options.chart?.placement == .right && rowCount > 0 { printedWidth += 1 + Self.chartWidthPixels / 7 }
        try sheet.setPageSetup(PageSetup(landscape: printedWidth > Self.portraitPrintWidth, paper: .a4, fitWidth: 1, fitHeight: 0,
                                         repeatRows: headerRow...headerRow, footer: "&CTrang &P / &N"))

        // Title and header.
        if let title = options.title {
            let style = try workbook.format(for: CellStyle(bold: true, fontSize: 14))
            try sheet.write(string: title.nfc, row: 0, col: 0, format: style)
        }
        let headerStyle = options.styledHeader
            ? try workbook.format(for: CellStyle(bold: true, backgroundColor: .lightGray, verticalAlignment: .center,
                                                 border: .thin, borderColor: XLSXColor(rgb: 0xA6A6A6)))
            : nil
        for plan in plans {
            try sheet.write(string: plan.header.nfc, row: headerRow, col: plan.index, format: headerStyle)
        }

        // Rows, strictly in order; a marked cell's note right after its row (constant-memory mode writes in order).
        let marked = CellMarkPlan(options.cellMarks, table: table, rowCount: rowCount)
        let interval = max(1, progressInterval)
        try emitters.withUnsafeBufferPointer { cells in
            var nextReport = interval
            for r in 0..<rowCount {
                let excelRow = firstDataRow &+ r
                for e in cells { try e.emit(r, excelRow) }
                if let notes = marked.notes[r] { for (col, text) in notes { try sheet.writeComment(text, row: excelRow, col: col) } }
                if r &+ 1 == nextReport {
                    progress?(r + 1)
                    nextReport &+= interval
                }
            }
        }
        progress?(rowCount)

        if options.styledHeader && !plans.isEmpty {
            try sheet.freezePanes(row: firstDataRow, col: 0)
            try sheet.autofilter(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: plans.count - 1)
        }

        // Conditional colours.
        if rowCount > 0 {
            for (list, format) in [(options.highlights.negativeRed, ConditionalFormat.negativeInRed),
                                   (options.highlights.positiveGreen, ConditionalFormat.positiveInGreen)] {
                for name in list {
                    guard let col = table.index(of: name) else { continue }
                    try sheet.addConditionalFormat(format, firstRow: firstDataRow, firstCol: col, lastRow: lastRow, lastCol: col)
                }
            }
        }

        // Marked cells: a fill over each run of them, and what it means on the Notes sheet.
        try marked.apply(to: sheet, firstDataRow: firstDataRow)
        for (col, count) in marked.counts {
            warnings.append(SheetWarning(
                message: "Cột “\(plans[col].header)”: \(count) ô tô nền cam có cảnh báo về cơ cấu so sánh (hai kỳ gồm các chuỗi số liệu hoặc các tháng khác nhau); ghi chú của từng ô nói kỳ nào khác gì và đã tính thế nào.",
                id: "report.marked-cells"))
        }

        // Chart.
        if let chart = options.chart {
            if rowCount == 0 {
                warnings.append(SheetWarning(message: "Biểu đồ không được vẽ vì kết quả không có dòng nào.", id: "report.chart-empty"))
            } else {
                try insertChart(chart, table: table, sheet: sheet, options: options, headerRow: headerRow, firstDataRow: firstDataRow, lastRow: lastRow)
            }
        }

        // What the emitters had to adapt.
        var formulaCells = 0
        for (i, e) in emitters.enumerated() {
            let header = plans[i].header
            if let f = e as? FormulaEmitter {
                formulaCells += f.formulaCells
                if f.mismatchedCells > 0 {
                    warnings.append(SheetWarning(
                        message: "Cột “\(header)”: \(f.mismatchedCells) ô ghi giá trị thay cho công thức vì công thức không cho ra đúng giá trị đã tính.",
                        id: "report.formula-mismatch"))
                }
            }
            if e.nonFiniteCells > 0 {
                warnings.append(SheetWarning(
                    message: "Cột “\(header)”: \(e.nonFiniteCells) giá trị không xác định (NaN hoặc vô cực) được để trống.",
                    id: "report.non-finite"))
            }
            if e.fallbackCells > 0 {
                warnings.append(SheetWarning(
                    message: "Cột “\(header)”: \(e.fallbackCells) kỳ nằm ngoài lịch của Excel (trước năm 1900) được ghi dạng văn bản.",
                    id: "report.date-out-of-range"))
            }
        }

        var numberFormats: [String: String] = [:]
        for plan in plans { numberFormats[plan.name] = plan.formatCode }
        return WrittenSheet(name: sheet.name, rows: rowCount, columns: plans.count, headerRow: headerRow,
                            firstDataRow: firstDataRow, lastRow: lastRow, headers: plans.map { $0.header.nfc },
                            numberFormats: numberFormats, formulaCells: formulaCells, warnings: warnings)
    }


    /// The first and last `n` rows (all rows when there are at most 2n).
    static func sampleRows(_ rowCount: Int, _ n: Int) -> [Int] {
        let n = max(0, n)
        if rowCount <= 2 * n { return Array(0..<rowCount) }
        return Array(0..<n) + Array((rowCount - n)..<rowCount)
    }

    private func makeEmitter(_ column: Column, plan: SheetColumnPlan, format: XLSXFormat?, sheet: XLSXWorksheet, table: Table,
                             plans: [SheetColumnPlan], formula: FormulaHint?, firstDataRow: Int) -> CellEmitter {
        let col = plan.index
        switch plan.kind {
        case .number(let scale):
            if let formula, let own = NumericSource(column, scale: scale) {
                func source(_ name: String) -> (NumericSource, String) {
                    let i = table.index(of: name)!
                    return (NumericSource(table.columns[i], scale: plans[i].scale)!, CellReference.columnLetters(i))
                }
                let resolved: FormulaEmitter.Resolved
                switch formula {
                case let .growth(value, base):
                    let (s, l) = source(value)
                    resolved = .growth(value: s, letters: l, base: base)
                case let .difference(value, base):
                    let (s, l) = source(value)
                    resolved = .difference(value: s, letters: l, base: base)
                case let .ratio(numerator, denominator):
                    let (n, nl) = source(numerator)
                    let (d, dl) = source(denominator)
                    resolved = .ratio(numerator: n, numeratorLetters: nl, denominator: d, denominatorLetters: dl)
                case let .expression(e):
                    func compile(_ e: FormulaTree) -> FormulaEmitter.Compiled {
                        switch e {
                        case .column(let name):
                            let (s, l) = source(name)
                            return .cell(s, letters: l)
                        case .number(let d):
                            // Checked writable by eligibleFormulaColumns; a negative constant is a minus and its size.
                            let n = FormulaEmitter.Compiled.number(Swift.abs(d), text: FormulaNumber.text(Swift.abs(d)) ?? "0")
                            return d < 0 ? .negate(n) : n
                        case .negate(let x): return .negate(compile(x))
                        case let .binary(op, l, r): return .binary(op, compile(l), compile(r))
                        }
                    }
                    resolved = .expression(compile(e))
                }
                return FormulaEmitter(sheet: sheet, col: col, format: format, own: own, resolved: resolved,
                                      firstDataRow: firstDataRow, numberFormat: plan.format)
            }
            switch column.storage {
            case .int(let v):
                return IntEmitter(sheet: sheet, col: col, format: format, values: v, validity: column.validity, scale: scale, numberFormat: plan.format)
            case .float(let v):
                return DoubleEmitter(sheet: sheet, col: col, format: format, values: v, validity: column.validity, scale: scale, numberFormat: plan.format)
            default:
                return PlainTextEmitter(sheet: sheet, col: col, column: column)
            }
        case .boolean:
            if case .bool(let v) = column.storage { return BoolEmitter(sheet: sheet, col: col, values: v, validity: column.validity) }
        case .text:
            if case .text(let codes, let dictionary) = column.storage {
                return TextEmitter(sheet: sheet, col: col, codes: codes, dictionary: dictionary, validity: column.validity)
            }
        case .periodDate:
            if case .period(let o, let f) = column.storage {
                return PeriodDateEmitter(sheet: sheet, col: col, format: format, ordinals: o, frequency: f,
                                         validity: column.validity, numberFormat: plan.format)
            }
        case .periodYear:
            if case .period(let o, _) = column.storage {
                return PeriodYearEmitter(sheet: sheet, col: col, format: format, ordinals: o, validity: column.validity)
            }
        case .plainText, .periodText:
            break
        }
        return PlainTextEmitter(sheet: sheet, col: col, column: column)
    }

    /// Columns whose formula hints can be written: numeric cells referencing numeric cells, no circular reference.
    private func eligibleFormulaColumns(_ table: Table, plans: [SheetColumnPlan], options: SheetOptions,
                                        warnings: inout [SheetWarning]) -> Set<Int> {
        var candidates: [Int: [Int]] = [:]  // column → columns it references in the same row
        for name in options.formulaHints.keys.sorted() {
            let hint = options.formulaHints[name]!
            guard let i = table.index(of: name), plans[i].isNumber else { continue }
            let refs = hint.referencedColumns.compactMap { table.index(of: $0) }
            guard refs.count == hint.referencedColumns.count, refs.allSatisfy({ plans[$0].isNumber }) else { continue }
            if case .expression(let e) = hint, let bad = e.numbers.first(where: { FormulaNumber.text(Swift.abs($0)) == nil }) {
                warnings.append(SheetWarning(
                    message: "Cột “\(plans[i].header)”: ghi giá trị thay cho công thức vì hằng số \(NumberFormatting.plain(bad)) không ghi được chính xác trong công thức Excel (quá 15 chữ số).",
                    id: "report.formula-constant"))
                continue
            }
            candidates[i] = refs
        }
        // A column that reaches itself through same-row references would be circular.
        func reachesItself(_ start: Int) -> Bool {
            var stack = candidates[start] ?? []
            var seen = Set<Int>()
            while let next = stack.popLast() {
                if next == start { return true }
                guard seen.insert(next).inserted else { continue }
                stack.append(contentsOf: candidates[next] ?? [])
            }
            return false
        }
        var eligible = Set<Int>()
        for i in candidates.keys.sorted() {
            if reachesItself(i) {
                warnings.append(SheetWarning(
                    message: "Cột “\(plans[i].header)”: ghi giá trị thay cho công thức vì công thức sẽ tham chiếu vòng.",
                    id: "report.formula-circular"))
            } else {
                eligible.insert(i)
            }
        }
        return eligible
    }

    private func insertChart(_ chart: ReportChart, table: Table, sheet: XLSXWorksheet, options: SheetOptions,
                             headerRow: Int, firstDataRow: Int, lastRow: Int) throws {
        let x = table.index(of: chart.x)!
        let rows = firstDataRow...lastRow
        let series = chart.y.map { name -> ChartSeries in
            let col = table.index(of: name)!
            return ChartSeries(name: .cell(sheet: sheet.name, row: headerRow, col: col),
                               categories: .column(x, rows: rows, in: sheet.name),
                               values: .column(col, rows: rows, in: sheet.name))
        }
        var spec = ChartSpec(kind: chart.kind.xlsxKind, title: chart.title.map(\.nfc),
                             xAxisTitle: chart.xAxisTitle.map(\.nfc), yAxisTitle: chart.yAxisTitle.map(\.nfc),
                             series: series, legend: .bottom, width: Int(Self.chartWidthPixels), height: 360)
        // Months and days are written as date serials: label the category axis as dates, not serial numbers.
        if options.periods == .date, case .period(_, let f) = table.columns[x].storage {
            spec.categoryNumberFormat = f == .month ? "mm/yyyy" : f == .day ? "dd/mm/yyyy" : nil
        }
        switch chart.placement {
        case .right: try sheet.insertChart(spec, row: headerRow, col: table.columns.count + 1)
        case .below: try sheet.insertChart(spec, row: lastRow + 2, col: 0)
        }
    }
}
