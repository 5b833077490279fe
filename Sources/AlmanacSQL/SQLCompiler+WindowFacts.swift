import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// The warning of a growth of year-to-date totals whose windows hold other periods than their base's (the local
/// `WindowComparison.noteWindows`): `yoy(y)` (those rows null, or with `matched` computed over the periods in both)
/// and `lag(y, one year)` (last year's total, kept). Each row's window and its base's are the bit masks the main
/// statement compares (`ExprCompiler.windowMask`); the rules of `WindowFacts` word them and mark the cells.
extension SQLCompiler {
    static let windowMask = "__almanac_wm", windowBaseMask = "__almanac_wb", windowBaseTotal = "__almanac_wy"
    static let windowRows = "__almanac_wr", windowDiffering = "__almanac_wd", windowInner = "__almanac_wi"

    /// Two statements over the rows the call reads: how many rows with a total on both sides hold windows of other
    /// periods, and those rows' keys, period and masks (the first three periods' rows, for the warning's examples,
    /// and the first `CoverageMarks.limit` by period and key, for the cells' notes).
    func windowCheck(_ call: TimeCall, at point: FactPoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        guard let (y, inner, s, perYear) = ExprCompiler.windowedTotal(call, totals: point.runningTotals, schema: point.schema, dialect: dialect) else { return nil }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        func q(_ n: String) -> String { dialect.identifier(n) }
        let keys = s.keys.map(q), p = q(s.period), x = q(Self.factValue), i = q(Self.windowInner)
        let wm = q(Self.windowMask), wb = q(Self.windowBaseMask), yb = q(Self.windowBaseTotal)
        // Over the call's rows: its series keys, period, total and the column it totals, then each row's mask and
        // its base row's (and total).
        let rows = (Self.factRows, "SELECT " + (keys + [p, "\(ex.double(q(y))) AS \(x)", "\(ex.double(q(inner))) AS \(i)"]).joined(separator: ", ")
                    + "\n  FROM \(q(point.relation.name))")
        let masked = (Self.windowRows, "SELECT " + (keys + [p, x, "\(try ex.windowMask(i, s, span: span)) AS \(wm)"]).joined(separator: ", ")
                      + "\n  FROM \(q(Self.factRows))")
        let differing = (Self.windowDiffering, "SELECT * FROM (SELECT " + (keys + [p, x, wm, "\(ex.rangeValue(wm, steps: perYear, s)) AS \(wb)",
                         "\(ex.rangeValue(x, steps: perYear, s)) AS \(yb)"]).joined(separator: ", ") + "\n    FROM \(q(Self.windowRows))) AS t"
                         + "\n  WHERE \(x) IS NOT NULL AND \(yb) IS NOT NULL AND \(wm) <> \(wb)")
        let ctes = point.ctes + [rows, masked, differing]
        let counted = with(ctes) + "\nSELECT COUNT(*)\nFROM \(q(Self.windowDiffering))\n"
        let textKeys = Set(point.schema.fields.filter { $0.type == .text }.map(\.name))
        let order = [p] + s.keys.map { dialect.keyOrder(q($0), text: textKeys.contains($0)) }
        let listed = with(ctes) + "\nSELECT " + (keys.enumerated().map { "\($0.element) AS \(q(Self.factKey + String($0.offset)))" } + [p, wm, wb]).joined(separator: ", ")
            + "\nFROM (SELECT d.*, DENSE_RANK() OVER (ORDER BY \(p)) AS rk, ROW_NUMBER() OVER (ORDER BY \(order.joined(separator: ", "))) AS rn FROM \(q(Self.windowDiffering)) AS d) AS t"
            + "\nWHERE rk <= 3 OR rn <= \(CoverageMarks.limit)\n"
        let types = s.keys.map { point.schema.field($0)?.type }, freq = s.frequency, n = keys.count
        let text = f.callText(args, k), matched = k.matched, nulled = f == .yoy
        // The listed rows: keys, period, and each window's periods, in the order a warning names them.
        func listedRows(_ results: [[Column]]) -> [(keys: [Value], period: Int32, difference: WindowDifference)] {
            let columns = results[1]
            guard columns.count == n + 3 else { return [] }
            let periods = SQLFactStatements.ints(columns[n]), masks = SQLFactStatements.ints(columns[n + 1]), bases = SQLFactStatements.ints(columns[n + 2])
            let keyColumns = (0..<n).map { j in Self.keyColumn(columns[j], types[j]) }
            let kept = periods.indices.filter { periods[$0].flatMap { Int32(exactly: $0) } != nil && masks[$0] != nil && bases[$0] != nil }
            let ordinals = kept.map { Int32(periods[$0]!) }
            let order = WindowFacts.exampleOrder(ordinals: ordinals, keys: keyColumns.map { $0.gathering(kept.map(Int32.init)) })
            return order.map { j in
                let r = kept[j], o = ordinals[j], start = Self.yearStart(o, Int32(perYear))
                let diff = WindowDifference(period: PeriodFormat.string(o, freq), basePeriod: PeriodFormat.string(o - Int32(perYear), freq),
                                            series: n == 0 ? nil : SeriesExamples.name(keyColumns, r),
                                            current: WindowFacts.periodNames(UInt64(bitPattern: masks[r]!), yearStart: start, freq),
                                            base: WindowFacts.periodNames(UInt64(bitPattern: bases[r]!), yearStart: start - Int32(perYear), freq))
                return (keyColumns.map { $0.value(at: r) }, o, diff)
            }
        }
        var check = FactCheck(statements: [counted, listed]) { results in
            guard let count = SQLFactStatements.ints(results[0].first).first ?? nil, count > 0 else { return [] }
            let diffs = listedRows(results).prefix(3).map(\.difference)
            return [LocatedFact(WindowFacts.fact(call: text, rows: Int(count), matched: matched, nulled: nulled, differences: Array(diffs)), span: span)]
        }
        let seriesKeys = s.keys, periodName = s.period
        check.marks = { results in
            listedRows(results).prefix(CoverageMarks.limit).map { row in
                let d = row.difference
                return PendingMark(keyNames: seriesKeys, keys: row.keys.map(SQLFactStatements.keyText), periodName: periodName, period: row.period,
                                   text: WindowFacts.markText(at: d.period, from: d.basePeriod, current: d.current, base: d.base, matched: matched, nulled: nulled))
            }
        }
        return check
    }

    /// The first period of the year of ordinal `o` (`perYear` periods a year), floored.
    static func yearStart(_ o: Int32, _ perYear: Int32) -> Int32 {
        (o >= 0 ? o / perYear : (o - perYear + 1) / perYear) * perYear
    }
}
