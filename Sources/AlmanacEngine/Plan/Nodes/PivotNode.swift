import AlmanacCore
import AlmanacDiagnostics

/// Spreads `column`'s values into columns of `values`, one row per combination of `rowKeys`. The schema holds the
/// row keys; the columns it makes are named by the data (their shape is in `schema.pivotOutputs`). Once the values of
/// `column` are known (`resolved(with:input:)`, for an engine that runs the plan elsewhere), `columnValues` holds them
/// in the order of the columns and `schema` is the whole output.
public struct PivotNode: Sendable {
    public var input: NodeID
    public var column: String
    public var values: [String]
    public var rowKeys: [String]
    public var schema: Schema
    public var span: SourceSpan
    /// The distinct non-null values of `column`, sorted as the local pivot sorts them; nil until known.
    public var columnValues: [Value]? = nil
}
