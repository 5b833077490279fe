import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `sort a, b desc`: keys are any expressions over the input.
    mutating func bindSort(_ s: SortStep, input: NodeID, schema: Schema) throws -> PlanNode {
        var keys: [SortKeyExpr] = []
        for k in s.keys {
            var b = exprBinder(schema, .sort)
            keys.append(SortKeyExpr(expr: try b.bind(k.expr), descending: k.descending))
            warnings += b.warnings
        }
        return .sort(SortNode(input: input, keys: keys, schema: schema, span: s.span))
    }
}
