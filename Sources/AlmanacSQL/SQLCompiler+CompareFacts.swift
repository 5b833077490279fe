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
