import AlmanacCore

/// One read of a sheet's rows into typed columns, by the CSV reader's rules and machinery: the first non-empty row
/// is the header, the rows after it are sampled for `TypeInference`, then every batch of rows goes through the same
/// `ColumnBuilder` loops a CSV chunk goes through. Errors are located by sheet and cell.
final class SheetPass {
    let file: String
    let sheet: String
    let options: CSVOptions
    /// Plans from an earlier pass (a re-read), or nil to infer them from the sample.
    let givenPlans: [ColumnParsePlan]?
    /// Merged ranges found by an earlier pass: a merged header cell names every column it spans.
    let merges: [(c0: Int, r0: Int, c1: Int, r1: Int)]
    /// A row-count hint for the first buffers (the sheet's declared dimension).
    var expectedRows = 0
    /// The header a workbook's Notes sheet gives (Almanac wrote it): the header is the first row of exactly these
    /// texts, and the rows above it (a title, a blank row) are not the table.
    var expectedHeader: [String]? = nil
    /// The column names that go with `expectedHeader` (the names the table had when it was written).
    var expectedNames: [String]? = nil
    /// Columns asked for (`options.columns`) that the header does not have.
    private(set) var missingColumns: [String] = []

    // Layout (SheetPass+Layout): rows that are not the table.
    /// Rows from this sheet row on are below the table (found by an earlier pass, or `skip_footer`).
    var footerFrom: Int? = nil
    /// The header row asked for (`header_row` in the catalog), 1-based.
    var headerRowAsked: Int? = nil
    /// The last row of the header (the second of a two-row header).
    var headerLastRow = 0
    /// The trailing rows of this pass that look like footer lines: the first one's row number.
    var footerRunStart: Int? = nil
    /// The row numbers of the last data rows (for `skip_footer`), and blank rows met among the data.
    var recentRows: [Int] = []
    var blankRows: [Int] = []
    var blankCount = 0
    var lastDataRow = 0
    /// What `describe` says about the layout: rows skipped and why, a two-row header, the unit line.
    var layoutNotes: [String] = []
    /// The unit a unit line names (`Đơn vị tính: triệu USD` → `million USD`).
    var unit: String? = nil

    // Decided from the header and the first batch.
    var headerRow = 0
    var headerTexts: [Int: String] = [:]
    private(set) var firstColumn = 0
    private(set) var names: [String] = []
    private(set) var plans: [ColumnParsePlan] = []
    private(set) var builders: [ColumnBuilder] = []
    private var block: FieldBlock?
    private var started = false

    private(set) var dataRows = 0
    /// The sheet row of every data row taken (for naming rows found after the load, such as total rows).
    private(set) var rowNumbers: [Int32] = []
    /// The first reason to re-read each column, with the sheet row of its value.
    private(set) var changes: [Int: (PlanChange, row: Int)] = [:]
    private(set) var rejected: [RejectedRow] = []
    private let markers: Set<String>

    init(file: String, sheet: String, options: CSVOptions, plans: [ColumnParsePlan]?, merges: [(c0: Int, r0: Int, c1: Int, r1: Int)]) {
        self.file = file
        self.sheet = sheet
        self.options = options
        self.givenPlans = plans
        self.merges = merges
        markers = Set(options.nullMarkers)
    }

    var hasHeader: Bool { started }
    /// The pass stopped at `maxRows`, before the sheet's end.
    private(set) var stoppedEarly = false

    func error(row: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) -> WorkbookError {
        let cell = row.flatMap { r in column.map { CellName.reference(column: $0 + firstColumn, row: r) } }
        let name = column.flatMap { $0 < names.count ? names[$0] : nil }
        return WorkbookError(file: file, sheet: sheet, cell: cell, columnName: name, message: message, hint: hint)
    }

    /// Takes one batch of rows; returns false once the rows wanted (`maxRows`) are read.
    func take(_ batch: RowBatch) throws -> Bool {
        var from = 0
        if !started {
            guard batch.rows > 0 else { return true }
            started = true
            let found = expectedHeader.flatMap { want in (0..<batch.rows).first { r in
                batch.cellRange(row: r).map { batch.text($0).precomposedStringWithCanonicalMapping } == want } }
            if found == nil { expectedNames = nil }
            from = locateHeader(batch, notes: found)
            try decideColumns(batch, from: from)
        }
        var to = batch.rows
        var more = true
        if let limit = options.maxRows, dataRows + (to - from) >= limit {
            to = from + max(0, limit - dataRows)
            more = false
            stoppedEarly = true
        }
        // Rows below the table (an earlier pass found them, or `skip_footer`) never reach the columns.
        if let f = footerFrom, let cut = (from..<to).first(where: { batch.rowNumber($0) >= f }) { to = cut; more = false }
        if to > from {
            noteRows(batch, from: from, to: to)
            try append(batch, from: from, to: to)
        }
        return more
    }

