import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// The statements of a `compare`'s warnings (series with no rows in a range, series with only some of its periods)
/// and of `index(x, BASE)`'s (series without a usable base value). Each returns one row per series concerned (its
/// keys and a few counts); the local engine's own rules word them (`CompareOperator.rangeFacts`,
/// `IndexFunction.baseMissing`) and name the example series in key order (`SeriesExamples`), whatever order the
/// database returns them in, so that a warning over a table reads word for word as over a file.
extension SQLCompiler {
    /// One statement over the compare's input: per series (grouped by its keys, a null key a group of its own, as in
    /// memory), how many distinct periods of the base range and of the current range it has rows in (rows with a
    /// period, with a value or not; a row with a null period counts in neither). Without series keys, one row.
    func compareCheck(_ n: CompareNode, at point: FactPoint) throws -> FactCheck? {
        func q(_ s: String) -> String { dialect.identifier(s) }
        let p = q(n.period), keys = n.seriesKeys.map(q)
        func periods(_ r: ClosedRange<Period>) -> String {
            "COUNT(DISTINCT CASE WHEN \(p) BETWEEN \(r.lowerBound.ordinal) AND \(r.upperBound.ordinal) THEN \(p) END)"
        }
        let items = keys.enumerated().map { "\($0.element) AS \(q(Self.factKey + String($0.offset)))" } + [periods(n.base), periods(n.current)]
        var sql = with(point.ctes) + "\nSELECT \(items.joined(separator: ", "))\nFROM \(q(point.relation.name))\n"
        if !keys.isEmpty { sql += "GROUP BY \(keys.joined(separator: ", "))\n" }
        let types = n.seriesKeys.map { point.schema.field($0)?.type }
        return FactCheck(statements: [sql]) { results in
            let columns = results[0], k = keys.count
            guard columns.count == k + 2 else { return [] }
            let bases = SQLFactStatements.ints(columns[k]), currents = SQLFactStatements.ints(columns[k + 1])
            let present = zip(bases, currents).map { (base: Int($0 ?? 0), current: Int($1 ?? 0)) }
            let keyColumns = (0..<k).map { j in Self.keyColumn(columns[j], types[j]) }
            let order = SeriesExamples.order(keyColumns, count: present.count)
            return CompareOperator.rangeFacts(base: n.base, current: n.current, present: present, order: order,
                                              name: k == 0 ? nil : { SeriesExamples.name(keyColumns, $0) })
                .map { LocatedFact($0, span: n.span) }
        }
    }

    /// One statement over the rows `index(x, BASE)` reads: the series (grouped by the series keys) that have a row
    /// with a value and a period while their value at the base period (the main statement's `MAX(CASE WHEN p = BASE
    /// …)` over the series) is null or zero — their index is null throughout — one row each with its keys; without
    /// series keys, one row when the table is such a series.
    func indexCheck(_ call: TimeCall, at point: FactPoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        guard let x0 = args.first, !x0.hasTimeFunction, let base = k.base else { return nil }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        guard let s = try? ex.series(f, span), base.frequency == s.frequency else { return nil }
        func q(_ n: String) -> String { dialect.identifier(n) }
        let keys = s.keys.map(q), p = q(Self.factPeriod), x = q(Self.factValue)
        let rows = (Self.factRows, "SELECT " + (keys + ["\(q(s.period)) AS \(p)", "\(ex.double(try ex.sql(x0))) AS \(x)"]).joined(separator: ", ")
                    + "\n  FROM \(q(point.relation.name))")
        let atBase = "MAX(CASE WHEN \(p) = \(base.ordinal) THEN \(x) END)"
        let items = keys.enumerated().map { "\($0.element) AS \(q(Self.factKey + String($0.offset)))" } + ["COUNT(*)"]
        var sql = with(point.ctes + [rows]) + "\nSELECT \(items.joined(separator: ", "))\nFROM \(q(Self.factRows))\n"
        if !keys.isEmpty { sql += "GROUP BY \(keys.joined(separator: ", "))\n" }
        sql += "HAVING COUNT(CASE WHEN \(x) IS NOT NULL AND \(p) IS NOT NULL THEN 1 END) > 0 AND (\(atBase) IS NULL OR \(atBase) = 0)\n"
        let types = s.keys.map { point.schema.field($0)?.type }, text = f.callText(args, k)
        return FactCheck(statements: [sql]) { results in
            let columns = results[0], n = keys.count
            guard columns.count == n + 1, columns[n].count > 0 else { return [] }
            let keyColumns = (0..<n).map { j in Self.keyColumn(columns[j], types[j]) }
            return [LocatedFact(IndexFunction.baseMissing(call: text, base: base, series: columns[n].count, keys: keyColumns), span: span)]
        }
    }
}

