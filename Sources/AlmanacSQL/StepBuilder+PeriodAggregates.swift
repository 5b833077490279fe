import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// `first`, `last` and `cagr` read the group's earliest and latest period where the argument has a value: a CTE
/// before the aggregate adds them to every row (`MIN(p) OVER (PARTITION BY the group's keys)`, over rows where
/// both are non-null), and the aggregate sums the argument at those periods, as the local engine does when several
/// rows share one.
extension StepBuilder {
    static func extremeColumns(_ i: Int) -> (lo: String, hi: String) { ("__almanac_lo\(i)", "__almanac_hi\(i)") }

    static let periodAggregates: Set<FunctionID> = [.first, .last, .cagr]

    /// Adds the CTE of each period-aggregate call's first and last period, when the aggregate has such calls.
    mutating func periodExtremes(_ n: AggregateNode, _ ex: ExprCompiler, from: inout SQLCompiler.Relation) throws {
        let calls = n.calls.enumerated().filter { Self.periodAggregates.contains($0.element.function) }
        guard !calls.isEmpty else { return }
        guard let p = ex.schema.periodKey else {
            throw DiagnosticError(.error(DiagnosticID("sql.needs-period"), "\(calls[0].element.function)() needs exactly one period key", span: n.span))
        }
        let period = id(p.name)
        let keys = try n.keys.map { try ex.sql($0.expr) }
        let w = keys.isEmpty ? "OVER ()" : "OVER (PARTITION BY \(keys.joined(separator: ", ")))"
        var items = from.columns.map(id) + orderColumn(from)
        for (i, c) in calls {
            guard let a = c.argument, a.type?.isNumeric == true else {
                let kind = c.argument?.type.map { "\($0)" } ?? "nothing"
                throw compiler.unsupported("\(c.function)() of \(kind) (rows have no order of their own in SQL)", span: n.span)
            }
            let x = try ex.sql(a)
            let at = "CASE WHEN \(x) IS NOT NULL AND \(period) IS NOT NULL THEN \(period) END"
            let (lo, hi) = Self.extremeColumns(i)
            items += ["MIN(\(at)) \(w) AS \(id(lo))", "MAX(\(at)) \(w) AS \(id(hi))"]
        }
        // Only the aggregate reads the new columns: later steps see the input's.
        from = emit(select: items, columns: from.columns, from: from, ordered: from.ordered)
    }

    /// first(x), last(x): x summed over the rows at the group's first (last) period; cagr(x):
    /// (last / first)^(1 / years) − 1, null when years is 0, first ≤ 0 or last < 0.
    func periodAggregate(_ c: AggregateCall, _ i: Int, _ ex: ExprCompiler, span: SourceSpan) throws -> String {
        guard Self.periodAggregates.contains(c.function), let a = c.argument, let p = ex.schema.periodKey, let freq = p.type.frequency else {
            throw compiler.unsupported("the aggregate \(c.function)()", span: span)
        }
        let x = try ex.sql(a)
        let period = id(p.name)
        let (lo, hi) = Self.extremeColumns(i)
        func sumAt(_ edge: String, as type: DataType) -> String {
            let v = type == .float ? ex.double(x) : x
            return "CAST(SUM(CASE WHEN \(x) IS NOT NULL AND \(period) = \(id(edge)) THEN \(v) END) AS \(dialect.typeName(type)))"
        }
        switch c.function {
        case .first: return sumAt(lo, as: c.type)
        case .last: return sumAt(hi, as: c.type)
        default:
            let step = ex.double(String(PeriodMath.yearsPerStep(freq)))
            let years = "(\(ex.double("(MAX(\(id(hi))) - MAX(\(id(lo))))")) * \(step))"
            let f = sumAt(lo, as: .float), l = sumAt(hi, as: .float)
            return "CASE WHEN \(years) <> 0 AND \(f) > 0 AND \(l) >= 0 THEN POWER(\(l) / \(f), \(ex.double("1")) / \(years)) - 1 END"
        }
    }
}
