import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// A step whose own warnings the database computes beside the main statement, as the local engine's operators give
/// them: the place is noted while the step compiles (`StepBuilder.noteStepFact`), over the relation the step reads.
enum StepFact {
    /// A join: its input's rows that find no lookup row (`QueryFact.joinUnmatched`); `lookup` is the CTE of the
    /// lookup's scan, among the point's CTEs.
    case join(JoinNode, lookup: SQLCompiler.Relation)
    /// An aggregate's `cagr` call (its index in `calls`): the groups whose growth runs between other periods than the
    /// table's first and last, and those whose growth is null (`cagrSpan`, `cagrUndefined`). The relation is the CTE
    /// `periodExtremes` adds before the aggregate, whose columns hold each group's first and last period.
    case cagr(AggregateNode, call: Int)
    /// A compare: its series with no rows in a range or only some of its periods (`compareEmpty`, `comparePartial`;
    /// SQLCompiler+CompareFacts.swift), over the compare's input.
    case compare(CompareNode)
    /// A compare of an aggregate's ranges: the series whose ranges sum different members (`coverageDiffers`), over
    /// the compare's input (noted by `SQLCompiler.chain` where `followsCoverage` holds).
    case compareCoverage(CompareNode, AggregatePoint)
}

/// The statements of the warnings of joins, of `cagr` in an aggregate and of `progress`/`required_growth`; each
/// returns a few numbers (counts, or one row per group or period), which the local engine's own rules word as facts
/// (`JoinOperator.unmatched`, `CagrFacts.facts`, `PlanFunctions.targetMissing`), so that a warning over a database
/// table reads word for word as over a file.
extension SQLCompiler {
    static let factTarget = "__almanac_t", factKey = "__almanac_k"

    func stepFactCheck(_ step: StepFact, at point: FactPoint) throws -> FactCheck? {
        switch step {
        case .join(let n, let lookup): return joinCheck(n, lookup: lookup, at: point)
        case .cagr(let n, let i): return try cagrCheck(n, call: i, at: point)
        case .compare(let n): return try compareCheck(n, at: point)
        case .compareCoverage(let n, let a): return compareCoverageCheck(n, a, at: point)
        }
    }

    /// One statement: how many rows of the join's input have no lookup row with equal keys (`NOT EXISTS`; a null key
    /// equals nothing, as in the local hash join). A lookup with several rows for a key fails the main statement
    /// before this one runs.
    func joinCheck(_ n: JoinNode, lookup: Relation, at point: FactPoint) -> FactCheck? {
        guard !n.keys.isEmpty else { return nil }
        func q(_ s: String) -> String { dialect.identifier(s) }
        let on = n.keys.map(q).map { "l.\($0) = i.\($0)" }.joined(separator: " AND ")
        let sql = with(point.ctes) + "\nSELECT COUNT(*)\nFROM \(q(point.relation.name)) AS i\nWHERE NOT EXISTS (SELECT 1 FROM \(q(lookup.name)) AS l WHERE \(on))\n"
        return FactCheck(statements: [sql]) { results in
            guard let count = SQLFactStatements.ints(results[0].first).first ?? nil, let fact = JoinOperator.unmatched(rows: Int(count), n) else { return [] }
            return [LocatedFact(fact, span: n.span)]
        }
    }

