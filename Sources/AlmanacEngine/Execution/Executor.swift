import AlmanacCore
import AlmanacDiagnostics

/// Runs a plan's nodes in order, each with its operator, and gathers what they return: the facts, the sources read
/// and the rows their loads set aside, and the lineage of formulas as the steps change the table.
struct Executor {
    let context: ExecutionContext
    /// The operators' facts, typed, in the order they were found.
    private(set) var facts: [LocatedFact] = []
    /// Every warning in order: the facts rendered, and the binder's for steps bound after a pivot.
    private(set) var warnings: [Diagnostic] = []
    private(set) var sources: [SourceHandle] = []
    private(set) var lineage = LineageMap()
    private(set) var rejected: [RejectedRows] = []
    /// Whether aggregates compute their rows' coverage (a function reaching across periods follows one).
    var tracksCoverage = false
    /// Whether they also keep each sub-series' value (a `matched` reading follows).
    var tracksMemberValues = false
    /// What each row of the current table sums, after an aggregate; it follows the rows as lineage does.
    private(set) var coverage: RowCoverage?
    /// Cells of the current table a warning concerns (see `QueryResult.marks`); they follow the rows as lineage does.
    private(set) var marks: [String: [Int32: String]] = [:]
    /// Year-to-date columns of the current table and what they total.
    private(set) var runningTotals: [String: String] = [:]
    /// Where the scanned data start: a growth's base before it does not exist (see DataStart).
    private var dataStart = DataStart()
    /// Where the current table's rows came from, while they are a source's.
    private var origin: RowOrigin?

    /// Whether to keep `origin` (the gathers it holds cost memory, so only when a step may use it).
    let followsRows: Bool

    init(provider: TableProvider, followsRows: Bool = false) {
        context = ExecutionContext(provider: provider)
        self.followsRows = followsRows
    }

    /// Runs one node over its input's rows (`input` is ignored by sources; a `resume` node returns it).
    mutating func run(_ node: PlanNode, input: Table) throws -> Table {
        let out: OperatorOutput
        switch node {
        case .scan(let n): out = try ScanOperator(node: n).run(context)
        case .resume: out = OperatorOutput(table: input)
        case .filter(let n): out = try FilterOperator(node: n).run(input)
        case .derive(let n): out = try DeriveOperator(node: n).run(input, coverage: coverage, runningTotals: runningTotals)
        case .select(let n): out = try SelectOperator(node: n).run(input, coverage: coverage)
        case .aggregate(let n): out = try AggregateOperator(node: n, tracksCoverage: tracksCoverage, tracksMemberValues: tracksMemberValues).run(input)
        case .sort(let n): out = try SortOperator(node: n).run(input)
        case .take(let n): out = TakeOperator(node: n).run(input)
        case .pivot(let n): out = try PivotOperator(node: n).run(input)
        case .join(let n): out = try JoinOperator(node: n).run(input, context)
        case .compare(let n): out = try CompareOperator(node: n).run(input, coverage: coverage)
        case .unpivot(let n): out = try UnpivotOperator(node: n, origin: origin).run(input)
        }
        if case .scan = node { dataStart.scanned(out.table) }
        let found = out.facts.filter { dataStart.keeps($0.fact) }
        facts += found
        warnings += found.map(\.diagnostic)
        sources += out.sources
        // A source read twice (a self-join) sets the same rows aside twice: each row once, a step's after the load's.
        for r in out.rejected {
            guard let i = rejected.firstIndex(where: { $0.source == r.source }) else { rejected.append(r); continue }
            guard rejected[i].rows != r.rows else { continue }
            var seen = Set(rejected[i].rows)
            for row in r.rows where seen.insert(row).inserted { rejected[i].rows.append(row) }
        }
        if case .scan = node { origin = followsRows ? out.origin : nil } else if case .resume = node {} else { origin = origin?.after(out.lineage, rowCount: out.table.rowCount) }
        lineage.apply(out.lineage)
        if case .cleared = out.lineage { coverage = out.coverage } else { coverage = coverage?.after(out.lineage) }
        if !marks.isEmpty { marks = CellMarks.after(out.lineage, marks) }
        for (column, m) in out.marks { marks[column] = m }
        runningTotals = RunningTotals.after(out.lineage, runningTotals)
        for (column, x) in out.runningTotals { runningTotals[column] = x }
        return out.table
    }

    /// Facts from outside the operators (the binder's, for steps bound after a pivot).
    mutating func note(_ more: [Diagnostic]) { warnings += more }
}
