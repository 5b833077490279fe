import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// The unit of a computed column, so that reports format it: sums keep their column's unit, a money sum divided by
/// 1e3/1e6/1e9 becomes thousand/million/billion of that currency, growth and shares are ratios, counts count.
enum UnitInference {
    static func unit(of e: BoundExpr, in schema: Schema, calls: [AggregateCall] = []) -> String? {
        switch e {
        case .column(let n, _): return schema.field(n)?.meta.unit
        case .aggregateResult(let i, _):
            guard i < calls.count else { return nil }
            let c = calls[i]
            return unit(by: FunctionCatalog.definition(c.function).unit, of: c.argument, in: schema)
        case .arithmetic(let op, let a, let b, _):
            let ua = unit(of: a, in: schema, calls: calls)
            let ub = unit(of: b, in: schema, calls: calls)
            // A quantity over the same quantity is a ratio (a share, a rate); a ratio minus 1 is a growth rate.
            if op == .divide, let u = ua, u == ub { return "ratio" }
            if op == .subtract, ua == "ratio", case .literal(let v, _) = b, v.number == 1 { return "ratio" }
            if case .literal(let v, _) = b, let d = v.number, let u = ua, let base = Unit(named: u), base.kind == .money, let cur = base.currency {
                let scale = op == .divide ? base.scale * d : op == .multiply ? base.scale / d : 0
                let names: [Double: String] = [1: cur, 1e3: "thousand \(cur)", 1e6: "million \(cur)", 1e9: "billion \(cur)"]
                if let n = names[scale] { return n }
                return nil
            }
            if op == .add || op == .subtract { return ua == unit(of: b, in: schema, calls: calls) ? ua : nil }
            return nil
        case .negate(let a, _): return unit(of: a, in: schema, calls: calls)
        case .time(let f, let args, _, _, _), .scalar(let f, let args, _, _):
            return unit(by: FunctionCatalog.definition(f).unit, of: args.first, in: schema, calls: calls)
        default: return nil
        }
    }

    /// A function's result unit by its definition's rule.
    static func unit(by rule: UnitRule, of argument: BoundExpr?, in schema: Schema, calls: [AggregateCall] = []) -> String? {
        switch rule {
        case .ofArgument: return argument.flatMap { unit(of: $0, in: schema, calls: calls) }
        case .fixed(let u): return u
        case .none: return nil
        }
    }
}
