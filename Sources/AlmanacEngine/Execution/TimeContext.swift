import Foundation
import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// The series and period of a table, for time-aware functions: the grid is built once per step, on first use.
final class TimeContext {
    let table: Table
    private var grid: SeriesGrid?
    /// What the step's time functions found (missing base periods, overflows, windows with gaps).
    var facts: [LocatedFact] = []

    /// Rows of the step's result a warning concerns, each with its note (for a workbook's cell marks).
    var marks: [Int32: String] = [:]

    /// What each row sums, when the table is an aggregate's (see `RowCoverage`).
    let coverage: RowCoverage?
    /// Columns that are year-to-date totals of another column of the table (`ytd_value` → `value`), so that a
    /// growth over them checks the months their windows hold (see `WindowComparison`).
    var runningTotals: [String: String] = [:]

    init(table: Table, coverage: RowCoverage? = nil) {
        self.table = table
        self.coverage = coverage.flatMap { $0.rowCount == table.rowCount ? $0 : nil }
    }

    var periodColumn: Column? { table.periodKey }
    var seriesKeys: [Column] {
        let p = table.periodKey?.name
        return table.keyColumns.filter { $0.name != p }
    }

    /// The call as the user wrote it, for messages: `yoy(value)`, `lag(value, 12)`.
    static func callText(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants) -> String {
        func text(_ e: BoundExpr) -> String {
            let t = PlanPrinter.expr(e)
            return t.hasPrefix("(") && t.hasSuffix(")") ? String(t.dropFirst().dropLast()) : t
        }
        var constants: [String] = []
        if case .series(let rule) = FunctionCatalog.definition(f).rule { constants = rule.constantText(k) }
        return "\(f)(\((args.map(text) + constants).joined(separator: ", ")))"
    }

    func grid(for f: FunctionID, span: SourceSpan, call: String? = nil) throws -> SeriesGrid {
        if let g = grid { return g }
        guard let p = periodColumn else {
            let ps = table.periodColumns
            if ps.count > 1 { throw DiagnosticError(.severalPeriods("\(f.rawValue)()", span: span, names: ps.map(\.name))) }
            throw DiagnosticError(.needsPeriod("\(f.rawValue)()", span: span, available: []))
        }
        do {
            let g = try SeriesGrid.build(seriesKeys: seriesKeys, period: p)
            grid = g
            return g
        } catch KernelError.duplicatePeriod(let d) {
            var keyText = d.keyText(seriesKeys: seriesKeys)
            if keyText == "()" { keyText = "(\(PeriodFormat.string(d.ordinal, d.frequency)))" }
            // A yearly period beside an integer month or quarter column: the rows differ by that part.
            let part = d.frequency == .year ? table.columns.first { c in
                c.dataType == .int && TimeWords.names(c.name, oneOf: TimeWords.month + TimeWords.quarter)
            }?.name : nil
            throw DiagnosticError(.duplicatePeriod(call ?? "\(f.rawValue)()", span: span, key: keyText, rows: d.rowCount,
                                                   yearly: part == nil ? nil : p.name, finerPart: part))
        }
    }

    /// The value of a time function, by its definition's kernel, and — over a plain column — how it relates to that
    /// column (for live formulas).
    func evaluate(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, span: SourceSpan, evaluator: inout ExprEvaluator) throws -> (Column, ColumnLineage?) {
        guard case .series(let rule) = FunctionCatalog.definition(f).rule else {
            throw DiagnosticError(.runtime(.internal("\(f) is not a time function"), span: span))
        }
        var plainName: String? = nil
        if case .column(let name, _) = args[0] { plainName = name }
        var call = SeriesInvocation(context: self, id: f, x: try evaluator.column(args[0]), args: args, constants: k, span: span,
                                    text: TimeContext.callText(f, args, k), plainName: plainName)
        do {
            let column = try rule.kernel(&call, &evaluator)
            return (column, call.lineage)
        } catch let e as KernelError {
            throw DiagnosticError(.runtime(.seriesKernel(function: f, error: e), span: span))
        }
    }

