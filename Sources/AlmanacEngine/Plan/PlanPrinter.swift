import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// The text of `almanac explain`: one line per step with its bound expressions and the schema it produces.
public enum PlanPrinter {
    public static func render(_ plan: LogicalPlan) -> String {
        var out = ""
        var step = 0
        for node in plan.nodes {
            if case .resume = node { continue }
            step += 1
            out += "\(step). " + describe(node) + "\n"
            out += "   → " + node.schema.fields.map { "\($0.name): \($0.type)\($0.meta.unit.map { " [\($0)]" } ?? "")" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    static func describe(_ node: PlanNode) -> String {
        switch node {
        case .scan(let n): return "Scan \(n.source.displayName)"
        case .resume: return "Resume"
        case .filter(let n): return "Filter \(expr(n.predicate))"
        case .derive(let n): return "Derive " + n.assignments.map { "\($0.name) = \(expr($0.expr))" }.joined(separator: ", ")
        case .select(let n): return "Select " + n.items.map { "\($0.name) = \(expr($0.expr))" }.joined(separator: ", ")
        case .aggregate(let n):
            let c = n.calls.enumerated().map { "#\($0.offset) = \($0.element.function.rawValue)(\($0.element.argument.map(expr) ?? ""))" }
            return "Aggregate [\(c.joined(separator: ", "))] outputs " + n.outputs.map { "\($0.name) = \(expr($0.expr))" }.joined(separator: ", ")
                + " by " + n.keys.map { "\($0.name) = \(expr($0.expr))" }.joined(separator: ", ")
        case .sort(let n): return "Sort " + n.keys.map { expr($0.expr) + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        case .take(let n): return "Take \(n.count)"
        case .pivot(let n): return "Pivot \(n.column) values \(n.values.joined(separator: ", ")) rows \(n.rowKeys.joined(separator: ", "))"
        case .join(let n): return "Join \(n.lookup.source.displayName) on \(n.keys.joined(separator: ", "))"
        case .unpivot(let n):
            let names = n.periods.map { "period(\($0.first?.frequency.description ?? ""))" } ?? "text"
            return "Unpivot \(n.columns.joined(separator: ", ")) into \(n.nameColumn) (\(names)), \(n.valueColumn) (\(n.valueType))"
                + (n.kept.isEmpty ? "" : " keeping \(n.kept.joined(separator: ", "))") + (n.keepNulls ? ", nulls kept" : ", nulls dropped")
        case .compare(let n):
            return "Compare \(n.measures.joined(separator: ", ")) over \(n.period): \(n.base.lowerBound)..\(n.base.upperBound) vs \(n.current.lowerBound)..\(n.current.upperBound) per (\(n.seriesKeys.joined(separator: ", ")))"
        }
    }

    package static func expr(_ e: BoundExpr) -> String {
        switch e {
        case .column(let n, _): return n
        case .literal(let v, _): if case .text(let s) = v { return "\"\(s)\"" }; return v.description
        case .arithmetic(let op, let a, let b, _):
            let sym: String
            switch op { case .add: sym = "+"; case .subtract: sym = "-"; case .multiply: sym = "*"; case .divide: sym = "/" }
            return "(\(expr(a)) \(sym) \(expr(b)))"
        case .negate(let a, _): return "-\(expr(a))"
        case .compare(let op, let a, let b):
            let sym: String
            switch op { case .equal: sym = "="; case .notEqual: sym = "!="; case .less: sym = "<"; case .lessOrEqual: sym = "<="; case .greater: sym = ">"; case .greaterOrEqual: sym = ">=" }
            return "(\(expr(a)) \(sym) \(expr(b)))"
        case .and(let a, let b): return "(\(expr(a)) and \(expr(b)))"
        case .or(let a, let b): return "(\(expr(a)) or \(expr(b)))"
        case .not(let a): return "not \(expr(a))"
        case .isNull(let a, let n): return "\(expr(a)) is \(n ? "not " : "")null"
        case .inList(let a, let vs, let n): return "\(expr(a)) \(n ? "not " : "")in (\(vs.map(\.description).joined(separator: ", ")))"
        case .between(let a, let lo, let hi, let n): return "\(expr(a)) \(n ? "not " : "")between \(expr(lo)) and \(expr(hi))"
        case .scalar(let f, let args, _, _): return "\(f.rawValue)(\(args.map(expr).joined(separator: ", ")))"
        // With its constants (`lag(value, 12)`, `yoy(v, matched)`), as a warning names the call.
        case .time(let f, let args, let k, _, _): return TimeContext.callText(f, args, k)
        case .aggregateResult(let i, _): return "#\(i)"
        }
    }
}
