import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `compare … matched` over an aggregate's rows, as the local `CompareOperator.checkCoverage` computes it: per
/// series, the members each range sums (the sub-series, at their position in the range when the ranges have one
/// length); a series whose ranges hold other members sums, in each range, only the members in both. Over rows no
/// aggregate made, `matched` changes nothing (as in memory).
extension StepBuilder {
    static let rangeMember = "__almanac_rm", rangeSide = "__almanac_rs", rangeOffset = "__almanac_ro"

    /// The per-series sums (`sums`: the series keys, then each measure's base and current) with those of the series
    /// whose ranges differ replaced by their sums over the members in both.
    mutating func matchedRanges(_ n: CompareNode, sums: SQLCompiler.Relation, input: SQLCompiler.Relation) throws -> SQLCompiler.Relation {
        let text = "compare \(n.base.lowerBound)..\(n.base.upperBound) vs \(n.current.lowerBound)..\(n.current.upperBound) matched"
        switch coverage {
        case .none: return sums
        case .lost: throw compiler.unsupported("\(text) after a step that renamed or replaced the aggregate's keys", span: n.span)
        case .tracked(let a):
            guard a.keyed(by: n.seriesKeys, period: n.period) else {
                throw compiler.unsupported("\(text) over other series than the aggregate's rows", span: n.span)
            }
            if let m = n.measures.first(where: { !a.measures.contains($0) }) {
                throw compiler.unsupported("\(text) of '\(m)', which is not a sum or count the aggregate made (a matched range needs each sub-series' value)", span: n.span)
            }
            return try matchedRanges(n, a, sums: sums, input: input)
        }
    }

    private mutating func matchedRanges(_ n: CompareNode, _ a: AggregatePoint, sums: SQLCompiler.Relation, input: SQLCompiler.Relation) throws -> SQLCompiler.Relation {
        let values = n.measures.indices.map { "__almanac_mv\($0)" }
        let perMember = try memberValues(a, measures: n.measures, named: values)
        let keys = n.seriesKeys.map(id), p = id(n.period), m = id(Self.rangeMember), sd = id(Self.rangeSide), o = id(Self.rangeOffset)
        func same(_ l: String, _ r: String, _ names: [String]) -> [String] { names.map { dialect.nullSafeEqual("\(l).\($0)", "\(r).\($0)") } }
        let aligned = n.base.upperBound.ordinal - n.base.lowerBound.ordinal == n.current.upperBound.ordinal - n.current.lowerBound.ordinal
        // A member as the warnings name it (`Huế`, `(Huế, export)`), from the dimensions the aggregate summed away.
        let member = dialect.memberName(a.summedAway.map { "v.\(id($0))" })
        // Each compare row in a range, with its members and their values.
        func side(_ i: Int, _ r: ClosedRange<Period>) -> String {
            let offset = aligned ? "(r.\(p) - \(r.lowerBound.ordinal))" : "0"
            return "SELECT " + (keys.map { "r.\($0)" } + ["\(i) AS \(sd)", "\(offset) AS \(o)", "\(member) AS \(m)"] + values.map { "v.\(id($0))" }).joined(separator: ", ")
                + "\n  FROM \(id(input.name)) AS r JOIN \(id(perMember.name)) AS v ON " + same("r", "v", keys + [p]).joined(separator: " AND ")
                + "\n  WHERE r.\(p) BETWEEN \(r.lowerBound.ordinal) AND \(r.upperBound.ordinal)"
        }
        let sides = emit(select: ["*"], columns: [], from: nil, source: "(" + side(0, n.base) + "\n  UNION ALL\n  " + side(1, n.current) + ") AS s", ordered: false)
        // Per (series, position, member): which ranges hold it, and its values there.
        let entries = emit(select: keys + [o, m, "MAX(CASE WHEN \(sd) = 0 THEN 1 ELSE 0 END) AS ib", "MAX(CASE WHEN \(sd) = 1 THEN 1 ELSE 0 END) AS ic"]
                               + values.flatMap { v in ["SUM(CASE WHEN \(sd) = 0 THEN \(id(v)) END) AS \(id(v + "_b"))", "SUM(CASE WHEN \(sd) = 1 THEN \(id(v)) END) AS \(id(v + "_c"))"] },
                           columns: [], from: sides, tail: "GROUP BY " + (keys + [o, m]).joined(separator: ", "), ordered: false)
        // Per series: whether its ranges hold other members (both holding some), and the sums over those in both.
        let both = "ib = 1 AND ic = 1"
        let series = emit(select: keys + ["CASE WHEN SUM(ib) > 0 AND SUM(ic) > 0 AND (SUM(ib) <> SUM(ib * ic) OR SUM(ic) <> SUM(ib * ic)) THEN 1 ELSE 0 END AS d"]
                              + values.flatMap { v in ["SUM(CASE WHEN \(both) THEN \(id(v + "_b")) END) AS \(id(v + "_b"))", "SUM(CASE WHEN \(both) THEN \(id(v + "_c")) END) AS \(id(v + "_c"))"] },
                          columns: [], from: entries, tail: keys.isEmpty ? "" : "GROUP BY " + keys.joined(separator: ", "), ordered: false)
        let on = keys.isEmpty ? "CROSS JOIN \(id(series.name)) AS c" : "LEFT JOIN \(id(series.name)) AS c ON " + same("s", "c", keys).joined(separator: " AND ")
        let items = keys.map { "s.\($0)" } + zip(n.measures, values).flatMap { measure, v in
            [("base", "_b"), ("current", "_c")].map { side, suffix in
                let column = id("\(measure)_\(side)")
                return "CASE WHEN c.d = 1 THEN c.\(id(v + suffix)) ELSE s.\(column) END AS \(column)"
            }
        }
        return emit(select: items, columns: sums.columns, from: nil, source: "\(id(sums.name)) AS s\n  \(on)", ordered: false)
    }
}
