import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Where a source's rows are in the database: a table, or (where the dialect reads files) a CSV file by path.
public enum SQLSource: Sendable, Equatable {
    case table(String)
    case csvFile(String)
}

/// Compiles a bound `LogicalPlan` to one SQL statement: a chain of CTEs, one per step (`n0`, `n1`, …), and a final
/// `SELECT` that turns period ordinals back into their text (`2024-10`). Periods travel as integer ordinals (month =
/// 12·year + month − 1, quarter = 4·year + quarter − 1, year = year), so time functions look their base up by period
/// with RANGE frames over the ordinal and never by row position. A step or function the dialect cannot express is
/// an error naming it: the statement is all of the query or nothing.
public struct SQLCompiler {
    public let dialect: any Dialect
    /// Where each source of the plan lives.
    public let resolve: (SourceHandle) -> SQLSource

    public init(dialect: any Dialect, resolve: @escaping (SourceHandle) -> SQLSource) {
        self.dialect = dialect
        self.resolve = resolve
    }

    /// The hidden column that carries a sort's row order through the later steps.
    static let order = "__almanac_order"

    /// One CTE of the chain: its name, its columns in order, and whether it carries the order column.
    struct Relation {
        var name: String
        var columns: [String]
        var ordered: Bool
    }

    /// The statement for the whole plan. A plan that ends in a pivot whose values are not known yet is an error (see
    /// `compile(_:engine:values:)`, which asks the database for them first).
    public func compile(_ plan: LogicalPlan) throws -> String {
        if plan.unresolvedPivot != nil || plan.stepsAfterPivot > 0, let span = plan.nodes.last?.span {
            throw pivotNeedsValues(span)
        }
        let (ctes, last) = try chain(plan.nodes[...], plan)
        let schema = plan.outputSchema
        let columns = schema.fields.map { f in
            let id = dialect.identifier(f.name)
            if case .period(let freq) = f.type { return "\(periodText(id, freq)) AS \(id)" }
            return id
        }
        var sql = with(ctes)
        sql += "\nSELECT \(columns.joined(separator: ", "))\nFROM \(dialect.identifier(last.name))"
        if last.ordered {
            sql += "\nORDER BY \(dialect.identifier(Self.order))"
        } else if let keys = aggregateOrder(plan) {
            sql += "\nORDER BY " + keys.joined(separator: ", ")
        }
        return sql + "\n"
    }

    /// The order of an aggregate's rows as the local engine gives them (by its keys, the period last, text in
    /// Vietnamese order), when the steps after it keep its rows and their keys: the result's order. Nil when the
    /// rows have another order (a sort's), or none Almanac keeps (a source's file order, a pivot's, a compare's).
    func aggregateOrder(_ plan: LogicalPlan) -> [String]? {
        var last: AggregateNode?
        for node in plan.nodes {
            switch node {
            case .aggregate(let a): last = a
            case .filter, .join: break
            case .derive(let d): if let a = last, d.assignments.contains(where: { a.keys.map(\.name).contains($0.name) }) { last = nil }
            case .select(let s):
                guard let a = last else { break }
                let passed = Set(s.items.compactMap { item -> String? in if case .column(let n, _) = item.expr, n == item.name { return n } else { return nil } })
                if !Set(a.keys.map(\.name)).isSubset(of: passed) { last = nil }
            default: last = nil
            }
        }
        guard let a = last, !a.keys.isEmpty else { return nil }
        let fields = a.keys.compactMap { a.schema.field($0.name) }
        return (fields.filter { !$0.type.isPeriod } + fields.filter(\.type.isPeriod)).map { f in
            dialect.keyOrder(dialect.identifier(f.name), text: f.type == .text)
        }
    }

    /// The CTEs of these nodes (the plan's first ones) and the relation of the last.
    func chain(_ nodes: ArraySlice<PlanNode>, _ plan: LogicalPlan) throws -> ([(String, String)], Relation) {
        var ignored: [FactPoint]? = nil
        return try chain(nodes, plan, points: &ignored)
    }

