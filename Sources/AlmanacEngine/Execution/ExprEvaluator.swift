import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Evaluates bound expressions over a table with the kernels: whole columns at a time, never row by row.
struct ExprEvaluator {
    let columns: ColumnSet
    /// Results of aggregate calls (aggregate outputs only).
    var aggregates: [Column] = []
    /// Time functions need the series grid; built once per step on first use.
    var timeContext: TimeContext?

    init(table: Table) { columns = ColumnSet(table) }

    init(columns: ColumnSet) { self.columns = columns }

    var count: Int { aggregates.first?.count ?? columns.rowCount }

    mutating func evaluate(_ e: BoundExpr) throws -> Operand {
        switch e {
        case .column(let name, _):
            guard let c = columns.column(named: name) else { throw DiagnosticError(.runtime(.internal("column '\(name)' vanished"), span: nil)) }
            return .column(c)
        case .literal(let v, _): return .scalar(v)
        case .aggregateResult(let i, _): return .column(aggregates[i])
        case .arithmetic(let op, let a, let b, .period):
            // period ± n (the binder puts the period first)
            return .column(try PeriodConvert.shift(try column(a), by: try evaluate(b), subtract: op == .subtract))
        case .arithmetic(.subtract, let a, let b, .int) where a.type?.isPeriod == true:
            // period − period: the number of periods between
            return .column(try PeriodConvert.steps(from: try column(b), to: try column(a)))
        case .arithmetic(let op, let a, let b, _):
            return .column(try Arithmetic.apply(op, try evaluate(a), try evaluate(b), count: count))
        case .negate(let a, _):
            return .column(try Arithmetic.negate(try column(a)))
        case .compare(let op, let a, let b):
            return bool(try Comparison.compare(op, try evaluate(a), try evaluate(b), count: count))
        case .and(let a, let b): return bool(try Logic.and(try evaluate(a), try evaluate(b), count: count))
        case .or(let a, let b): return bool(try Logic.or(try evaluate(a), try evaluate(b), count: count))
        case .not(let a): return bool(try Logic.not(try evaluate(a), count: count))
        case .isNull(let a, let negated):
            let c = try column(a)
            return bool(negated ? Conditional.isNotNull(c) : Conditional.isNull(c))
        case .inList(let a, let values, let negated):
            let m = try Conditional.isIn(try column(a), values)
            return negated ? bool(try Logic.not(.column(m.column("")), count: count)) : bool(m)
        case .between(let x, let lo, let hi, let negated):
            let m = try Conditional.between(try evaluate(x), try evaluate(lo), try evaluate(hi), count: count)
            return negated ? bool(try Logic.not(.column(m.column("")), count: count)) : bool(m)
        case .scalar(let f, let args, let type, let span):
            return .column(try scalar(f, args, type, span))
        case .time(let f, let args, let k, _, let span):
            guard let tc = timeContext else { throw DiagnosticError(.runtime(.internal("\(f.rawValue) cannot be used here"), span: span)) }
            return .column(try tc.evaluate(f, args, k, span: span, evaluator: &self).0)
        }
    }

    /// A column's value and, when the expression is a time function over a plain column (`yoy(value)`), how it
    /// relates to that column.
    mutating func columnWithLineage(_ e: BoundExpr) throws -> (Column, ColumnLineage?) {
        guard case .time(let f, let args, let k, _, let span) = e, let tc = timeContext else { return (try column(e), nil) }
        let (c, l) = try tc.evaluate(f, args, k, span: span, evaluator: &self)
        return (try Operand.column(c).materialized(count), l)
    }

    mutating func column(_ e: BoundExpr) throws -> Column {
        try evaluate(e).materialized(count)
    }

    func bool(_ m: Masked<Bool>) -> Operand { .column(m.column("")) }

    /// A scalar call, by its definition's kernel.
    mutating func scalar(_ f: FunctionID, _ args: [BoundExpr], _ type: DataType, _ span: SourceSpan) throws -> Column {
        guard case .scalar(let rule) = FunctionCatalog.definition(f).rule else {
            throw DiagnosticError(.runtime(.internal("\(f) is not a scalar function"), span: span))
        }
        return try rule.kernel(&self, ScalarInvocation(id: f, args: args, type: type, span: span))
    }
}
