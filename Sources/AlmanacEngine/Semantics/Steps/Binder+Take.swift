import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `take N`: the first N rows.
    mutating func bindTake(_ t: TakeStep, input: NodeID, schema: Schema) throws -> PlanNode {
        guard t.count <= Int64(Int32.max) else {
            throw DiagnosticError(.typeMismatch(.countTooLarge, "take needs a count below 2,147,483,648", span: t.countSpan, hint: "to keep every row, leave the take step out"))
        }
        return .take(TakeNode(input: input, count: Int(t.count), schema: schema, span: t.span))
    }
}
