import AlmanacCore
import AlmanacDiagnostics

/// Groups by the keys and computes the aggregate calls per group; the outputs are expressions over the calls'
/// results (`#0 / 1e6`).
public struct AggregateNode: Sendable {
    public var input: NodeID
    public var keys: [NamedExpr]
    public var calls: [AggregateCall]
    public var outputs: [NamedExpr]
    public var schema: Schema
    public var span: SourceSpan
}
