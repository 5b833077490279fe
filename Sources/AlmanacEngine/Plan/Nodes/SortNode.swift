import AlmanacCore
import AlmanacDiagnostics

/// One key of a sort.
public struct SortKeyExpr: Sendable {
    public var expr: BoundExpr
    public var descending: Bool
}

/// Orders the rows by the keys (Vietnamese order for text, nulls last); stable.
public struct SortNode: Sendable {
    public var input: NodeID
    public var keys: [SortKeyExpr]
    public var schema: Schema
    public var span: SourceSpan
}
