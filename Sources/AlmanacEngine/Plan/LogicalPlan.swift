import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// One step of a bound query, in execution order.
public enum PlanNode: Sendable {
    /// Reads a source, only the named columns (nil = all).
    case scan(SourceHandle, columns: Set<String>?, span: SourceSpan)
    case filter(BoundExpr, span: SourceSpan)
    /// Adds or replaces columns, left to right (a later one may use an earlier one).
    case derive([NamedExpr], span: SourceSpan)
    /// Keeps exactly these columns in this order.
    case select([NamedExpr], span: SourceSpan)
    case aggregate(keys: [NamedExpr], calls: [AggregateCall], outputs: [NamedExpr], span: SourceSpan)
    case sort([(expr: BoundExpr, descending: Bool)], span: SourceSpan)
    case take(Int, span: SourceSpan)
    case pivot(column: String, values: [String], rowKeys: [String], span: SourceSpan)
    case join(SourceHandle, keys: [String], span: SourceSpan)
    case compare(base: ClosedRange<Period>, current: ClosedRange<Period>, seriesKeys: [String], period: String, measures: [String], span: SourceSpan)
}

extension PlanNode {
    /// The step's place in the query text.
    public var span: SourceSpan {
        switch self {
        case .scan(_, _, let s), .filter(_, let s), .derive(_, let s), .select(_, let s), .sort(_, let s), .take(_, let s): return s
        case .aggregate(_, _, _, let s), .pivot(_, _, _, let s), .join(_, _, let s): return s
        case .compare(_, _, _, _, _, let s): return s
        }
    }
}

/// A bound query: its steps, and the schema each produces.
public struct LogicalPlan: Sendable {
    public var nodes: [PlanNode]
    public var schemas: [Schema]
    public var source: SourceFile
    public var parameters: [String: String]
    /// What the binder noticed without refusing (a text literal that names a column: `"tỉnh"` where `tỉnh` was meant).
    public var warnings: [Diagnostic] = []
    /// Steps after a pivot, bound only once it has run (its columns come from the data).
    public var stepsAfterPivot = 0

    /// The schema of the result.
    public var outputSchema: Schema { schemas.last ?? Schema(fields: []) }
}

extension PlanNode {
    /// Steps that read a dataset or file (their output's types come from the data).
    var readsSource: Bool {
        switch self {
        case .scan, .join: return true
        default: return false
        }
    }
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