    /// The chain, noting (when `points` is not nil) where each step's time functions are evaluated: the CTEs before
    /// that place, the relation and the schema they read.
    func chain(_ nodes: ArraySlice<PlanNode>, _ plan: LogicalPlan, points: inout [FactPoint]?) throws -> ([(String, String)], Relation) {
        guard !nodes.isEmpty else { throw DiagnosticError(.error("sql.empty", "the query has no steps to compile")) }
        var ctes: [(String, String)] = []
        var relations: [Relation] = []
        var coverage = CoverageState.none
        // Per relation: its year-to-date columns (what a later `yoy` compares by window).
        var totals: [[String: String]] = []
        for (i, node) in nodes.enumerated() {
            let input = node.input.map { relations[$0.index] }
            var builder = StepBuilder(compiler: self, index: i, input: input)
            builder.inputSchemaValue = node.input.map { plan[$0].schema }
            builder.notesTimeCalls = points != nil
            builder.coverage = coverage
            let inputTotals = node.input.map { totals[$0.index] } ?? [:]
            builder.runningTotals = inputTotals
            let relation = try builder.compile(node)
            let aggregated = builder.aggregated
            var applied = 0
            for p in builder.timeCalls {
                var point = p
                point.ctes = ctes + builder.ctes.prefix(p.ctes.count)
                if p.expr != nil { point.coverage = coverage }
                if case .derive(let d) = node, let name = p.assigned,
                   let at = d.assignments[applied...].firstIndex(where: { $0.name == name }) {
                    // A derive's assignment sees the coverage after those before it (`y = ytd(v), g = yoy(y)`).
                    point.coverage = coverage.after(d.assignments[..<at])
                    applied = at
                }
                points?.append(point)
            }
            if case .compare(let n) = node, let a = coverage.aggregate {
                // A compare of an aggregate's ranges: what each range sums (SQLCompiler+CompareFacts.swift), or, where
                // the statements cannot follow its rows to the aggregate's, said unchecked.
                if case .tracked = coverage, let input, let schema = builder.inputSchemaValue, Self.followsCoverage(n, a) {
                    points?.append(FactPoint(ctes: ctes, relation: input, schema: schema, expr: nil, step: .compareCoverage(n, a)))
                } else {
                    points?.append(FactPoint(ctes: [], relation: relation, schema: node.schema, expr: nil, coverage: .lost(a)))
                }
            }
            coverage = coverage.after(node, aggregated: aggregated)
            if case .scan(let scan) = node, let key = scan.schema.periodKey, let freq = key.type.frequency {
                points?.append(FactPoint(ctes: ctes + builder.ctes, relation: relation, schema: scan.schema, expr: nil, scanned: (key.name, freq)))
            }
            ctes += builder.ctes
            relations.append(relation)
            totals.append(RunningTotalColumns.after(node, inputTotals))
        }
        return (ctes, relations[relations.count - 1])
    }

    func with(_ ctes: [(String, String)]) -> String {
        "WITH\n" + ctes.map { "\(dialect.identifier($0.0)) AS (\n  \($0.1)\n)" }.joined(separator: ",\n")
    }

    /// A period ordinal as the text Almanac prints (`2024`, `2024-Q3`, `2024-10`).
    func periodText(_ o: String, _ f: Frequency) -> String {
        switch f {
        case .year: return dialect.castToText(o)
        case .quarter:
            return "\(dialect.zeroPadded(dialect.integerDivide(o, 4), width: 4)) || '-Q' || \(dialect.castToText("(\(o) % 4 + 1)"))"
        case .month:
            return "\(dialect.zeroPadded(dialect.integerDivide(o, 12), width: 4)) || '-' || \(dialect.zeroPadded("(\(o) % 12 + 1)", width: 2))"
        case .day:
            // Day periods are refused at the scan; never reached.
            return o
        }
    }

    /// A pivot's columns are named by the data: one statement, written before the data is read, cannot name them.
    func pivotNeedsValues(_ span: SourceSpan?) -> DiagnosticError {
        DiagnosticError(.error(DiagnosticID("sql.pivot-needs-values"),
                               "pivot needs its values to be compiled to SQL for \(dialect.name): its columns are named by the values in the data, which one statement cannot know before it runs",
                               span: span,
                               hints: ["give `almanac sql` the data (a file, or a dataset in a database) so that it can read the values first, or compile the steps before the pivot and pivot the result"]))
    }

    /// The error for a step or function this dialect cannot express.
    func unsupported(_ what: String, span: SourceSpan?, hint: String? = nil) -> DiagnosticError {
        DiagnosticError(.error(DiagnosticID("sql.unsupported"), "\(what) cannot be compiled to SQL for \(dialect.name) yet", span: span,
                               hints: [hint ?? "run the query with `almanac query`, which computes it in Almanac"]))
    }
}
