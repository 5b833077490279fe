import AlmanacCore
import AlmanacDiagnostics

/// Spreads `column`'s values into columns of `values`, one row per combination of `rowKeys`. The schema holds the
/// row keys; the columns it makes are named by the data (their shape is in `schema.pivotOutputs`).
public struct PivotNode: Sendable {
    public var input: NodeID
    public var column: String
    public var values: [String]
    public var rowKeys: [String]
    public var schema: Schema
    public var span: SourceSpan
}
