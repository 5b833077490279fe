import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// Per series, each measure summed over two ranges of periods: base, current, change and growth.
struct CompareOperator {
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
        var facts: [LocatedFact] = []
        if !r.seriesWithoutBaseRows.isEmpty || !r.seriesWithoutCurrentRows.isEmpty {
            var parts: [RangeCoverage] = []
            for (ids, range) in [(r.seriesWithoutBaseRows, base), (r.seriesWithoutCurrentRows, current)] where !ids.isEmpty {
                parts.append(RangeCoverage(series: ids.count, range: "\(range.lowerBound)..\(range.upperBound)"))
            }
            let missing = Array(Set(r.seriesWithoutBaseRows + r.seriesWithoutCurrentRows)).sorted().prefix(3)
            let names = missing.map { k in "(" + r.keys.map { $0.value(at: Int(k)).description }.joined(separator: ", ") + ")" }
            facts.append(LocatedFact(.compareEmpty(ranges: parts, examples: r.keys.isEmpty ? [] : names), span: span))
        }
        if let partial = try partialRanges(input, seriesKeys: seriesKeys, period: p) { facts.append(partial) }
        if let coverageFact { facts.append(coverageFact.fact) }
        return OperatorOutput(table: try Table(columns: cols), facts: facts, lineage: .cleared, marks: coverageFact?.marks ?? [:])
    }

    /// A series that has some but not all periods of a range sums only those — say so, with an example.
    func partialRanges(_ input: Table, seriesKeys keys: [Column], period p: Column) throws -> LocatedFact? {
        guard case .period(let ords, _) = p.storage else { return nil }
        let g = try Grouping.build(keys: keys, rowCount: input.rowCount)
        var parts: [RangeCoverage] = []
        var example: (name: String?, present: Int, of: Int)?
        for range in [node.base, node.current] {
            let span32 = range.upperBound.ordinal - range.lowerBound.ordinal + 1
            var present = [Set<Int32>](repeating: [], count: g.groupCount)
            for i in 0..<input.rowCount where p.validity.isValid(i) && ords[i] >= range.lowerBound.ordinal && ords[i] <= range.upperBound.ordinal {
                present[Int(g.groupIDs[i])].insert(ords[i])
            }
            let partial = present.indices.filter { !present[$0].isEmpty && present[$0].count < Int(span32) }
            guard !partial.isEmpty else { continue }
            parts.append(RangeCoverage(series: partial.count, range: "\(range.lowerBound)..\(range.upperBound)", periods: Int(span32)))
            if example == nil, let k = partial.first {
                let name = keys.isEmpty ? nil : "(" + keys.map { $0.value(at: Int(g.firstRows[k])).description }.joined(separator: ", ") + ")"
                example = (name, present[k].count, Int(span32))
            }
        }
        guard !parts.isEmpty else { return nil }
        return LocatedFact(.comparePartial(ranges: parts, example: example?.name, present: example?.present ?? 0, of: example?.of ?? 0), span: node.span)
    }
}
