import AlmanacCore
import AlmanacDiagnostics

/// Keeps the rows where the predicate is true (null counts as false).
public struct FilterNode: Sendable {
    public var input: NodeID
    public var predicate: BoundExpr
    public var schema: Schema
    public var span: SourceSpan
}
