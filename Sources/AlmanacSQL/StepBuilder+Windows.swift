import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `yoy` of a year-to-date column (`y = ytd(x)`, then `yoy(y)`), as the local engine's `WindowComparison`: 2024-03's
/// total sums January to March; if 2023-03's sums only January and March, the two windows are not alike and the
/// growth is null (with `matched`, computed over the months present in both windows). Each row's window is a bit
/// mask of the periods of its year up to its own where `x` has a value (`BIT_OR` over the year-to-date frame), set
/// beside its base row's (the mask at `p − one year`, a RANGE window), in two CTEs before the derive's assignment.
struct WindowColumns {
    /// The hidden columns: the row's mask, its base row's mask and, for `matched`, the sums over the periods in
    /// both windows (the row's, the base's).
    var mask: String, baseMask: String
    var commonSum: String? = nil, baseCommonSum: String? = nil
    /// Over an aggregate's sums: each month's sums are its matched ones (over the sub-series in both) where its sides
    /// differ, so the growth is always the ratio of the common sums.
    var overMonths = false
}

extension ExprCompiler {
    /// The bits of the periods of the row's year up to its own that hold a value of `x` (bit k: the k-th period of
    /// the year): the local `windowMasks`. Months and quarters only (`windowed`).
    func windowMask(_ x: String, _ s: (period: String, frequency: Frequency, keys: [String]), span: SourceSpan) throws -> String {
        let p = id(s.period), perYear = s.frequency.periodsPerYear ?? 1
        let year = try coarser(p, from: s.frequency, to: .year, span: span, call: .ytd)
        let bit = "CAST(POWER(\(double("2")), (\(p) - \(perYear) * \(year))) AS \(dialect.typeName(.int)))"
        let w = window(partition: s.keys.map(id) + [year], orderBy: p, frame: "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
        return "CASE WHEN \(p) IS NOT NULL THEN COALESCE(BIT_OR(CASE WHEN \(x) IS NOT NULL THEN \(bit) END) \(w), 0) END"
    }

    /// `x` at exactly `p − steps` in the same series, as a RANGE window whatever the dialect's shift form.
    func rangeValue(_ x: String, steps: Int, _ s: (period: String, frequency: Frequency, keys: [String])) -> String {
        let p = id(s.period)
        let w = window(partition: s.keys.map(id), orderBy: p, frame: "RANGE BETWEEN \(steps) PRECEDING AND \(steps) PRECEDING")
        return "CASE WHEN \(p) IS NOT NULL THEN MAX(\(x)) \(w) END"
    }

    /// Whether a growth of this frequency compares windows (the local rule: periods within a year, at most 64).
    static func windowed(_ f: Frequency) -> Bool { (f.periodsPerYear ?? 1) > 1 && (f.periodsPerYear ?? 1) <= 64 }

    /// The call's year-to-date column and the column it totals when the call compares windows as in memory: `yoy(y)`
    /// or `lag(y, one year)` of a year-to-date column (`totals`) of a column the rows still have, over periods within
    /// a year; nil otherwise.
    static func windowedTotal(_ call: SQLCompiler.TimeCall, totals: [String: String], schema: Schema, dialect: any Dialect)
        -> (total: String, inner: String, series: (period: String, frequency: Frequency, keys: [String]), perYear: Int)? {
        guard call.f == .yoy || call.f == .lag, case .column(let y, _)? = call.args.first, let x = totals[y], schema.field(x) != nil,
              let s = try? ExprCompiler(dialect: dialect, schema: schema, span: call.span).series(call.f, call.span), windowed(s.frequency),
              let perYear = s.frequency.periodsPerYear.map(Int.init), call.f == .yoy || call.k.steps == perYear else { return nil }
        return (y, x, s, perYear)
    }

    /// `yoy(y)` of a year-to-date column whose windows were staged (`windows[y]`): null where the row's window holds
    /// other periods than its base's; with `matched`, those rows compare the sums over the periods in both.
    func windowedGrowth(_ args: [BoundExpr], _ w: WindowColumns, _ k: TimeConstants, _ span: SourceSpan) throws -> String {
        var plainK = k
        plainK.matched = false
        let plain = try shifted(.yoy, args, plainK, span)
        let same = "\(id(w.mask)) = \(id(w.baseMask))"
        guard k.matched, let c = w.commonSum, let b = w.baseCommonSum, let y = args.first else { return "CASE WHEN \(same) THEN \(plain) END" }
        let s = try series(.yoy, span), total = double(try sql(y))
        let base = valueAt(total, steps: Int(s.frequency.periodsPerYear ?? 1), s)
        let common = "WHEN \(total) IS NOT NULL AND \(base) IS NOT NULL THEN (\(id(c)) / NULLIF(\(id(b)), 0) - 1) END"
        return w.overMonths ? "CASE " + common : "CASE WHEN \(same) THEN \(plain) " + common
    }
}

extension StepBuilder {
    /// The year-to-date columns `expr`'s `yoy` calls compare by window, with the column each totals and whether a
    /// call is `matched`; `totals` are the running totals known at this assignment, `coverage` what its rows sum.
    func windowedCalls(_ expr: BoundExpr, totals: [String: String], schema: Schema, coverage: CoverageState) throws -> [(total: String, inner: String, matched: Bool)] {
        var out: [(total: String, inner: String, matched: Bool)] = []
        for call in SQLCompiler.timeCalls(expr) where call.f == .yoy {
            guard let (y, x, s, _) = ExprCompiler.windowedTotal(call, totals: totals, schema: schema, dialect: dialect) else { continue }
            if call.k.matched, let a = coverage.aggregate {
                // Over an aggregate's sums, each month is matched over the sub-series in both: the total's column must
                // be a sum the aggregate made, over its rows.
                let text = FunctionID.yoy.callText(call.args, call.k), ex = ExprCompiler(dialect: dialect, schema: schema, span: call.span)
                guard case .tracked = coverage else { throw ex.unsupported("\(text) after a step that renamed or replaced the aggregate's keys", call.span) }
                guard a.measures.contains(x), a.keyed(by: s.keys, period: s.period) else {
                    throw ex.unsupported("\(text) of a year-to-date total of other than a sum or count the aggregate made, over its rows", call.span)
                }
            }
            if let i = out.firstIndex(where: { $0.total == y }) { out[i].matched = out[i].matched || call.k.matched } else { out.append((y, x, call.k.matched)) }
        }
        return out
    }

