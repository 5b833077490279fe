import AlmanacCore
import AlmanacDiagnostics

/// Adds or replaces columns, left to right (a later one may use an earlier one).
public struct DeriveNode: Sendable {
    public var input: NodeID
    public var assignments: [NamedExpr]
    public var schema: Schema
    public var span: SourceSpan
}
