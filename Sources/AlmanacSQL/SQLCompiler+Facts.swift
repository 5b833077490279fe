import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// A place in the chain where time functions are evaluated (a derive's assignment, a select's item), or a scan whose
/// period key tells where the data start.
struct FactPoint {
    /// The CTEs before the place.
    var ctes: [(String, String)]
    /// The relation the expression reads, and the schema it is compiled against.
    var relation: SQLCompiler.Relation
    var schema: Schema
    var expr: BoundExpr?
    /// The column the expression sets (a derive's assignment, a select's item).
    var assigned: String? = nil
    /// For a scan: its period key and frequency.
    var scanned: (period: String, frequency: Frequency)? = nil
    /// For an aggregate: what it sums (its incomplete periods; the coverage of the rows it makes).
    var aggregated: AggregatePoint? = nil
    /// For a time call: what the rows it reads sum, as far as the statements can follow them (see `CoverageState`);
    /// for a compare of an aggregate's ranges the statements cannot follow, `.lost` (said unchecked; those they can
    /// follow are a `StepFact.compareCoverage`).
    var coverage: CoverageState = .none
    /// For a step's own warnings (a join's, an aggregate's `cagr`): which (see SQLCompiler+StepFactChecks.swift).
    var step: StepFact? = nil
    /// For a derive's time call: the year-to-date columns known there (see `RunningTotalColumns`).
    var runningTotals: [String: String] = [:]
}

/// The statements that compute in the database the warnings the local engine gives for a plan's time functions —
/// rows whose base period is missing (`yoy`, `pop`, `diff`, `lag`: `QueryFact.growthGaps`, or `baseBeforeData` when no
/// row has a base because every base lies before the data), running totals over windows with missing periods (`ytd`,
/// `cumsum`: `cumulativeGaps`) — beside the main statement: small statements that return the affected periods
/// grouped (a count per period), which `facts(_:)` turns into the same typed facts, worded as for a file.
public struct SQLFactStatements {
    /// The statements, to run in order in the database the main statement runs in.
    public let statements: [String]
    /// Per check: its first statement and how many it has, and how its results read as facts.
    let checks: [(first: Int, count: Int, read: ([[Column]]) -> [LocatedFact])]
    /// The statements of each scan's first period (for `baseBeforeData`, as the executor's `DataStart`).
    let starts: [(index: Int, frequency: Frequency)]
    /// That the coverage of some aggregate's rows a later comparison compares was not checked (`coverageUnchecked`).
    let unchecked: [LocatedFact]
    /// Per check that marks cells: its first statement and how many it has, the column it marks, and its marks.
    var markers: [(first: Int, count: Int, column: String, read: ([[Column]]) -> [PendingMark])] = []

    /// The facts, from each statement's result columns (in the order of `statements`).
    public func facts(_ results: [[Column]]) -> [LocatedFact] {
        guard results.count == statements.count else { return [] }
        var firstDay: Int32?
        for s in starts {
            guard let o = SQLFactStatements.ints(results[s.index].first).first ?? nil, let o32 = Int32(exactly: o) else { continue }
            let day = Period(frequency: s.frequency, ordinal: o32).dayRange.lowerBound
            firstDay = min(firstDay ?? day, day)
        }
        return checks.flatMap { c in c.read(Array(results[c.first..<(c.first + c.count)])) }.filter { located in
            // A base said to be missing that the data have (the query's own filters left it out) is not said.
            guard case .baseBeforeData(_, _, _, let missing) = located.fact else { return true }
            guard let firstDay, let last = missing.last else { return false }
            return last.dayRange.upperBound < firstDay
        } + unchecked
    }

    /// A result column's integers (counts, period ordinals); nil for a null.
    static func ints(_ c: Column?) -> [Int64?] {
        guard let c else { return [] }
        return (0..<c.count).map { i -> Int64? in
            switch c.value(at: i) {
            case .int(let v): return v
            case .float(let d): return d.isFinite ? Int64(exactly: d.rounded()) : nil
            case .text(let s): return Int64(s)
            default: return nil
            }
        }
    }

