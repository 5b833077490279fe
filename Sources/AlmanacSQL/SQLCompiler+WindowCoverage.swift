import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Over an aggregate's rows, a growth (or last year's value) of a year-to-date column `y = ytd(x)` compares each
/// month its two windows both hold with the same month a year earlier (the local `WindowComparison`): a month that
/// sums other sub-series (or another number of finer periods) makes the row not like-for-like. The months are the
/// rows the coverage of `yoy(x)` finds (`differingCTEs`); a year-to-date row is concerned when a month of its year,
/// up to its own, is one of them. The local rules word the warning (the months as examples, the rows counted) and
/// the cells' notes (`WindowFacts.coverageMarkText`).
extension SQLCompiler {
    static let windowTotals = "__almanac_wt", windowFlags = "__almanac_wf"

    /// The check, nil when the call is not one the local engine checks this way; a check without statements when it
    /// checks nothing (`lag` of a year-to-date column by other than a year).
    func windowCoverageCheck(_ call: TimeCall, at point: FactPoint, _ a: AggregatePoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        guard f == .yoy || f == .lag, case .column(let y, _)? = args.first, point.runningTotals[y] != nil else { return nil }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        guard let (_, inner, s, perYear) = ExprCompiler.windowedTotal(call, totals: point.runningTotals, schema: point.schema, dialect: dialect),
              let field = point.schema.field(inner) else {
            return f == .lag ? FactCheck(statements: []) { _ in [] } : nil
        }
        var monthly = k
        monthly.matched = false
        guard let (ctes, _) = try differingCTEs((.yoy, [.column(inner, field.type)], monthly, span), at: point, a) else { return nil }
        func q(_ n: String) -> String { dialect.identifier(n) }
        let keys = s.keys.map(q), period = q(s.period), p = q(Self.factPeriod), total = ex.double(q(y))
        let same = keys.map { dialect.nullSafeEqual("t.\($0)", "d.\($0)") }
        // The year-to-date rows with a total on both sides, and whether a month of their window sums other members.
        let totals = (Self.windowTotals, "SELECT * FROM (SELECT " + (keys + [period, "\(total) AS \(q(Self.factValue))",
                      "\(ex.rangeValue(total, steps: perYear, s)) AS \(q(Self.windowBaseTotal))"]).joined(separator: ", ")
                      + "\n    FROM \(q(point.relation.name))) AS t\n  WHERE \(q(Self.factValue)) IS NOT NULL AND \(q(Self.windowBaseTotal)) IS NOT NULL")
        let year = { (c: String) in try ex.coarser(c, from: s.frequency, to: .year, span: span, call: f) }
        let flags = (Self.windowFlags, "SELECT " + (keys.map { "t.\($0) AS \($0)" } + ["t.\(period) AS \(p)", "MAX(CASE WHEN d.fo = 0 THEN 1 ELSE 0 END) AS ms"]).joined(separator: ", ")
                     + "\n  FROM \(q(Self.windowTotals)) AS t\n  JOIN \(q(Self.coverageDiffering)) AS d ON "
                     + (same + ["\(try year("d.\(p)")) = \(try year("t.\(period)"))", "d.\(p) <= t.\(period)"]).joined(separator: " AND ")
                     + "\n  GROUP BY " + (keys.map { "t.\($0)" } + ["t.\(period)"]).joined(separator: ", "))
        let all = ctes + [totals, flags]
        let rowsCounted = with(all) + "\nSELECT ms, COUNT(*)\nFROM \(q(Self.windowFlags))\nGROUP BY ms\n"
        let monthsCounted = with(ctes) + "\nSELECT fo, COUNT(*)\nFROM \(q(Self.coverageDiffering))\nGROUP BY fo\n"
        // The months a warning names: earliest first, then in the rows' order (a sort's, else the aggregate's keys).
        let textKeys = Set(point.schema.fields.filter { $0.type == .text }.map(\.name))
        let keyOrder = s.keys.map { dialect.keyOrder(q($0), text: textKeys.contains($0)) }
        let order = [p] + (point.relation.ordered ? [q(SQLCompiler.order)] : []) + keyOrder
        let examples = with(ctes) + "\nSELECT fo, \(p), \(q(Self.factAt)), cn, bn, cl, bl, cf, bf" + s.keys.map { ", " + dialect.castToText(q($0)) }.joined()
            + "\nFROM (SELECT d.*, row_number() OVER (PARTITION BY fo ORDER BY \(order.joined(separator: ", "))) AS rn FROM \(q(Self.coverageDiffering)) AS d) AS t"
            + "\nWHERE rn <= 3\nORDER BY fo, rn\n"
        let marked = with(all) + "\nSELECT \(p)" + s.keys.map { ", " + dialect.castToText(q($0)) }.joined()
            + "\nFROM (SELECT w.*, row_number() OVER (ORDER BY \(([p] + keyOrder).joined(separator: ", "))) AS rn FROM \(q(Self.windowFlags)) AS w) AS t"
            + "\nWHERE rn <= \(CoverageMarks.limit)\n"
        let text = f.callText(args, k), dims = a.summedAway, freq = s.frequency, finer = a.finer?.frequency, n = s.keys.count
        let matched = k.matched, suggestion = f == .yoy && !matched ? String(text.dropLast()) + ", matched)" : nil
        var check = FactCheck(statements: [rowsCounted, monthsCounted, examples, marked]) { results in
            let rows = SQLFactStatements.counts(results[0]), months = SQLFactStatements.counts(results[1])
            func count(_ c: [(period: Int32, rows: Int)], _ kind: Int32) -> Int { c.first { $0.period == kind }?.rows ?? 0 }
            let found = Self.coverageDifferences(results[2], keyCount: n, frequency: freq, finer: finer)
            var facts: [LocatedFact] = []
            // Months of other sub-series (rows with such a month), then months of other finer periods only.
            for (finerOnly, monthKind, rowKind) in [(false, Int32(0), Int32(1)), (true, Int32(1), Int32(0))] {
                let m = count(months, monthKind), r = count(rows, rowKind)
                guard m > 0, r > 0 else { continue }
                facts.append(LocatedFact(.coverageDiffers(call: text, rows: r, dimensions: finerOnly ? [] : dims, matched: matched && !finerOnly,
                                                          suggestion: finerOnly ? nil : suggestion,
                                                          differences: Array(found.filter { $0.finerOnly == finerOnly }.prefix(3).map(\.difference)),
                                                          examples: m), span: span))
            }
            return facts
        }
        let seriesKeys = s.keys, periodName = s.period
        check.marks = { results in
            let columns = results[3]
            guard columns.count == n + 1 else { return [] }
            return SQLFactStatements.ints(columns[0]).enumerated().compactMap { r, o in
                guard let o = o.flatMap({ Int32(exactly: $0) }) else { return nil }
                let keyTexts = (0..<n).map { j -> String in
                    if case .text(let t) = columns[j + 1].value(at: r) { return t }
                    return columns[j + 1].value(at: r).description
                }
                return PendingMark(keyNames: seriesKeys, keys: keyTexts, periodName: periodName, period: o,
                                   text: WindowFacts.coverageMarkText(at: PeriodFormat.string(o, freq), from: PeriodFormat.string(o - Int32(perYear), freq), matched: matched))
            }
        }
        return check
    }
}
