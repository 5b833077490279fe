import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// The unit of a computed column, so that reports format it and the unit check refuses mixtures:
/// - money times or over a constant keeps its currency: `value_usd / 2` and `value_usd * 1.1` are USD, while `/ 1e3`,
///   `/ 1e6`, `/ 1e9` (and `* 1e3` back) move the scale (thousand, million, billion USD); counts and quantities
///   times a constant keep their unit;
/// - a quantity over the same quantity is a ratio (a share, a rate), shown in percent; over its own value some periods
///   earlier (`x / lag(x, 12)`) it is a multiple, shown as 1.90×; a ratio or multiple minus 1 is a growth rate;
/// - a difference of two ratios (`diff(share)`, `share_2024 - share_2023`) is in percentage points;
/// - functions follow their definition's `UnitRule`; counts count.
enum UnitInference {
    static func unit(of e: BoundExpr, in schema: Schema, calls: [AggregateCall] = []) -> String? {
        switch e {
        case .column(let n, _): return schema.field(n)?.meta.unit
        case .aggregateResult(let i, _):
            guard i < calls.count else { return nil }
            let c = calls[i]
            return unit(by: FunctionCatalog.definition(c.function).unit, of: c.argument, in: schema)
        case .arithmetic(let op, let a, let b, _):
            return arithmetic(op, a, b, in: schema, calls: calls)
        case .negate(let a, _): return unit(of: a, in: schema, calls: calls)
        case .time(let f, let args, _, _, _), .scalar(let f, let args, _, _):
            return unit(by: FunctionCatalog.definition(f).unit, of: args.first, in: schema, calls: calls)
        default: return nil
        }
    }

    static func arithmetic(_ op: ArithmeticOperator, _ a: BoundExpr, _ b: BoundExpr, in schema: Schema, calls: [AggregateCall]) -> String? {
        let ua = unit(of: a, in: schema, calls: calls)
        let ub = unit(of: b, in: schema, calls: calls)
        // A constant times or over a measure: the measure's unit, rescaled.
        if case .literal(let v, _) = b, let d = v.number, let u = ua, op == .multiply || op == .divide {
            return scaled(u, by: op == .divide ? d : 1 / d)
        }
        if case .literal(let v, _) = a, let d = v.number, let u = ub, op == .multiply { return scaled(u, by: 1 / d) }
        switch op {
        case .divide:
            guard let u = ua, u == ub else { return nil }
            if case .time(.lag, let args, _, _, _) = b, let x = args.first, PlanPrinter.expr(x) == PlanPrinter.expr(a) { return "times" }
            return "ratio"
        case .subtract:
            if ua == "ratio" || ua == "times", case .literal(let v, _) = b, v.number == 1 { return "ratio" }
            guard ua == ub else { return nil }
            return ua == "ratio" ? "pp" : ua
        case .add:
            return ua == ub ? ua : nil
        case .multiply:
            return nil
        }
    }

    /// `unit` with its numbers divided by `divisor`: money changes scale when a named one results (and keeps its unit
    /// otherwise); counts, quantities and points keep theirs; ratios scaled by a constant are no longer ratios.
    static func scaled(_ name: String, by divisor: Double) -> String? {
        guard let unit = Unit(named: name) else { return nil }
        switch unit.kind {
        case .money:
            guard let cur = unit.currency else { return name }
            let names: [Double: String] = [1: cur, 1e3: "thousand \(cur)", 1e6: "million \(cur)", 1e9: "billion \(cur)"]
            let scale = unit.scale * divisor
            if let n = names[scale] { return n }
            // A scale of its own (a half, a tenth): the amount is still in this currency and scale.
            return [1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9].contains(divisor) ? nil : name
        case .count, .quantity, .points, .multiple: return name
        case .percent: return divisor == 1 ? name : nil
        }
    }

    /// A function's result unit by its definition's rule.
    static func unit(by rule: UnitRule, of argument: BoundExpr?, in schema: Schema, calls: [AggregateCall] = []) -> String? {
        switch rule {
        case .ofArgument: return argument.flatMap { unit(of: $0, in: schema, calls: calls) }
        case .differenceOfArgument:
            let u = argument.flatMap { unit(of: $0, in: schema, calls: calls) }
            return u == "ratio" ? "pp" : u
        case .fixed(let u): return u
        case .none: return nil
        }
    }
}