    /// One statement: per group of the aggregate (their order is the local rule's, `AggregateOperator.keyOrder`), the first and
    /// last period where the argument has a value (null when it has none), the sums of the argument there, and the
    /// table's first and last period (of every row with one). `CagrFacts.facts` reads them as the local engine does.
    func cagrCheck(_ n: AggregateNode, call i: Int, at point: FactPoint) throws -> FactCheck? {
        let c = n.calls[i]
        guard let a = c.argument, let p = point.schema.periodKey, let freq = p.type.frequency else { return nil }
        func q(_ s: String) -> String { dialect.identifier(s) }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: n.span)
        let x = ex.double(try ex.sql(a)), period = q(p.name), relation = q(point.relation.name)
        let (lo, hi) = StepBuilder.extremeColumns(i)
        let keys = try n.keys.map { try ex.sql($0.expr) }
        func sumAt(_ edge: String) -> String { "SUM(CASE WHEN \(x) IS NOT NULL AND \(period) = \(q(edge)) THEN \(x) END)" }
        let items = keys.enumerated().map { "\($0.element) AS \(q(Self.factKey + String($0.offset)))" }
            + ["MAX(\(q(lo)))", "MAX(\(q(hi)))", sumAt(lo), sumAt(hi), "(SELECT MIN(\(period)) FROM \(relation))", "(SELECT MAX(\(period)) FROM \(relation))"]
        var sql = with(point.ctes) + "\nSELECT \(items.joined(separator: ", "))\nFROM \(relation)\n"
        if !keys.isEmpty { sql += "GROUP BY \(keys.joined(separator: ", "))\n" }
        let types = n.keys.map(\.expr.type), call = AggregateOperator.callText(c)
        return FactCheck(statements: [sql]) { results in
            let columns = results[0], k = keys.count
            guard columns.count == k + 6, let tableFirst = Self.ordinals(columns[k + 4]).first ?? nil, let tableLast = Self.ordinals(columns[k + 5]).first ?? nil else { return [] }
            let rows = columns[k].count
            let los = Self.ordinals(columns[k]), his = Self.ordinals(columns[k + 1])
            let groups = CagrGroups(has: los.map { $0 != nil }, first: los.map { $0 ?? 0 }, last: his.map { $0 ?? 0 },
                                    firstSum: Self.numbers(columns[k + 2]).map { $0 ?? 0 }, lastSum: Self.numbers(columns[k + 3]).map { $0 ?? 0 })
            // The group's keys as the local engine names it ("Hà Nội, exports"); periods as their text.
            let label: (Int) -> String? = { g in
                guard k > 0, g < rows else { return nil }
                return (0..<k).map { j in Self.keyText(columns[j].value(at: g), types[j]) }.joined(separator: ", ")
            }
            // The groups in the order the local result lists them, by the local rule (not the dialect's collation).
            let keyColumns = (0..<k).map { j in Self.keyColumn(columns[j], types[j]) }
            guard let order = try? AggregateOperator.keyOrder(keyColumns) else { return [] }
            return CagrFacts.facts(call: call, groups, frequency: freq, table: (tableFirst, tableLast), order: order, label: label)
                .map { LocatedFact($0, span: n.span) }
        }
    }

    /// One statement: the rows of `progress`/`required_growth` with a value and no target (or, for
    /// `progress`, a zero one), counted per period of the series (nulls last) with how many of them have a target
    /// (a zero one); without a period key, one count. `PlanFunctions.targetMissing` reads them as the local engine does.
    func targetCheck(_ call: TimeCall, at point: FactPoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        guard args.count >= 2, !args[0].hasTimeFunction, !args[1].hasTimeFunction else { return nil }
        func q(_ s: String) -> String { dialect.identifier(s) }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        let period = point.schema.periodKey.flatMap { key in key.type.frequency.map { (name: key.name, frequency: $0) } }
        let p = q(Self.factPeriod), x = q(Self.factValue), t = q(Self.factTarget)
        let items = (period.map { ["\(q($0.name)) AS \(p)"] } ?? []) + ["\(ex.double(try ex.sql(args[0]))) AS \(x)", "\(ex.double(try ex.sql(args[1]))) AS \(t)"]
        let rows = (Self.factRows, "SELECT " + items.joined(separator: ", ") + "\n  FROM \(q(point.relation.name))")
        let missing = f == .progress ? "(\(t) IS NULL OR \(t) = 0)" : "\(t) IS NULL"
        var sql = with(point.ctes + [rows]) + "\nSELECT " + (period == nil ? "" : "\(p), ") + "COUNT(*), COUNT(\(t))\nFROM \(q(Self.factRows))\nWHERE \(x) IS NOT NULL AND \(missing)\n"
        if period != nil { sql += "GROUP BY \(p)\nORDER BY \(p) ASC NULLS LAST\n" }
        let text = f.callText(args, k)
        return FactCheck(statements: [sql]) { results in
            let columns = results[0], counted = period == nil ? 0 : 1
            guard columns.count == counted + 2 else { return [] }
            let n = SQLFactStatements.ints(columns[counted]), zeros = SQLFactStatements.ints(columns[counted + 1])
            let ordinals = period == nil ? [] : Self.ordinals(columns[0]).compactMap { $0 }
            guard let fact = PlanFunctions.targetMissing(call: text, rows: n.reduce(0) { $0 + Int($1 ?? 0) }, zeroTargets: zeros.reduce(0) { $0 + Int($1 ?? 0) },
                                                         periods: period.map { (ordinals, $0.frequency) }) else { return [] }
            return [LocatedFact(fact, span: span)]
        }
    }

    /// A result column as period ordinals; nil for a null.
    static func ordinals(_ c: Column) -> [Int32?] { SQLFactStatements.ints(c).map { $0.flatMap { Int32(exactly: $0) } } }

    /// A result column as numbers; nil for a null.
    static func numbers(_ c: Column) -> [Double?] {
        (0..<c.count).map { i -> Double? in
            switch c.value(at: i) {
            case .int(let v): return Double(v)
            case .float(let d): return d
            case .text(let s): return Double(s)
            default: return nil
            }
        }
    }

    /// A key's result column as the local engine holds it: period ordinals as periods (which sort after the other keys).
    static func keyColumn(_ c: Column, _ type: DataType?) -> Column {
        guard case .period(let f) = type else { return c }
        return .periods(c.name, ordinals(c).map { $0.map { Period(frequency: f, ordinal: $0) } }, frequency: f)
    }

    /// A key's value as the local engine writes it in a group's name (`Value.description`), a period ordinal as its text.
    static func keyText(_ v: Value, _ type: DataType?) -> String {
        guard case .period(let f) = type else { return v.description }
        switch v {
        case .int(let o): return Int32(exactly: o).map { Period(frequency: f, ordinal: $0).description } ?? v.description
        case .float(let d): return Int32(exactly: d).map { Period(frequency: f, ordinal: $0).description } ?? v.description
        default: return v.description
        }
    }
}