    /// The relation with each windowed total's hidden columns (two CTEs), and their names; `hidden` lists the hidden
    /// columns carried so far.
    /// Over an aggregate's sums (`coverage` tracked), a `matched` call's months are matched (`sums` registers and
    /// joins their sums over the sub-series in both, as `yoy(x, matched)` does).
    /// `staged`: the windows already carried (since the derive's last CTE), reused.
    mutating func stageWindows(_ calls: [(total: String, inner: String, matched: Bool)], schema: Schema, to from: SQLCompiler.Relation,
                               carrying hidden: inout [String], staged: inout [String: WindowColumns], sums: MatchedSums,
                               span: SourceSpan) throws -> (SQLCompiler.Relation, [String: WindowColumns]) {
        var rel = from, made: [String: WindowColumns] = [:]
        let ex = ExprCompiler(dialect: dialect, schema: schema, span: span)
        for (n, c) in calls.enumerated() {
            if let w = staged[c.total], !c.matched || w.commonSum != nil {
                made[c.total] = w
                continue
            }
            let s = try ex.series(.yoy, span)
            let perYear = Int(s.frequency.periodsPerYear ?? 1)
            var months: MatchedSums.Request?
            if c.matched, case .tracked(let a) = sums.state {
                months = sums.add(a, measure: c.inner, steps: perYear, keys: s.keys, period: s.period)
                rel = try joinMatched(sums.take(), to: rel, carrying: &hidden)
            }
            let tag = "\(index)_\(ctes.count)_\(n)"
            var w = WindowColumns(mask: "__almanac_wm\(tag)", baseMask: "__almanac_wb\(tag)")
            let x = ex.double(id(c.inner)), baseX = "__almanac_wx\(tag)"
            let carried = (rel.columns + hidden).map(id) + orderColumn(rel)
            var masks = ["\(try ex.windowMask(x, s, span: span)) AS \(id(w.mask))"]
            if c.matched { masks.append("\(ex.rangeValue(x, steps: perYear, s)) AS \(id(baseX))") }
            let first = emit(select: carried + masks, columns: rel.columns, from: rel, ordered: rel.ordered)
            var second = [id(w.mask), "\(ex.rangeValue(id(w.mask), steps: perYear, s)) AS \(id(w.baseMask))"]
            hidden.append(w.mask)
            hidden.append(w.baseMask)
            if c.matched {
                let year = try ex.coarser(id(s.period), from: s.frequency, to: .year, span: span, call: .ytd)
                let ytd = ex.window(partition: s.keys.map(id) + [year], orderBy: id(s.period), frame: "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
                let both = "\(x) IS NOT NULL AND \(id(baseX)) IS NOT NULL"
                w.commonSum = "__almanac_wc\(tag)"
                w.baseCommonSum = "__almanac_wd\(tag)"
                // Each month's two sides: over the sub-series in both where they differ (null when they share none).
                var current = x, base = id(baseX)
                if let m = months {
                    current = "CASE WHEN \(id(m.differs)) = 1 THEN \(id(m.current)) ELSE \(x) END"
                    base = "CASE WHEN \(id(m.differs)) = 1 THEN \(id(m.base)) ELSE \(id(baseX)) END"
                    w.overMonths = true
                }
                second += ["SUM(CASE WHEN \(both) THEN \(current) END) \(ytd) AS \(id(w.commonSum!))",
                           "SUM(CASE WHEN \(both) THEN \(base) END) \(ytd) AS \(id(w.baseCommonSum!))"]
                hidden += [w.commonSum!, w.baseCommonSum!]
            }
            rel = emit(select: carried + second, columns: rel.columns, from: first, ordered: rel.ordered)
            made[c.total] = w
            staged[c.total] = w
        }
        return (rel, made)
    }
}
