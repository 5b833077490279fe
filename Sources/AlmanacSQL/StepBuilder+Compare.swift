import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `compare A..B vs C..D`: per series, each measure summed over the rows of either range (null where the series has
/// no value there, never 0), then `change = current − base` and `growth = current / base − 1` (null on a zero base).
/// With `matched` over an aggregate's rows, a series whose ranges sum other sub-series sums only those in both
/// (StepBuilder+CompareMatched.swift).
extension StepBuilder {
    mutating func compare(_ n: CompareNode) throws -> SQLCompiler.Relation {
        let from = try require(input)
        noteStepFact(.compare(n), over: from, schema: try inputSchema(n.span))
        let ex = ExprCompiler(dialect: dialect, schema: try inputSchema(n.span), span: n.span)
        let p = id(n.period)
        let keys = n.seriesKeys.map(id)
        var sums: [String] = keys
        for m in n.measures {
            let x = ex.double(id(m))
            for (suffix, range) in [("base", n.base), ("current", n.current)] {
                let inRange = "\(p) BETWEEN \(range.lowerBound.ordinal) AND \(range.upperBound.ordinal)"
                sums.append("SUM(CASE WHEN \(inRange) THEN \(x) END) AS \(id("\(m)_\(suffix)"))")
            }
        }
        let sumColumns = n.seriesKeys + n.measures.flatMap { ["\($0)_base", "\($0)_current"] }
        var summed = emit(select: sums, columns: sumColumns, from: from,
                          tail: keys.isEmpty ? "" : "GROUP BY " + keys.joined(separator: ", "), ordered: false)
        if n.matched { summed = try matchedRanges(n, sums: summed, input: from) }
        var items = keys
        for m in n.measures {
            let b = id("\(m)_base"), c = id("\(m)_current")
            items += [b, c, "(\(c) - \(b)) AS \(id("\(m)_change"))", "(\(c) / NULLIF(\(b), 0) - 1) AS \(id("\(m)_growth"))"]
        }
        let names = n.schema.names
        let result = emit(select: items, columns: n.seriesKeys + n.measures.flatMap { m in ["base", "current", "change", "growth"].map { "\(m)_\($0)" } },
                          from: summed, ordered: false)
        guard result.columns == names else {
            throw DiagnosticError(.internalError("compare: the plan's columns are \(names), the statement's \(result.columns)", span: n.span))
        }
        return result
    }
}
