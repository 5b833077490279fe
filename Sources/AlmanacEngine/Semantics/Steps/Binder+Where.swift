import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `where CONDITION`: a true/false expression over the input.
    mutating func bindWhere(_ w: WhereStep, input: NodeID, schema: Schema) throws -> PlanNode {
        var b = exprBinder(schema, .filter)
        let cond = try b.bind(w.condition)
        warnings += b.warnings
        try b.requireBool(cond, span: w.condition.span, what: "where")
        return .filter(FilterNode(input: input, predicate: cond, schema: schema, span: w.span))
    }
}
