import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Compiles one plan node to its CTE (a derive whose assignments read one another may take several).
struct StepBuilder {
    let compiler: SQLCompiler
    let index: Int
    let input: SQLCompiler.Relation?
    private(set) var ctes: [(String, String)] = []
    /// Whether to note where time functions are evaluated (for the statements of their warnings).
    var notesTimeCalls = false
    /// The places noted; each point's `ctes` holds only as many placeholders as this step's CTEs before it.
    private(set) var timeCalls: [FactPoint] = []
    /// What the rows of this step's input sum (set by the chain), and, for an aggregate, what it sums.
    var coverage = CoverageState.none
    private(set) var aggregated: AggregatePoint?
    /// The year-to-date columns of this step's input, each with the column it totals (set by the chain).
    var runningTotals: [String: String] = [:]

    /// Notes that `expr` is evaluated over `relation` (with `schema`) after this step's CTEs so far.
    /// `name`: the column the expression sets (whose cells a warning may mark).
    /// `totals`: the year-to-date columns known there (a derive's; a select compares no windows).
    mutating func noteTimeCalls(_ expr: BoundExpr, over relation: SQLCompiler.Relation, schema: Schema, assigning name: String? = nil,
                                totals: [String: String] = [:]) {
        guard notesTimeCalls, expr.hasTimeFunction else { return }
        timeCalls.append(FactPoint(ctes: ctes, relation: relation, schema: schema, expr: expr, assigned: name, runningTotals: totals))
    }

    /// Notes a step's own warnings (see `StepFact`), computed over `relation` (with `schema`) after this step's CTEs so far.
    mutating func noteStepFact(_ fact: StepFact, over relation: SQLCompiler.Relation, schema: Schema) {
        guard notesTimeCalls else { return }
        timeCalls.append(FactPoint(ctes: ctes, relation: relation, schema: schema, expr: nil, step: fact))
    }

    init(compiler: SQLCompiler, index: Int, input: SQLCompiler.Relation?) {
        self.compiler = compiler
        self.index = index
        self.input = input
    }

    var dialect: any Dialect { compiler.dialect }
    func id(_ name: String) -> String { dialect.identifier(name) }

    mutating func compile(_ node: PlanNode) throws -> SQLCompiler.Relation {
        switch node {
        case .scan(let n): return try scan(n)
        case .filter(let n):
            let from = try require(input)
            var pred = try ExprCompiler(dialect: dialect, schema: n.schema, span: n.span).sql(n.predicate)
            // A condition the binder folded to null keeps no row (Spark refuses an untyped NULL as a condition).
            if case .literal(.null, _) = n.predicate { pred = "CAST(NULL AS \(dialect.typeName(.bool)))" }
            return emit(select: from.columns.map(id) + orderColumn(from), columns: from.columns, from: from, tail: "WHERE \(pred)", ordered: from.ordered)
        case .derive(let n): return try derive(n)
        case .select(let n):
            let from = try require(input)
            let inSchema = try inputSchema(n.span)
            let ex = ExprCompiler(dialect: dialect, schema: inSchema, span: n.span)
            for item in n.items { noteTimeCalls(item.expr, over: from, schema: inSchema, assigning: item.name) }
            let items = try n.items.map { "\(try ex.sql($0.expr)) AS \(id($0.name))" }
            return emit(select: items + orderColumn(from), columns: n.items.map(\.name), from: from, ordered: from.ordered)
        case .aggregate(let n): return try aggregate(n)
        case .sort(let n): return try sort(n)
        case .take(let n):
            let from = try require(input)
            guard from.ordered else {
                throw compiler.unsupported("take without a sort before it", span: n.span,
                                           hint: "SQL rows have no order of their own: add a `sort` step before `take`")
            }
            let count = max(0, n.count)
            return emit(select: from.columns.map(id) + orderColumn(from), columns: from.columns, from: from,
                        tail: "ORDER BY \(id(SQLCompiler.order))\n  LIMIT \(count)", ordered: true)
        case .resume(let n): throw compiler.pivotNeedsValues(n.span)
        case .pivot(let n): return try pivot(n)
        case .join(let n): return try join(n)
        case .compare(let n): return try compare(n)
        case .unpivot(let n): return try unpivot(n)
        }
    }

