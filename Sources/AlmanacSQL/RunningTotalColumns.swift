import AlmanacEngine

/// The year-to-date columns a derive made (`y = ytd(x)` over a plain column), each with the column it totals, as the
/// later steps keep them: the local engine's `RunningTotals`, followed through the chain the same way. A `yoy` of
/// such a column compares its windows month by month (`StepBuilder+Windows.swift`), as in memory.
enum RunningTotalColumns {
    /// After these assignments of a derive (each sees those before it).
    static func after(_ assignments: ArraySlice<NamedExpr>, _ totals: [String: String]) -> [String: String] {
        var out = totals
        for item in assignments {
            out = out.filter { $0.key != item.name && $0.value != item.name }
            if case .time(.ytd, let args, _, _, _) = item.expr, case .column(let x, _)? = args.first { out[item.name] = x }
        }
        return out
    }

    /// After `node`, from the totals of its input.
    static func after(_ node: PlanNode, _ totals: [String: String]) -> [String: String] {
        switch node {
        case .filter, .sort, .take, .join: return totals
        case .derive(let d): return after(d.assignments[...], totals)
        case .select(let s):
            let passed = Set(s.items.compactMap { item -> String? in
                if case .column(let n, _) = item.expr, n == item.name { return n } else { return nil }
            })
            return totals.filter { passed.contains($0.key) && passed.contains($0.value) }
        case .unpivot(let u):
            let kept = Set(u.kept)
            return totals.filter { kept.contains($0.key) && kept.contains($0.value) }
        case .scan, .aggregate, .pivot, .resume, .compare: return [:]
        }
    }
}