    /// Columns from the leftmost to the rightmost cell of the header and the first rows; names from the header
    /// (merged header cells spanning their columns); plans from the sample.
    private func decideColumns(_ batch: RowBatch, from: Int) throws {
        var lo = headerTexts.keys.min() ?? Int.max, hi = headerTexts.keys.max() ?? -1
        for r in from..<batch.rows { for c in batch.cellRange(row: r) { lo = min(lo, batch.column(c)); hi = max(hi, batch.column(c)) } }
        if hi < lo { lo = 0; hi = -1 }
        var texts = headerTexts
        for m in merges where m.r0 <= headerRow && headerRow <= m.r1 && m.c1 > m.c0 {
            guard let t = texts[m.c0] else { continue }
            for c in (m.c0 + 1)...m.c1 where (texts[c] ?? "").isEmpty { texts[c] = t; hi = max(hi, c) }
        }
        firstColumn = lo
        let count = hi >= lo ? hi - lo + 1 : 0
        names = CSVReader.uniqueNames((0..<count).map { texts[lo + $0] ?? "" })
        if let given = expectedNames, given.count == names.count { names = CSVReader.uniqueNames(given) }
        // Reported by the reader once merged header cells are known (they can make the name asked for).
        if let keep = options.columns { missingColumns = keep.filter { !names.contains($0) }.sorted() }
        if let given = givenPlans, given.count == names.count {
            plans = given
        } else {
            let sampleEnd = min(batch.rows, from + options.sampleRows)
            plans = names.indices.map { i in
                if let keep = options.columns, !keep.contains(names[i]) { return ColumnParsePlan(kind: .skip) }
                var values: [String] = [], lines: [Int] = []
                values.reserveCapacity(sampleEnd - from)
                for r in from..<sampleEnd {
                    var v = ""
                    for c in batch.cellRange(row: r) where batch.column(c) == i + lo { v = batch.text(c); break }
                    values.append(v)
                    lines.append(batch.rowNumber(r))
                }
                var plan = TypeInference.plan(name: names[i], values: values, lines: lines, options: options, markers: markers)
                // The CSV notes say "line"; a sheet has rows.
                plan.note = plan.note?.replacingOccurrences(of: "(line ", with: "(row ")
                return plan
            }
        }
        let capacity = max(16, min(expectedRows, 1 << 24))
        builders = plans.map { ColumnBuilder(kind: $0.kind, declared: $0.declared, percent: $0.percent, capacity: capacity) }
        // At most 4 Mi field slots (64 MB) however wide the sheet (a stray cell in column XFD makes 16,384 columns).
        block = FieldBlock(columns: max(1, names.count), capacity: max(1, min(batch.capacity, (1 << 22) / max(1, names.count))))
    }

    /// Rows `from..<to` of the batch into the column builders.
    private func append(_ batch: RowBatch, from: Int, to: Int) throws {
        guard let block else { return }
        var lo = from
        while lo < to {
            let hi = min(to, lo + block.capacity)
            try appendBlock(batch, from: lo, to: hi, block)
            lo = hi
        }
    }

