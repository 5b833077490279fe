import AlmanacCore

/// Whether a plan needs its aggregates' coverage: only when a function reaching across periods (or a `compare`)
/// comes after an aggregate, so that a plain aggregate pays nothing for it.
enum CoverageNeeds {
    /// The functions that compare a row with another period's row of its series.
    static let crossPeriod: Set<FunctionID> = [.yoy, .pop, .lag, .diff, .index, .ytd, .rolling, .cumsum]

    static func wanted(_ plan: LogicalPlan) -> Bool {
        var afterAggregate = false
        for node in plan.nodes {
            switch node {
            case .aggregate: afterAggregate = true
            case .pivot: afterAggregate = false
            case .compare where afterAggregate: return true
            case .derive(let d) where afterAggregate:
                if d.assignments.contains(where: { reachesAcross($0.expr) }) { return true }
            case .select(let s) where afterAggregate:
                if s.items.contains(where: { reachesAcross($0.expr) }) { return true }
            default: break
            }
        }
        return false
    }

    /// Whether the plan asks for a like-for-like reading (`yoy(v, matched)`, `compare … matched`), which needs each
    /// sub-series' value too (`RowCoverage.memberValues`); without one, an aggregate skips that pass.
    static func wantsMatched(_ plan: LogicalPlan) -> Bool {
        plan.nodes.contains { node in
            switch node {
            case .compare(let c): return c.matched
            case .derive(let d): return d.assignments.contains { asksMatched($0.expr) }
            case .select(let s): return s.items.contains { asksMatched($0.expr) }
            default: return false
            }
        }
    }

    static func asksMatched(_ e: BoundExpr) -> Bool {
        switch e {
        case .time(_, let args, let k, _, _): return k.matched || args.contains(where: asksMatched)
        case .column, .literal, .aggregateResult: return false
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return asksMatched(a) || asksMatched(b)
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return asksMatched(a)
        case .between(let a, let b, let c, _): return asksMatched(a) || asksMatched(b) || asksMatched(c)
        case .scalar(_, let args, _, _): return args.contains(where: asksMatched)
        }
    }

    /// Whether a cross-period function occurs inside.
    static func reachesAcross(_ e: BoundExpr) -> Bool {
        switch e {
        case .time(let f, let args, _, _, _): return crossPeriod.contains(f) || args.contains(where: reachesAcross)
        case .column, .literal, .aggregateResult: return false
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return reachesAcross(a) || reachesAcross(b)
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return reachesAcross(a)
        case .between(let a, let b, let c, _): return reachesAcross(a) || reachesAcross(b) || reachesAcross(c)
        case .scalar(_, let args, _, _): return args.contains(where: reachesAcross)
        }
    }
}
