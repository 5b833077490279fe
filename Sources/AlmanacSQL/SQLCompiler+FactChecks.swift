import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// The statements of one time call's warnings, and how their results read as the local engine's facts (the rules of
/// `TimeContext.note`, `noteLag`, `noteBaseBeforeData` and the running totals' `cumulativeGaps`), over the relation
/// the call reads: `__almanac_fr` holds its series keys, its period (`__almanac_p`) and its argument (`__almanac_x`).
extension SQLCompiler {
    struct FactCheck {
        var statements: [String]
        var read: ([[Column]]) -> [LocatedFact]
        /// The cells its rows' warnings mark (a coverage check's), from the same results.
        var marks: (([[Column]]) -> [PendingMark])? = nil
        /// The result columns those marks go in, when the check knows them (a compare's change and growth columns).
        var markedColumns: [String] = []
    }

    static let factRows = "__almanac_fr", factBase = "__almanac_fb", factWindow = "__almanac_fw"
    static let factPeriod = "__almanac_p", factValue = "__almanac_x", factAt = "__almanac_at", factBaseValue = "__almanac_bx"
    static let factCount = "__almanac_n", factStart = "__almanac_s"

    func factCheck(_ call: TimeCall, at point: FactPoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        // A target's rows need no series (progress runs without a period key): SQLCompiler+StepFactChecks.swift.
        if f == .progress || f == .requiredGrowth { return try targetCheck(call, at: point) }
        guard dialect.supportsRangeOffsetFrames, let x0 = args.first, !x0.hasTimeFunction else { return nil }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        guard let s = try? ex.series(f, span), let perYear = s.frequency.periodsPerYear.map(Int.init) else { return nil }
        func q(_ n: String) -> String { dialect.identifier(n) }
        let keys = s.keys.map(q), p = q(Self.factPeriod), x = q(Self.factValue)
        let rows = (Self.factRows, "SELECT " + (keys + ["\(q(s.period)) AS \(p)", "\(ex.double(try ex.sql(x0))) AS \(x)"]).joined(separator: ", ")
                    + "\n  FROM \(q(point.relation.name))")
        let text = f.callText(args, k)
        switch f {
        case .yoy, .pop, .diff, .lag:
            let steps = f == .lag ? k.steps : f == .yoy ? perYear : 1
            if f == .lag && steps == 0 { return nil }
            let base: GrowthBase = f == .lag ? .lag(steps, s.frequency) : f == .yoy ? .yearEarlier : .previousPeriod
            let at = q(Self.factAt), bx = q(Self.factBaseValue)
            let shifted = (Self.factBase, "SELECT " + (keys + ["(\(p) + \(steps)) AS \(at)", "MAX(\(x)) AS \(bx)"]).joined(separator: ", ")
                           + "\n  FROM \(q(Self.factRows))\n  WHERE \(p) IS NOT NULL\n  GROUP BY " + (keys + [p]).joined(separator: ", "))
            let on = keys.map { dialect.nullSafeEqual("a.\($0)", "b.\($0)") } + ["a.\(p) = b.\(at)"]
            let lo = "(SELECT MIN(\(p)) FROM \(q(Self.factRows)))", hi = "(SELECT MAX(\(p)) FROM \(q(Self.factRows)))"
            // Rows with a value whose base is absent, null (or zero, for a ratio), past the start of the data.
            var gap = "a.\(x) IS NOT NULL AND a.\(p) IS NOT NULL AND (b.\(bx) IS NULL\(f == .pop || f == .yoy ? " OR b.\(bx) = 0" : ""))"
            gap += f == .lag ? " AND a.\(p) - \(steps) BETWEEN \(lo) AND \(hi)" : " AND a.\(p) - \(lo) >= \(f == .yoy ? perYear : 1)"
            let gaps = with(point.ctes + [rows, shifted]) + "\nSELECT a.\(p), COUNT(*)\nFROM \(q(Self.factRows)) AS a\nLEFT JOIN \(q(Self.factBase)) AS b ON "
                + on.joined(separator: " AND ") + "\nWHERE \(gap)\nGROUP BY a.\(p)\nORDER BY a.\(p)\n"
            let present = with(point.ctes + [rows]) + "\nSELECT \(p), COUNT(*), \(lo)\nFROM \(q(Self.factRows))\nWHERE \(x) IS NOT NULL AND \(p) IS NOT NULL\nGROUP BY \(p)\nORDER BY \(p)\n"
            let freq = s.frequency
            return FactCheck(statements: [gaps, present]) { results in
                let found = SQLFactStatements.counts(results[0])
                let count = found.reduce(0) { $0 + $1.rows }
                if count > 0 {
                    let periods = found.prefix(5).map { PeriodFormat.string($0.period, freq) }
                    return [LocatedFact(.growthGaps(call: f == .lag ? text : "\(f)()", rows: count, base: base, zeroCounts: f != .diff && f != .lag,
                                                    periods: periods), span: span)]
                }
                // No row has its base because every base lies before the data (`noteBaseBeforeData`).
                let had = SQLFactStatements.counts(results[1])
                guard steps > 0, steps <= FunctionID.furthestBaseYears * perYear, let last = had.last,
                      let first = results[1].count > 2 ? SQLFactStatements.ints(results[1][2]).first ?? nil : nil,
                      Int64(last.period) - Int64(steps) < first else { return [] }
                let missing = had.map { Period(frequency: freq, ordinal: Int32(truncatingIfNeeded: Int64($0.period) - Int64(steps))) }
                return [LocatedFact(.baseBeforeData(call: text, rows: had.reduce(0) { $0 + $1.rows }, base: base, missing: missing), span: span)]
            }
        case .ytd, .cumsum:
            var partition = keys
            let start: String
            if f == .ytd {
                let year = try ex.coarser(p, from: s.frequency, to: .year, span: span, call: f)
                partition.append(year)
                start = "(\(year) * \(perYear))"
            } else {
                start = "MIN(\(p)) " + ex.window(partition: keys, orderBy: nil, frame: nil)
            }
            let running = ex.window(partition: partition, orderBy: p, frame: "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
            let window = (Self.factWindow, "SELECT \(p), COUNT(\(x)) \(running) AS \(q(Self.factCount)), \(start) AS \(q(Self.factStart))\n  FROM \(q(Self.factRows))\n  WHERE \(p) IS NOT NULL")
            // Rows whose window (the year, or the series, so far) has fewer values than periods.
            let sql = with(point.ctes + [rows, window]) + "\nSELECT (SELECT COUNT(*) FROM \(q(Self.factWindow)) WHERE \(q(Self.factCount)) < \(p) - \(q(Self.factStart)) + 1), (SELECT COUNT(*) FROM \(q(Self.factRows)))\n"
            return FactCheck(statements: [sql]) { results in
                let values = results[0].map { SQLFactStatements.ints($0).first ?? nil }
                guard values.count == 2, let gaps = values[0], let total = values[1], gaps > 0 else { return [] }
                return [LocatedFact(.cumulativeGaps(call: "\(f)()", rows: Int(gaps), of: Int(total)), span: span)]
            }
        case .index:
            // Series without a usable base value: SQLCompiler+CompareFacts.swift.
            return try indexCheck(call, at: point)
        default:
            return nil
        }
    }
}
