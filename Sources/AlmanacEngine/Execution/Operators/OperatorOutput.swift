import AlmanacCore
import AlmanacDiagnostics

/// What an operator gives back: its table, the facts a reader must know (warnings), how the lineage of formulas
/// changes, the sources it read (with the rows their loads set aside) and, from an aggregate, what each row sums.
/// Nothing else passes between steps.
struct OperatorOutput {
    var table: Table
    var facts: [LocatedFact] = []
    var lineage: LineageUpdate = .unchanged
    var sources: [SourceHandle] = []
    var rejected: [RejectedRows] = []
    /// An aggregate's rows' coverage (the sub-series and finer periods each one sums), when it was asked for.
    var coverage: RowCoverage? = nil
    /// Cells of the output a warning concerns, by column: row → note (see `QueryResult.marks`).
    var marks: [String: [Int32: String]] = [:]
    /// Year-to-date columns a derive made, each with the column it totals (see `TimeContext.runningTotals`).
    var runningTotals: [String: String] = [:]
    /// A scan's: where its rows came from (`RowOrigin`).
    var origin: RowOrigin? = nil
}

/// What every operator may use while it runs.
struct ExecutionContext {
    let provider: TableProvider
}

extension Table {
    /// The rows at `rows`, in that order, with the lineage update that renumbers base rows.
    func gatheringWithLineage(_ rows: [Int32]) -> (Table, LineageUpdate) {
        (gathering(rows), .gathered(rows))
    }

    /// The column a plan node names, which the binder checked: its absence is a bug, never a silent gap.
    func requiredColumn(_ name: String, for step: String, span: SourceSpan) throws -> Column {
        guard let c = column(named: name) else { throw DiagnosticError(.internalColumnMissing(name, step: step, span: span)) }
        return c
    }
}