    /// The schema this node's input produced (the compiler keeps it beside the relation).
    var inputSchemaValue: Schema?
    func inputSchema(_ span: SourceSpan) throws -> Schema {
        guard let s = inputSchemaValue else { throw DiagnosticError(.internalError("a step has no input schema", span: span)) }
        return s
    }

    func require(_ r: SQLCompiler.Relation?) throws -> SQLCompiler.Relation {
        guard let r else { throw DiagnosticError(.internalError("a step has no input")) }
        return r
    }

    func orderColumn(_ r: SQLCompiler.Relation) -> [String] { r.ordered ? [id(SQLCompiler.order)] : [] }

    /// Adds a CTE written elsewhere (named `n<index>_<k>` where `k` is the number of this step's CTEs before it).
    mutating func define(_ cte: (String, String)) { ctes.append(cte) }

    /// Adds `SELECT items FROM input tail` as the next CTE.
    mutating func emit(select items: [String], columns: [String], from: SQLCompiler.Relation?, source: String? = nil, tail: String = "",
                       ordered: Bool) -> SQLCompiler.Relation {
        let name = ctes.isEmpty ? "n\(index)" : "n\(index)_\(ctes.count)"
        var body = "SELECT \(items.joined(separator: ", "))\n  FROM \(source ?? id(from?.name ?? ""))"
        if !tail.isEmpty { body += "\n  " + tail }
        ctes.append((name, body))
        return SQLCompiler.Relation(name: name, columns: columns, ordered: ordered)
    }

    // MARK: from

    mutating func scan(_ n: ScanNode) throws -> SQLCompiler.Relation {
        let fields = n.schema.fields
        let source: String
        switch compiler.resolve(n.source) {
        case .table(let t):
            source = t.split(separator: ".").map { id(String($0)) }.joined(separator: ".")
        case .csvFile(let path):
            guard let read = dialect.readCSV(path: path, columns: fields.map { ($0.name, dialect.typeName($0.type.isPeriod ? .text : $0.type)) }) else {
                throw compiler.unsupported("a CSV file as a source (\(n.source.displayName))", span: n.span,
                                           hint: "in \(dialect.name) a source must be a table; the duckdb dialect reads CSV files")
            }
            source = read
        }
        let items = try fields.map { f -> String in
            let c = id(f.name)
            switch f.type {
            case .text: return "\(dialect.nfc(c)) AS \(c)"
            case .period(let freq): return "\(try periodOrdinal(c, freq, span: n.span, column: f.name)) AS \(c)"
            default: return c
            }
        }
        return emit(select: items, columns: fields.map(\.name), from: nil, source: source, ordered: false)
    }

    /// The ordinal of a period column read as ISO text or a date (`2024`, `2024-Q3`, `2024-10`, `2024-10-01`).
    func periodOrdinal(_ c: String, _ f: Frequency, span: SourceSpan, column: String) throws -> String {
        let t = dialect.castToText(c)
        let year = dialect.textToInteger("substr(\(t), 1, 4)")
        switch f {
        case .year: return year
        case .quarter: return "(4 * \(year) + \(dialect.textToInteger("substr(\(t), 7, 1)")) - 1)"
        case .month: return "(12 * \(year) + \(dialect.textToInteger("substr(\(t), 6, 2)")) - 1)"
        case .day: throw compiler.unsupported("the daily period column '\(column)'", span: span)
        }
    }

    // MARK: derive

