import AlmanacCore
import AlmanacDiagnostics

/// Keeps exactly these columns (or expressions over the input), in this order.
public struct SelectNode: Sendable {
    public var input: NodeID
    public var items: [NamedExpr]
    public var schema: Schema
    public var span: SourceSpan
}
