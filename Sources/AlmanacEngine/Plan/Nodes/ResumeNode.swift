import AlmanacCore
import AlmanacDiagnostics

/// The rows the steps before a pivot produced: the source of the steps bound after it, once it has run (a pivot's
/// columns come from the data).
public struct ResumeNode: Sendable {
    public var schema: Schema
    public var span: SourceSpan
}