    /// Assignments go into one CTE until one reads a column an earlier one of the same CTE made (then a new CTE
    /// starts, as the local engine evaluates left to right).
    mutating func derive(_ n: DeriveNode) throws -> SQLCompiler.Relation {
        var from = try require(input)
        var schema = try inputSchema(n.span)
        var columns = from.columns
        var pending: [String: String] = [:]
        // Columns self-joins brought for the pending assignments (dialects whose shift form is a self-join).
        let shifts = Shifts(step: index)
        var hidden: [String] = []
        // The windows of year-to-date columns staged as hidden columns since the last CTE (StepBuilder+Windows.swift).
        var staged: [String: WindowColumns] = [:]

        func flush(_ b: inout StepBuilder) {
            guard !pending.isEmpty else { return }
            let items = columns.map { c in pending[c].map { "\($0) AS \(b.id(c))" } ?? b.id(c) }
            from = b.emit(select: items + b.orderColumn(from), columns: columns, from: from, ordered: from.ordered)
            pending = [:]
            hidden = []
            staged = [:]
        }

        let matched = MatchedSums(step: index)
        // Time functions of time functions: their arguments computed first (StepBuilder+Nested.swift).
        let (assignments, computedFirst) = NestedTimeCalls.lifting(n.assignments, taken: Set(schema.fields.map(\.name) + n.assignments.map(\.name)))
        for (i, a) in assignments.enumerated() {
            var ex = ExprCompiler(dialect: dialect, schema: schema, span: a.span)
            if dialect.shiftForm == .selfJoin { ex.shifts = shifts }
            matched.state = coverage.after(assignments[..<i])
            ex.matched = matched
            let totals = RunningTotalColumns.after(assignments[..<i], runningTotals)
            let windowed = try windowedCalls(a.expr, totals: totals, schema: schema, coverage: matched.state)
            let reads = a.expr.columns.union(ex.seriesColumns(for: a.expr)).union(windowed.map(\.inner))
            if reads.contains(where: { pending[$0] != nil }) { flush(&self) }
            noteTimeCalls(a.expr, over: from, schema: schema, assigning: a.name, totals: totals)
            if !windowed.isEmpty {
                (from, ex.windows) = try stageWindows(windowed, schema: schema, to: from, carrying: &hidden, staged: &staged, sums: matched, span: a.span)
            }
            let expr = try ex.sql(a.expr)
            from = joinShifts(shifts.take(), to: from, carrying: &hidden)
            from = try joinMatched(matched.take(), to: from, carrying: &hidden)
            pending[a.name] = expr
            if !columns.contains(a.name) { columns.append(a.name) }
            // The field as the binder settled it at this assignment (its type and role then).
            if var field = n.schema.field(a.name) {
                if let meta = a.meta { field.meta = meta }
                if let t = a.expr.type { field.type = t }
                schema.set(field)
            } else if computedFirst.contains(a.name) {
                schema.set(Schema.Field(name: a.name, type: a.expr.type ?? .float, meta: a.meta ?? ColumnMeta(role: .measure)))
            }
            for (name, role) in a.roleChanges {
                if let i = schema.index(of: name) { schema.modify(i) { $0.meta.role = role } }
            }
        }
        flush(&self)
        guard !computedFirst.isEmpty else { return from }
        // The arguments computed first are not the step's columns.
        let kept = columns.filter { !computedFirst.contains($0) }
        return emit(select: kept.map(id) + orderColumn(from), columns: kept, from: from, ordered: from.ordered)
    }

    // MARK: aggregate

