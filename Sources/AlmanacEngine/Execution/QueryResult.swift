import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// A query's answer: the table, the run-time facts a reader must know, and where the figures came from.
public struct QueryResult: Sendable {
    public var table: Table
    /// Warnings (periods a growth could not compare, incomplete years, rows a lenient load set aside).
    public var warnings: [Diagnostic]
    /// The run's facts, typed (the warnings above, less the binder's): what tests and tools key on.
    public var facts: [LocatedFact] = []
    /// The datasets and files read, in order.
    public var sources: [SourceHandle]
    public var lineage: [String: ColumnLineage]
    public var plan: LogicalPlan
    /// Every row a lenient load set aside, per source read (the warning shows a few; this is the whole list).
    public var rejected: [RejectedRows] = []
    /// Cells a warning concerns, by column: row → a note in Vietnamese (a growth whose two sides sum different
    /// series). A workbook marks them and attaches the note.
    public var marks: [String: [Int32: String]] = [:]
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
