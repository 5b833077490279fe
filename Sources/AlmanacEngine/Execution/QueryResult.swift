import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// How a computed column relates to others of the same result, so a workbook can write it as a live formula.
public enum ColumnLineage: Sendable {
    /// value / value at `baseRows[r]` − 1 (−1: no base row in the result).
    case growth(of: String, baseRows: [Int32])
    /// value − value at `baseRows[r]`.
    case difference(of: String, baseRows: [Int32])
    /// numerator / denominator, on the same row.
    case ratio(numerator: String, denominator: String)
    /// Arithmetic over columns of the same row (`value / last_year - 1`).
    case expression(ExpressionTemplate)
}

extension ColumnLineage {
    /// The columns the formula reads.
    public var columnsRead: Set<String> {
        switch self {
        case .growth(let of, _), .difference(let of, _): return [of]
        case .ratio(let n, let d): return [n, d]
        case .expression(let t): return t.columns
        }
    }

    func reads(_ column: String) -> Bool { columnsRead.contains(column) }
}

/// A query's answer: the table, the run-time facts a reader must know, and where the figures came from.
public struct QueryResult: Sendable {
    public var table: Table
    /// Warnings (periods a growth could not compare, incomplete years, rows a lenient load set aside).
    public var warnings: [Diagnostic]
    /// The datasets and files read, in order.
    public var sources: [SourceHandle]
    public var lineage: [String: ColumnLineage]
    public var plan: LogicalPlan
    /// Every row a lenient load set aside, per source read (the warning shows a few; this is the whole list).
    public var rejected: [RejectedRows] = []
}

/// The rows a lenient load of one source set aside, each with its line, reason and text.
public struct RejectedRows: Sendable {
    /// The dataset's name or the file's path.
    public var source: String
    public var rows: [RejectedRow]

    public init(source: String, rows: [RejectedRow]) {
        self.source = source
        self.rows = rows
    }
}
