import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// Per series, each measure summed over two ranges of periods: base, current, change and growth.
package struct CompareOperator {
    let node: CompareNode

    func run(_ input: Table, coverage: RowCoverage? = nil) throws -> OperatorOutput {
        let span = node.span
        let p = try input.requiredColumn(node.period, for: "compare", span: span)
        let seriesKeys = try node.seriesKeys.map { try input.requiredColumn($0, for: "compare", span: span) }
        let measures = try node.measures.map { try input.requiredColumn($0, for: "compare", span: span) }
        let base = node.base, current = node.current
        var r = try CompareRanges.compare(seriesKeys: seriesKeys, period: p, measures: measures,
                                          base: base.lowerBound.ordinal...base.upperBound.ordinal,
                                          current: current.lowerBound.ordinal...current.upperBound.ordinal)
        // Over an aggregate's rows, whether both ranges sum the same sub-series (and, with `matched`, sums over those).
        let coverageFact = try coverage.flatMap { $0.rowCount == input.rowCount ? try checkCoverage(&r, period: p, coverage: $0) : nil }
        var cols = r.keys
        for (m, res) in zip(node.measures, r.measures) {
            cols.append(res.base.column("\(m)_base"))
            cols.append(res.current.column("\(m)_current"))
            cols.append(res.change.column("\(m)_change"))
            cols.append(res.growth.column("\(m)_growth"))
        }
        for i in cols.indices { if let f = node.schema.field(cols[i].name) { cols[i].meta = f.meta } }
        // Ranges a series has no rows in, or only some periods of (examples in key order: SeriesExamples).
        let keys = r.keys
        let order = SeriesExamples.order(keys, count: r.series.groupCount)
        var facts = Self.rangeFacts(base: base, current: current, present: rangePeriods(r.series, period: p), order: order,
                                    name: keys.isEmpty ? nil : { SeriesExamples.name(keys, $0) }).map { LocatedFact($0, span: span) }
        if let coverageFact { facts.append(coverageFact.fact) }
        return OperatorOutput(table: try Table(columns: cols), facts: facts, lineage: .cleared, marks: coverageFact?.marks ?? [:])
    }
}
