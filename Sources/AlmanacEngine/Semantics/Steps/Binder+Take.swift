import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `take N`: the first N rows.
    mutating func bindTake(_ t: TakeStep, input: NodeID, schema: Schema) throws -> PlanNode {
        guard t.count <= Int64(Int32.max) else {
            throw DiagnosticError(.typeMismatch(.takeCountTooLarge, span: t.countSpan))
        }
        return .take(TakeNode(input: input, count: Int(t.count), schema: schema, span: t.span))
    }
}
