import Foundation
import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// The series and period of a table, for time-aware functions: the grid is built once per step, on first use.
final class TimeContext {
    let table: Table
    private var grid: SeriesGrid?
    var warnings: [Diagnostic] = []

    init(table: Table) { self.table = table }

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
        var parts = args.isEmpty ? [] : [text(args[0])]
        switch f {
        case .lag, .rolling: parts.append("\(k.steps)")
        case .index: if let b = k.base { parts.append(b.description) }
        case .progress: if args.count > 1 { parts.append(text(args[1])) }
        case .required_growth:
            if args.count > 1 { parts.append(text(args[1])) }
            parts.append("\(k.targetYear)")
        default: break
        }
        return "\(f.rawValue)(\(parts.joined(separator: ", ")))"
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

    /// The value of a time function, and — over a plain column — how it relates to that column (for live formulas).
    func evaluate(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, span: SourceSpan, evaluator: inout ExprEvaluator) throws -> (Column, ColumnLineage?) {
        var lineage: ColumnLineage?
        let column = try evaluate(f, args, k, span: span, evaluator: &evaluator, lineage: &lineage)
        return (column, lineage)
    }

    private func evaluate(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, span: SourceSpan, evaluator: inout ExprEvaluator,
                          lineage lastLineage: inout ColumnLineage?) throws -> Column {
        let n = table.rowCount
        let x = try evaluator.column(args[0])
        var plainName: String? = nil
        if case .column(let name, _) = args[0] { plainName = name }
        let call = TimeContext.callText(f, args, k)
        do {
            switch f {
            case .lag:
                let r = try TimeFunctions.lag(x, k.steps, grid: try grid(for: f, span: span, call: call))
                noteLag(k.steps, result: r, x: x, span: span, call: call)
                return r
            case .diff:
                let g = try grid(for: f, span: span, call: call)
                let base = g.rowsShifted(by: 1)
                if let nm = plainName { lastLineage = .difference(of: nm, baseRows: base) }
                let r = try TimeFunctions.diff(x, grid: g)
                note(f, missing: r, x: x, base: base, span: span, what: "the previous period")
                return r.column("")
            case .pop:
                let g = try grid(for: f, span: span, call: call)
                let base = g.rowsShifted(by: 1)
                if let nm = plainName { lastLineage = .growth(of: nm, baseRows: base) }
                let r = try TimeFunctions.pop(x, grid: g)
                note(f, missing: r, x: x, base: base, span: span, what: "the previous period")
                return r.column("")
            case .yoy:
                let g = try grid(for: f, span: span, call: call)
                let base = g.rowsOneYearEarlier()
                if let nm = plainName { lastLineage = .growth(of: nm, baseRows: base) }
                let r = try TimeFunctions.yoy(x, grid: g)
                note(f, missing: r, x: x, base: base, span: span, what: "the same period a year earlier")
                return r.column("")
            case .ytd, .cumsum:
                let g = try grid(for: f, span: span, call: call)
                let r = f == .ytd ? try TimeFunctions.ytd(x, grid: g) : try TimeFunctions.cumsum(x, grid: g)
                let gaps = r.missingPeriods.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
                if gaps > 0 {
                    warnings.append(.warning("query.cumulative-gaps", "\(f.rawValue)(): \(NumberFormatting.grouped(Int64(gaps))) of \(NumberFormatting.grouped(Int64(n))) rows add up a window with missing or empty periods; those totals cover only the periods present", span: span))
                }
                return r.values.column("")
            case .rolling:
                return try TimeFunctions.rolling(x, k.steps, grid: try grid(for: f, span: span, call: call)).column("")
            case .index:
                let g = try grid(for: f, span: span, call: call)
                guard let base = k.base else { throw DiagnosticError(.constantExpected("index's base period", span: span)) }
                guard base.frequency == g.frequency else {
                    throw DiagnosticError(.runtime("index base \(base) is a \(base.frequency); this series is \(g.frequency)ly", span: span,
                                                   hint: "write the base as a \(g.frequency), e.g. \(Period(frequency: g.frequency, ordinal: g.minOrdinal))"))
                }
                let r = try TimeFunctions.index(x, base: base.ordinal, grid: g)
                // Series without a usable base value get no index at all: say which, rather than leave a silent gap.
                // A usable base whose ratio overflows (1e308 over 1e-10) is another reason, said apart.
                var without = Set<Int32>()
                var overflowRows = 0
                let xs = r.validity.nullCount > 0 ? try measure(x).values : []
                for i in 0..<r.count where x.validity.isValid(i) && !r.validity.isValid(i) && g.hasPeriod(i) {
                    let s = g.series.groupIDs[i]
                    let b = g.row(series: Int(s), ordinal: Int64(base.ordinal))
                    if b >= 0 && x.validity.isValid(Int(b)) && xs[Int(b)] != 0 { overflowRows += 1 } else { without.insert(s) }
                }
                noteOverflow(call, rows: overflowRows, span: span)
                if !without.isEmpty {
                    let n = without.count
                    let keys = seriesKeys
                    let examples = without.sorted().prefix(3).map { s -> String in
                        let row = Int(g.series.firstRows[Int(s)])
                        return "(" + keys.map { $0.value(at: row).description }.joined(separator: ", ") + ")"
                    }
                    warnings.append(.warning("query.index-base-missing", "\(call): \(n) series \(n == 1 ? "has" : "have") no value at \(base) (or it is zero); \(n == 1 ? "its" : "their") index is null", span: span,
                                             notes: keys.isEmpty ? [] : ["for example \(examples.joined(separator: ", "))"]))
                }
                return r.column("")
            case .share:
                return try PeriodShare.share(x, period: try samePeriodColumn()).column("")
            case .rank:
                return try PeriodShare.rank(x, period: try samePeriodColumn()).column("")
            case .progress:
                if let nm = plainName, case .column(let t, _) = args[1] { lastLineage = .ratio(numerator: nm, denominator: t) }
                return try Targets.progress(.column(x), try evaluator.evaluate(args[1]), count: n).column("")
            case .required_growth:
                guard let p = periodColumn else { throw DiagnosticError(.needsPeriod("required_growth()", span: span, available: [])) }
                return try Targets.requiredGrowth(x, target: try evaluator.evaluate(args[1]), targetYear: k.targetYear, period: p).column("")
            default:
                throw DiagnosticError(.runtime("\(f.rawValue) is not a time function", span: span))
            }
        } catch let e as KernelError {
            throw DiagnosticError(.runtime("\(f.rawValue)(): \(e)", span: span))
        }
    }