    /// `(period, rows)` pairs of a two-column result.
    static func counts(_ columns: [Column]) -> [(period: Int32, rows: Int)] {
        guard columns.count >= 2 else { return [] }
        return zip(ints(columns[0]), ints(columns[1])).compactMap { p, n in
            guard let p, let p32 = Int32(exactly: p), let n else { return nil }
            return (p32, Int(n))
        }
    }
}

extension SQLCompiler {
    /// The statements of the warnings the plan's time functions give (see `SQLFactStatements`). Compile the main
    /// statement first: a plan it refuses has no fact statements either.
    public func factStatements(_ plan: LogicalPlan) throws -> SQLFactStatements {
        var found: [FactPoint]? = []
        _ = try chain(plan.nodes[...], plan, points: &found)
        var statements: [String] = []
        var checks: [(first: Int, count: Int, read: ([[Column]]) -> [LocatedFact])] = []
        var starts: [(index: Int, frequency: Frequency)] = []
        var unchecked: [AggregatePoint] = []
        var markers: [(first: Int, count: Int, column: String, read: ([[Column]]) -> [PendingMark])] = []
        func add(_ check: FactCheck, marking column: String? = nil) {
            if let marks = check.marks {
                for c in column.map({ [$0] }) ?? check.markedColumns { markers.append((statements.count, check.statements.count, c, marks)) }
            }
            checks.append((statements.count, check.statements.count, check.read))
            statements += check.statements
        }
        for point in found ?? [] {
            if let a = point.aggregated {
                for check in incompleteChecks(a, at: point) { add(check) }
                continue
            }
            if point.expr == nil, point.scanned == nil, point.step == nil, case .lost(let a) = point.coverage {
                unchecked.append(a)
                continue
            }
            if let (period, freq) = point.scanned {
                starts.append((statements.count, freq))
                statements.append(with(point.ctes) + "\nSELECT MIN(\(dialect.identifier(period)))\nFROM \(dialect.identifier(point.relation.name))\n")
                continue
            }
            if let step = point.step, let check = try stepFactCheck(step, at: point) { add(check) }
            guard let expr = point.expr else { continue }
            for call in Self.timeCalls(expr) {
                if let check = try factCheck(call, at: point) { add(check) }
                // A window's note wins over its months' coverage note on the same cell (as in memory): its marks last.
                var windowMarks: (first: Int, count: Int, column: String, read: ([[Column]]) -> [PendingMark])?
                if let check = try windowCheck(call, at: point) {
                    if let read = check.marks, let column = point.assigned { windowMarks = (statements.count, check.statements.count, column, read) }
                    add(check)
                }
                defer { if let windowMarks { markers.append(windowMarks) } }
                guard Self.coverageCompared.contains(call.f), let a = point.coverage.aggregate else { continue }
                if case .tracked = point.coverage, let check = try coverageCheck(call, at: point, a) { add(check, marking: point.assigned) } else { unchecked.append(a) }
            }
        }
        // One "not checked" per aggregate whose rows a comparison the statements could not follow compares.
        var said = Set<String>()
        let uncheckedFacts = unchecked.compactMap { a -> LocatedFact? in
            guard said.insert("\(a.node.span)").inserted else { return nil }
            return LocatedFact(.coverageUnchecked(dimensions: a.summedAway), span: a.node.span)
        }
        return SQLFactStatements(statements: statements, checks: checks, starts: starts, unchecked: uncheckedFacts, markers: markers)
    }

    typealias TimeCall = (f: FunctionID, args: [BoundExpr], k: TimeConstants, span: SourceSpan)

    /// The time calls of an expression, in the order the local engine evaluates them.
    static func timeCalls(_ e: BoundExpr) -> [TimeCall] {
        switch e {
        case .time(let f, let args, let k, _, let span): return args.flatMap(timeCalls) + [(f, args, k, span)]
        case .column, .literal, .aggregateResult: return []
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return timeCalls(a) + timeCalls(b)
        case .negate(let a, _), .not(let a), .isNull(let a, _), .inList(let a, _, _): return timeCalls(a)
        case .between(let a, let b, let c, _): return timeCalls(a) + timeCalls(b) + timeCalls(c)
        case .scalar(_, let args, _, _): return args.flatMap(timeCalls)
        }
    }
}