    /// Rows `from..<to` (at most a block's capacity) into the column builders.
    private func appendBlock(_ batch: RowBatch, from: Int, to: Int, _ block: FieldBlock) throws {
        let width = names.count
        let rows = to - from
        let bounds = block.bounds
        // Every field empty (null), then the cells that are there.
        for c in 0..<width { (bounds + block.slot(0, c)).update(repeating: 0, count: 2 * rows) }
        var outside: (row: Int, cell: Int)?
        for r in from..<to {
            let i = r - from
            for cell in batch.cellRange(row: r) {
                let c = batch.column(cell) - firstColumn
                guard c >= 0 && c < width else {
                    if outside == nil { outside = (i, cell) }
                    continue
                }
                let s = block.slot(i, c)
                bounds[s] = batch.start(cell)
                bounds[s + 1] = batch.end(cell)
            }
        }
        block.count = rows
        let ctx = ParseContext(style: options.numberStyle, markers: options.nullMarkers, fileBase: UnsafePointer(batch.arena.base!),
                               fileCount: batch.arenaCount + 8)
        var errors: [(row: Int, column: Int, message: String)] = []
        if let (i, cell) = outside {
            let ref = CellName.reference(column: batch.column(cell), row: batch.rowNumber(from + i))
            let span = width > 0 ? CellName.letters(firstColumn) + "–" + CellName.letters(firstColumn + width - 1) : "none"
            errors.append((i, -1, "cell \(ref) holds '\(batch.text(cell))', outside the table's columns (\(span), from the header on row \(headerRow))"))
        }
        var columnErrors: [ValueError] = []
        for c in 0..<width where builders[c].kind != .skip {
            let had = builders[c].change != nil
            columnErrors.removeAll(keepingCapacity: true)
            builders[c].append(block, column: c, ctx: ctx, errors: &columnErrors)
            for e in columnErrors { errors.append((e.row, c, e.message)) }
            if !had, let change = builders[c].change, changes[c] == nil {
                let r = batch.row(atOffset: change.offset).map { batch.rowNumber($0) } ?? headerRow
                changes[c] = (change.0, r)
            }
        }
        guard !errors.isEmpty else {
            for r in from..<to { rowNumbers.append(Int32(truncatingIfNeeded: batch.rowNumber(r))) }
            dataRows += rows
            return
        }
        let lenientHint = options.lenient ? nil : "fix the cell, or load leniently (--lenient) to set bad rows aside in a report"
        if !options.lenient {
            let first = errors.min { ($0.row, $0.column) < ($1.row, $1.column) }!
            let sheetRow = batch.rowNumber(from + first.row)
            if first.column < 0 { throw error(first.message, hint: "delete the stray cell, or give the column a header") }
            throw error(row: sheetRow, column: first.column, first.message, hint: lenientHint)
        }
        var firstByRow: [Int: (Int, String)] = [:]
        for e in errors where firstByRow[e.row] == nil || firstByRow[e.row]!.0 > e.column { firstByRow[e.row] = (e.column, e.message) }
        let bad = firstByRow.keys.sorted()
        for c in builders.indices { builders[c].remove(rows: bad.map { dataRows + $0 }) }
        for r in bad {
            let (c, m) = firstByRow[r]!
            let sheetRow = batch.rowNumber(from + r)
            let text = batch.cellRange(row: from + r).map { batch.text($0) }.joined(separator: "\t")
            rejected.append(RejectedRow(line: sheetRow, reason: c < 0 ? m : "cell \(CellName.reference(column: c + firstColumn, row: sheetRow)): \(m)", text: text))
        }
        let badRows = Set(bad)
        for r in from..<to where !badRows.contains(r - from) { rowNumbers.append(Int32(truncatingIfNeeded: batch.rowNumber(r))) }
        dataRows += rows - bad.count
    }

    /// The plans after this pass's re-read reasons, or nil when none changed (the pass's columns stand).
    func revisedPlans(switchedOrder: inout Set<Int>) throws -> [ColumnParsePlan]? {
        var revised = plans
        var changed = false
        for (i, change) in changes.sorted(by: { $0.key < $1.key }) where !plans[i].declared {
            switch change.0 {
            case .toText(let reason):
                revised[i] = ColumnParsePlan(kind: .text, note: "text: \(reason) (row \(change.row))")
                changed = true
            case .toDayOrder(let order):
                guard case .period(let f, _, let strict) = plans[i].kind else { continue }
                if switchedOrder.contains(i) {
                    throw error(row: change.row, column: i, "dates mix day-first and month-first order", hint: "declare the column's date order in the catalog")
                }
                switchedOrder.insert(i)
                revised[i].kind = .period(f, order, strict: strict)
                revised[i].note = (plans[i].note ?? "") + "; re-read \(order == .dayFirst ? "day-first" : "month-first") (row \(change.row))"
                changed = true
            }
        }
        return changed ? revised : nil
    }

    /// The table, from the builders (their buffers are freed as the columns are assembled).
    func assemble(report: inout LoadReport) throws -> Table {
        var parser = ChunkParser(plans: [], lenient: options.lenient, capacity: 0)
        parser.builders = builders
        builders = []
        let parsed = CSVReader.ParsedChunks(parsers: [parser], changes: [], failure: nil, rejected: [])
        return try CSVReader.assemble(parsed, names: names, plans: plans, report: &report)
    }
}