    /// Warns about rows whose base period is missing (their growth is null), naming the first few periods; rows
    /// whose base is there but whose result overflows (a difference of ±1e308) are said apart.
    func note(_ f: FunctionID, missing r: Masked<Double>, x: Column, base: [Int32], span: SourceSpan, what: String) {
        guard let p = periodColumn, case .period(let ords, let freq) = p.storage else { return }
        var count = 0
        var overflowRows = 0
        var periods = Set<Int32>()
        let g = grid
        let xs = r.validity.nullCount > 0 ? ((try? measure(x).values) ?? []) : []
        for i in 0..<r.count where x.validity.isValid(i) && !r.validity.isValid(i) && p.validity.isValid(i) {
            let b = Int(base[i])
            if b >= 0, b < xs.count, x.validity.isValid(b), f == .diff || xs[b] != 0 { overflowRows += 1; continue }
            // Rows at the start of the data have nothing to compare with: not worth a warning.
            if let g, ords[i] - g.minOrdinal < (f == .yoy ? (freq.periodsPerYear ?? 365) : 1) { continue }
            count += 1
            if periods.count < 5 { periods.insert(ords[i]) }
        }
        noteOverflow("\(f.rawValue)()", rows: overflowRows, span: span)
        guard count > 0 else { return }
        let list = periods.sorted().map { PeriodFormat.string($0, freq) }.joined(separator: ", ")
        warnings.append(.warning("query.growth-gaps", "\(f.rawValue)(): \(NumberFormatting.grouped(Int64(count))) row\(count == 1 ? " has" : "s have") no value for \(what)\(f == .diff ? "" : " (or it is zero)"); their result is null", span: span,
                                 notes: ["for example in \(list)"]))
    }

    /// Rows whose result is beyond the largest number a value can hold (about ±1.8e308): null, and said so.
    func noteOverflow(_ call: String, rows: Int, span: SourceSpan) {
        guard rows > 0 else { return }
        warnings.append(.warning("query.overflow", "\(call): \(NumberFormatting.grouped(Int64(rows))) row\(rows == 1 ? "'s" : "s'") result is beyond the largest number (about ±1.8e308); \(rows == 1 ? "it is" : "they are") null", span: span))
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
            if periods.count < 5 { periods.insert(ords[i]) }
        }
        guard count > 0 else { return }
        let what: String
        if steps == 1 { what = "the previous period" }
        else if let perYear = freq.periodsPerYear, steps == Int(perYear) { what = "the same period a year earlier" }
        else if steps > 0 { what = "the period \(steps) \(freq)s earlier" }
        else { what = "the period \(steps.magnitude) \(freq)\(steps == -1 ? "" : "s") later" }
        let list = periods.sorted().map { PeriodFormat.string($0, freq) }.joined(separator: ", ")
        warnings.append(.warning("query.growth-gaps", "\(call): \(NumberFormatting.grouped(Int64(count))) row\(count == 1 ? " has" : "s have") no value for \(what); their result is null", span: span,
                                 notes: ["for example in \(list)"]))
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

