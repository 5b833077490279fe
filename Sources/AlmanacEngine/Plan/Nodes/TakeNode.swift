import AlmanacCore
import AlmanacDiagnostics

/// Keeps the first `count` rows.
public struct TakeNode: Sendable {
    public var input: NodeID
    public var count: Int
    public var schema: Schema
    public var span: SourceSpan
}
