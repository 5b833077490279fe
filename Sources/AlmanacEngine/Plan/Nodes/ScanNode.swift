import AlmanacCore
import AlmanacDiagnostics

/// Reads a source the provider resolved: only the named columns (nil: all).
public struct ScanNode: Sendable {
    public var source: SourceHandle
    /// The columns the rest of the plan reads (set by `ColumnPruning`); nil reads every column.
    public var columns: Set<String>?
    public var schema: Schema
    public var span: SourceSpan
}