    /// Warns about rows whose base period is missing (their growth is null), naming the first few periods; rows
    /// whose base is there but whose result overflows (a difference of ±1e308) are said apart.
    func note(_ f: FunctionID, missing r: Masked<Double>, x: Column, base: [Int32], span: SourceSpan, what: GrowthBase, text: String? = nil) {
        guard let p = periodColumn, case .period(let ords, let freq) = p.storage else { return }
        var count = 0
        var overflowRows = 0
        var periods = Set<Int32>()
        let g = grid
        guard let rw = validWords(r.validity) else { return }
        let xs = (try? measure(x).values) ?? []
        // The rows to look at, a word at a time: x valid, the result null, the period valid.
        let xw = validWords(x.validity), pw = validWords(p.validity)
        var candidates = rw
        for j in candidates.indices {
            var w = ~candidates[j]
            if let xw { w &= xw[j] }
            if let pw { w &= pw[j] }
            candidates[j] = w
        }
        forEachValid(0..<r.count, candidates) { i in
            let b = Int(base[i])
            if b >= 0, b < xs.count, x.validity.isValid(b), f == .diff || xs[b] != 0 { overflowRows += 1; return }
            // Rows at the start of the data have nothing to compare with: not worth a warning.
            if let g, ords[i] - g.minOrdinal < (f == .yoy ? (freq.periodsPerYear ?? 365) : 1) { return }
            count += 1
            Self.keepEarliest(ords[i], in: &periods)
        }
        noteOverflow("\(f.rawValue)()", rows: overflowRows, span: span)
        if count == 0 && overflowRows == 0 {
            noteBaseBeforeData(text ?? "\(f)()", steps: f == .yoy ? Int(freq.periodsPerYear ?? 365) : 1, result: r.validity, x: x, base: base, what: what, span: span)
        }
        guard count > 0 else { return }
        facts.append(LocatedFact(.growthGaps(call: "\(f)()", rows: count, base: what, zeroCounts: f != .diff,
                                             periods: periods.sorted().map { PeriodFormat.string($0, freq) }), span: span))
    }

    /// The periods a warning names: the five earliest concerned, whatever the rows' order (a database, which has no
    /// row order, names the same ones).
    static func keepEarliest(_ ordinal: Int32, in periods: inout Set<Int32>) {
        guard periods.count == 5 else { periods.insert(ordinal); return }
        guard let last = periods.max(), ordinal < last, !periods.contains(ordinal) else { return }
        periods.remove(last)
        periods.insert(ordinal)
    }

    /// Rows whose result is beyond the largest number a value can hold (about ±1.8e308): null, and said so.
    func noteOverflow(_ call: String, rows: Int, span: SourceSpan) {
        guard rows > 0 else { return }
        facts.append(LocatedFact(.overflow(call: call, rows: rows), span: span))
    }
}

extension TimeContext {
    /// Warns about rows whose period `steps` away is missing inside the data (`lag(value, 12)` beside a growth
    /// written as `value / last_year - 1` must say so, as `yoy` does). Rows whose period `steps` away lies before
    /// the first or after the last period of the data are not gaps.
    func noteLag(_ steps: Int, result r: Column, x: Column, span: SourceSpan, call: String) {
        guard steps != 0, let g = grid, let p = periodColumn, case .period(let ords, let freq) = p.storage else { return }
        var count = 0
        var periods = Set<Int32>()
        for i in 0..<r.count where x.validity.isValid(i) && !r.validity.isValid(i) && p.validity.isValid(i) {
            let (target, overflow) = Int64(ords[i]).subtractingReportingOverflow(Int64(steps))
            if overflow || target < Int64(g.minOrdinal) || target > Int64(g.maxOrdinal) { continue }
            count += 1
            Self.keepEarliest(ords[i], in: &periods)
        }
        if count == 0 { noteBaseBeforeData(call, steps: steps, result: r.validity, x: x, what: .lag(steps, freq), span: span) }
        guard count > 0 else { return }
        facts.append(LocatedFact(.growthGaps(call: call, rows: count, base: .lag(steps, freq), zeroCounts: false,
                                             periods: periods.sorted().map { PeriodFormat.string($0, freq) }), span: span))
    }

    /// What "the same period" means for share and rank: the period key; with several period columns and none chosen
    /// (a range `period_from`..`period_to`), their combination, as a column whose values are equal exactly when the
    /// combinations are (a group number stored as an ordinal; only equality is used); with none, the whole table.
    func samePeriodColumn() throws -> Column? {
        if let p = periodColumn { return p }
        let ps = table.periodColumns.filter { $0.meta.role != .attribute }
        guard ps.count > 1 else { return nil }
        let g = try Grouping.build(keys: ps, rowCount: table.rowCount)
        var valid = ValidityBuilder(reservingCapacity: table.rowCount)
        for i in 0..<table.rowCount { valid.append(ps.allSatisfy { $0.validity.isValid(i) }) }
        return Column(name: "", storage: .period(g.groupIDs, .year), validity: valid.finish())
    }
}



extension FunctionID {
    /// A time function's call as the user wrote it (`yoy(value)`, `lag(value, 12)`), as the local engine's warnings
    /// name it: for the SQL target, which computes the same warnings in the database.
    package func callText(_ args: [BoundExpr], _ k: TimeConstants) -> String { TimeContext.callText(self, args, k) }
    /// Bases further back than this many years are not "a year before the data" (see `noteBaseBeforeData`).
    package static var furthestBaseYears: Int { TimeContext.furthestBaseYears }
}
