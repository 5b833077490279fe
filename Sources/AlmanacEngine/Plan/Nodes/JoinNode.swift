import AlmanacCore
import AlmanacDiagnostics

/// Looks up each row's keys in another source (a left join on one row per key); looked-up columns whose names are
/// taken come in as `NAME_DATASET` (`JoinNaming`).
public struct JoinNode: Sendable {
    public var input: NodeID
    /// The lookup source, read whole.
    public var lookup: ScanNode
    public var keys: [String]
    public var schema: Schema
    public var span: SourceSpan
}

/// How a join names a looked-up column: its own name, or — when the input already has that name —
/// `NAME_DATASET`, then `NAME_DATASET_2`, … until the name is free. The binder and the executor both use it, so
/// the plan's schema and the result agree, and a looked-up column never overwrites one of the input.
enum JoinNaming {
    static func name(for column: String, dataset: String, taken: Set<String>) -> String {
        guard taken.contains(column) else { return column }
        var candidate = "\(column)_\(dataset)"
        var k = 2
        while taken.contains(candidate) { candidate = "\(column)_\(dataset)_\(k)"; k += 1 }
        return candidate
    }
}
