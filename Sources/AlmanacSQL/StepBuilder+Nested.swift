import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// A time function of another (`yoy(ytd(x))`, `share(rolling(x, 3))`), as the local engine evaluates it: the inner
/// call over the same rows first, then the outer one over its result. A window cannot hold a window in SQL, so the
/// derive computes each such argument first, as a column of its own named by its text (`ytd(value_usd)`, so that
/// a warning names the call word for word as over a file), and leaves those columns out of the step's result. The
/// argument of a `ytd` so computed is a column too: what a growth of it compares by window (`RunningTotalColumns`).
enum NestedTimeCalls {
    /// The assignments with the arguments computed first before each one that reads them, and those columns' names.
    /// An argument whose text names a column the input already has stays inline (and is refused by name).
    static func lifting(_ assignments: [NamedExpr], taken: Set<String>) -> (assignments: [NamedExpr], hidden: [String]) {
        var out: [NamedExpr] = [], hidden: [String] = []
        for a in assignments {
            var extra: [NamedExpr] = []
            let expr = lift(a.expr, into: &extra, span: a.span, taken: taken, lifted: Set(hidden))
            for e in extra { hidden.append(e.name); out.append(e) }
            var item = a
            item.expr = expr
            out.append(item)
        }
        return (out, hidden)
    }

    /// `done`: the arguments earlier assignments computed first (read again, not computed twice).
    private static func lift(_ e: BoundExpr, into extra: inout [NamedExpr], span: SourceSpan, taken: Set<String>, lifted done: Set<String>) -> BoundExpr {
        // `x` computed first as the column named `name` (its original text).
        func column(_ x: BoundExpr, named name: String) -> BoundExpr? {
            guard !taken.contains(name) else { return nil }
            if !done.contains(name), !extra.contains(where: { $0.name == name }) {
                extra.append(NamedExpr(name: name, expr: x, span: span, meta: ColumnMeta(role: .measure)))
            }
            return .column(name, x.type ?? .float)
        }
        func lifted(_ x: BoundExpr) -> BoundExpr { lift(x, into: &extra, span: span, taken: taken, lifted: done) }
        switch e {
        case .time(let f, let args, let k, let t, let s):
            let inner = args.map { a -> BoundExpr in
                guard a.hasTimeFunction else { return a }
                var x = lifted(a)
                if case .time(.ytd, let yargs, let yk, let yt, let ys) = x, let first = yargs.first, first.isComputed, let c = column(first, named: PlanPrinter.expr(first)) {
                    x = .time(.ytd, [c] + yargs.dropFirst(), yk, yt, ys)
                }
                return column(x, named: PlanPrinter.expr(a)) ?? a
            }
            return .time(f, inner, k, t, s)
        case .column, .literal, .aggregateResult: return e
        case .arithmetic(let op, let a, let b, let t): return .arithmetic(op, lifted(a), lifted(b), t)
        case .negate(let a, let t): return .negate(lifted(a), t)
        case .compare(let op, let a, let b): return .compare(op, lifted(a), lifted(b))
        case .and(let a, let b): return .and(lifted(a), lifted(b))
        case .or(let a, let b): return .or(lifted(a), lifted(b))
        case .not(let a): return .not(lifted(a))
        case .isNull(let a, let negated): return .isNull(lifted(a), negated: negated)
        case .inList(let a, let values, let negated): return .inList(lifted(a), values, negated: negated)
        case .between(let a, let lo, let hi, let negated): return .between(lifted(a), lifted(lo), lifted(hi), negated: negated)
        case .scalar(let f, let args, let t, let s): return .scalar(f, args.map(lifted), t, s)
        }
    }
}

private extension BoundExpr {
    /// Not a plain column (its values are computed).
    var isComputed: Bool { if case .column = self { return false } else { return true } }
}