    mutating func aggregate(_ n: AggregateNode) throws -> SQLCompiler.Relation {
        var from = try require(input)
        let ex = ExprCompiler(dialect: dialect, schema: try inputSchema(n.span), span: n.span)
        try periodExtremes(n, ex, from: &from)
        var byName: [String: String] = [:]
        var keys: [String] = []
        for k in n.keys {
            let s = try ex.sql(k.expr)
            keys.append(s)
            byName[k.name] = s
        }
        // Its incomplete periods first, then its calls' warnings (as the local engine gives them).
        let point = AggregatePoint(node: n, input: from, inputSchema: try inputSchema(n.span), keys: zip(n.keys, keys).map { ($0.name, $1) })
        aggregated = point
        if notesTimeCalls { timeCalls.append(FactPoint(ctes: ctes, relation: from, schema: point.inputSchema, expr: nil, aggregated: point)) }
        for (i, c) in n.calls.enumerated() where c.function == .cagr { noteStepFact(.cagr(n, call: i), over: from, schema: ex.schema) }
        var calls: [String] = []
        for (i, c) in n.calls.enumerated() {
            calls.append(try aggregateCall(c, i, ex, span: n.span))
        }
        let out = ExprCompiler(dialect: dialect, schema: n.schema, span: n.span, aggregateResults: calls)
        for o in n.outputs { byName[o.name] = try out.sql(o.expr) }
        let names = n.schema.names
        let items = try names.map { name -> String in
            guard let s = byName[name] else { throw DiagnosticError(.internalError("aggregate column '\(name)' has no expression", span: n.span)) }
            return "\(s) AS \(id(name))"
        }
        let tail = keys.isEmpty ? "" : "GROUP BY " + keys.joined(separator: ", ")
        return emit(select: items, columns: names, from: from, tail: tail, ordered: false)
    }

    func aggregateCall(_ c: AggregateCall, _ i: Int, _ ex: ExprCompiler, span: SourceSpan) throws -> String {
        let arg = try c.argument.map { try ex.sql($0) }
        let type = dialect.typeName(c.type)
        switch c.function {
        case .count: return arg.map { "COUNT(\($0))" } ?? "COUNT(*)"
        case .sum: return "CAST(SUM(\(arg ?? "NULL")) AS \(type))"
        case .avg: return "CAST(AVG(\(arg ?? "NULL")) AS \(type))"
        case .min: return "MIN(\(arg ?? "NULL"))"
        case .max: return "MAX(\(arg ?? "NULL"))"
        case .median:
            guard let m = dialect.median(arg ?? "NULL") else { throw compiler.unsupported("median()", span: span) }
            return "CAST(\(m) AS \(type))"
        default: return try periodAggregate(c, i, ex, span: span)
        }
    }

    // MARK: sort

    /// A sort numbers its rows (`row_number()` over the keys, nulls last, ties in the previous order) into the hidden
    /// order column, which later steps carry and the final SELECT orders by.
    mutating func sort(_ n: SortNode) throws -> SQLCompiler.Relation {
        let from = try require(input)
        let ex = ExprCompiler(dialect: dialect, schema: try inputSchema(n.span), span: n.span)
        var keys = try n.keys.map { k -> String in
            var s = try ex.sql(k.expr)
            if k.expr.type == .text, let coll = dialect.vietnameseCollation { s += " " + coll }
            return s + (k.descending ? " DESC" : " ASC") + " NULLS LAST"
        }
        if from.ordered {
            keys.append(id(SQLCompiler.order))
        } else {
            // Ties in the order the local engine has them: an aggregate's rows come ordered by their keys, the
            // period last (a source's rows in the file's order, which a table does not have: by its keys too).
            let schema = try inputSchema(n.span)
            let tieKeys = schema.keys.filter { !$0.type.isPeriod } + schema.keys.filter(\.type.isPeriod)
            let sorted = Set(n.keys.compactMap { k -> String? in if case .column(let c, _) = k.expr { return c } else { return nil } })
            keys += tieKeys.filter { from.columns.contains($0.name) && !sorted.contains($0.name) }.map { f in
                dialect.keyOrder(id(f.name), text: f.type == .text)
            }
        }
        let number = "row_number() OVER (ORDER BY \(keys.joined(separator: ", "))) AS \(id(SQLCompiler.order))"
        return emit(select: from.columns.map(id) + [number], columns: from.columns, from: from, ordered: true)
    }
}