/// The coverage of a compare of an aggregate's ranges (the local engine's `CompareOperator.checkCoverage`): per
/// series, the members (the values of the dimensions the aggregate summed away) each range sums, at each position of
/// the range when the ranges have one length (2023-02 with 2024-02; positions on one side only are the partial
/// ranges' warning, left out), listed in the database and compared there.
extension SQLCompiler {
    static let compareSides = "__almanac_cs", compareKept = "__almanac_ck", compareEntries = "__almanac_ce", compareDiffering = "__almanac_cd"
    static let side = "__almanac_sd", offset = "__almanac_o", inBase = "__almanac_ib", inCurrent = "__almanac_ic", rank = "__almanac_rn"

    /// Whether the statements can follow the compare's rows to the aggregate's: its series keys and period are the
    /// aggregate's keys, by name.
    static func followsCoverage(_ n: CompareNode, _ a: AggregatePoint) -> Bool {
        a.keyed(by: n.seriesKeys, period: n.period)
    }

    /// Two statements over the compare's input rows and the aggregate's input: how many series have rows in both
    /// ranges whose members differ, and the members of the first `CoverageMarks.limit` of them (in key order,
    /// Vietnamese order for text, nulls last), one row per member and position with which sides hold it.
    /// `CompareOperator.coverageDifference` and `coverageFact` word them as the local engine does: the first three in
    /// the warning, each in its series' change and growth cells' notes.
    func compareCoverageCheck(_ n: CompareNode, _ a: AggregatePoint, at point: FactPoint) -> FactCheck? {
        guard let freq = point.schema.field(n.period)?.type.frequency else { return nil }
        func q(_ s: String) -> String { dialect.identifier(s) }
        let keys = n.seriesKeys.map(q), p = q(n.period), m = q(Self.member), sd = q(Self.side), o = q(Self.offset)
        let ib = q(Self.inBase), ic = q(Self.inCurrent)
        let aligned = n.base.upperBound.ordinal - n.base.lowerBound.ordinal == n.current.upperBound.ordinal - n.current.lowerBound.ordinal
        // Each aggregated row's members, from the aggregate's input, named as a warning names them.
        let member = dialect.memberName(a.summedAway.map(q))
        let members = (Self.coverageMembers, "SELECT " + (a.keys.map { "\($0.sql) AS \(q($0.name))" } + ["\(member) AS \(m)"]).joined(separator: ", ")
                       + "\n  FROM \(q(a.input.name))")
        func same(_ l: String, _ r: String, _ names: [String]) -> [String] { names.map { dialect.nullSafeEqual("\(l).\($0)", "\(r).\($0)") } }
        // The (series, side, position, member) of each compare row in a range.
        func side(_ i: Int, _ r: ClosedRange<Period>) -> String {
            "SELECT DISTINCT " + (keys.map { "r.\($0)" } + ["\(i) AS \(sd)", aligned ? "(r.\(p) - \(r.lowerBound.ordinal)) AS \(o)" : "0 AS \(o)", "c.\(m) AS \(m)"]).joined(separator: ", ")
                + "\n  FROM \(q(point.relation.name)) AS r JOIN \(q(Self.coverageMembers)) AS c ON " + same("r", "c", keys + [p]).joined(separator: " AND ")
                + "\n  WHERE r.\(p) BETWEEN \(r.lowerBound.ordinal) AND \(r.upperBound.ordinal)"
        }
        let sides = (Self.compareSides, side(0, n.base) + "\n  UNION ALL\n  " + side(1, n.current))
        // Aligned ranges, unmatched: only the positions present on both sides (matched: every member on one side only).
        let kept = (Self.compareKept, "SELECT s.* FROM \(q(Self.compareSides)) AS s" + (aligned && !n.matched ? "\n  WHERE EXISTS (SELECT 1 FROM \(q(Self.compareSides)) AS t WHERE "
                    + (same("s", "t", keys) + ["t.\(sd) <> s.\(sd)", "t.\(o) = s.\(o)"]).joined(separator: " AND ") + ")" : ""))
        let entries = (Self.compareEntries, "SELECT " + (keys + [o, m, "MAX(CASE WHEN \(sd) = 0 THEN 1 ELSE 0 END) AS \(ib)", "MAX(CASE WHEN \(sd) = 1 THEN 1 ELSE 0 END) AS \(ic)"])
                       .joined(separator: ", ") + "\n  FROM \(q(Self.compareKept))\n  GROUP BY " + (keys + [o, m]).joined(separator: ", "))
        // Series with members on both sides and a member on one side only.
        let textKeys = Set(point.schema.fields.filter { $0.type == .text }.map(\.name))
        let order = n.seriesKeys.map { dialect.keyOrder(q($0), text: textKeys.contains($0)) }
        let differing = (Self.compareDiffering, "SELECT " + (keys + ["row_number() OVER (" + (order.isEmpty ? "" : "ORDER BY " + order.joined(separator: ", ")) + ") AS \(q(Self.rank))"])
                         .joined(separator: ", ") + "\n  FROM \(q(Self.compareEntries))" + (keys.isEmpty ? "" : "\n  GROUP BY " + keys.joined(separator: ", "))
                         + "\n  HAVING SUM(\(ib)) > 0 AND SUM(\(ic)) > 0 AND (SUM(\(ib)) <> SUM(\(ib) * \(ic)) OR SUM(\(ic)) <> SUM(\(ib) * \(ic)))")
        let ctes = point.ctes + [members, sides, kept, entries, differing]
        let counted = with(ctes) + "\nSELECT COUNT(*)\nFROM \(q(Self.compareDiffering))\n"
        let on = keys.isEmpty ? "CROSS JOIN \(q(Self.compareDiffering)) AS d" : "JOIN \(q(Self.compareDiffering)) AS d ON " + same("e", "d", keys).joined(separator: " AND ")
        let examples = with(ctes) + "\nSELECT " + (keys.enumerated().map { "e.\($0.element) AS \(q(Self.factKey + String($0.offset)))" }
            + ["d.\(q(Self.rank))", "e.\(o)", "e.\(m)", "e.\(ib)", "e.\(ic)"]).joined(separator: ", ")
            + "\nFROM \(q(Self.compareEntries)) AS e\n\(on)\nWHERE d.\(q(Self.rank)) <= \(CoverageMarks.limit)\nORDER BY d.\(q(Self.rank))\n"
        let types = n.seriesKeys.map { point.schema.field($0)?.type }, dims = a.summedAway
        // Each listed series' row (its first member row), keys and difference, in key order.
        func differences(_ results: [[Column]]) -> [(keys: [Value], difference: CoverageDifference)] {
            let columns = results[1], k = keys.count
            guard columns.count == k + 5 else { return [] }
            let ranks = SQLFactStatements.ints(columns[k]), offsets = SQLFactStatements.ints(columns[k + 1])
            let inB = SQLFactStatements.ints(columns[k + 3]), inC = SQLFactStatements.ints(columns[k + 4])
            let keyColumns = (0..<k).map { j in Self.keyColumn(columns[j], types[j]) }
            func text(_ r: Int) -> String {
                if case .text(let s) = columns[k + 2].value(at: r) { return s }
                return columns[k + 2].value(at: r).description
            }
            var series: [(row: Int, base: Set<RangeMember>, current: Set<RangeMember>)] = []
            var slot: [Int64: Int] = [:]
            for r in 0..<columns[k].count {
                guard let rank = ranks[r], let off = offsets[r].flatMap({ Int32(exactly: $0) }) else { continue }
                let j = slot[rank] ?? { slot[rank] = series.count; series.append((r, [], [])); return series.count - 1 }()
                let member = RangeMember(offset: off, name: text(r))
                if inB[r] == 1 { series[j].base.insert(member) }
                if inC[r] == 1 { series[j].current.insert(member) }
            }
            return series.map { s in
                (keyColumns.map { $0.value(at: s.row) },
                 CompareOperator.coverageDifference(n, series: k == 0 ? nil : SeriesExamples.name(keyColumns, s.row), base: s.base, current: s.current,
                                                    aligned: aligned, frequency: freq))
            }
        }
        var check = FactCheck(statements: [counted, examples]) { results in
            guard let count = SQLFactStatements.ints(results[0].first).first ?? nil, count > 0 else { return [] }
            let diffs = differences(results).prefix(3).map(\.difference)
            return [LocatedFact(CompareOperator.coverageFact(n, series: Int(count), dimensions: dims, differences: Array(diffs), frequency: freq), span: n.span)]
        }
        let seriesKeys = n.seriesKeys
        check.marks = { results in
            differences(results).map { d in
                PendingMark(keyNames: seriesKeys, keys: d.keys.map(SQLFactStatements.keyText), periodName: nil, period: nil,
                            text: CoverageMarks.compareText(d.difference, dimensions: dims, matched: n.matched))
            }
        }
        check.markedColumns = n.measures.flatMap { ["\($0)_change", "\($0)_growth"] }
        return check
    }
}
