import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// A like-for-like growth over an aggregate's rows (`yoy(v, matched)`, `pop`, `diff`), as the local engine computes
/// it (`TimeContext.matched`): a row whose sum holds other sub-series or another number of finer periods than its
/// base row's (both with a value) is compared over the sub-series present, with a value, on both sides; null when
/// they share none. Any other row keeps the plain growth. In SQL: per registered growth, the aggregate's output
/// summed per (row, sub-series) from its input, those sums paired with the base row's sub-series and added up on each
/// side, and each row's member lists (as the coverage statements list them) to tell which rows differ — LEFT JOINed
/// to the step's relation as hidden columns.
final class MatchedSums {
    struct Request {
        var aggregate: AggregatePoint
        /// The aggregate's output compared, and how many periods back the base is.
        var measure: String
        var steps: Int
        var keys: [String]
        var period: String
        /// The hidden columns: the current side's sum, the base side's, and 1 where the row's sides differ.
        var current: String, base: String, differs: String
    }

    /// What the rows of the assignment being compiled sum.
    var state = CoverageState.none
    private(set) var pending: [Request] = []
    private var made = 0
    let step: Int

    init(step: Int) { self.step = step }

    func add(_ a: AggregatePoint, measure: String, steps: Int, keys: [String], period: String) -> Request {
        let tag = "__almanac_matched\(step)_\(made)"
        made += 1
        let r = Request(aggregate: a, measure: measure, steps: steps, keys: keys, period: period,
                        current: tag + "_c", base: tag + "_b", differs: tag + "_d")
        pending.append(r)
        return r
    }

    func take() -> [Request] {
        defer { pending = [] }
        return pending
    }
}

extension ExprCompiler {
    /// `f(x, matched)`: the plain growth where the row's sides sum alike, the growth of the matched sums where not.
    /// Over rows no aggregate made, `matched` changes nothing (as in memory).
    func matchedGrowth(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, _ span: SourceSpan) throws -> String {
        var plainK = k
        plainK.matched = false
        let plain = try shifted(f, args, plainK, span)
        let call = f.callText(args, k)
        guard let m = matched, [.yoy, .pop, .diff].contains(f) else { throw unsupported("\(call) (a like-for-like growth outside a derive)", span) }
        switch m.state {
        case .none: return plain
        case .lost: throw unsupported("\(call) after a step that renamed or replaced the aggregate's keys", span)
        case .tracked(let a):
            let s = try series(f, span)
            guard case .column(let name, _)? = args.first, a.measures.contains(name) else {
                throw unsupported("\(call) of other than a sum or count the aggregate made (a like-for-like growth needs each sub-series' value)", span)
            }
            guard a.keyed(by: s.keys, period: s.period), let perYear = s.frequency.periodsPerYear else {
                throw unsupported("\(call) over other series than the aggregate's rows", span)
            }
            let r = m.add(a, measure: name, steps: f == .yoy ? Int(perYear) : 1, keys: s.keys, period: s.period)
            let c = id(r.current), b = id(r.base)
            let growth = f == .diff ? "(\(c) - \(b))" : "(\(c) / NULLIF(\(b), 0) - 1)"
            return "CASE WHEN \(id(r.differs)) = 1 THEN \(growth) ELSE \(plain) END"
        }
    }
}

extension StepBuilder {
    static let memberValue = "__almanac_v"

    /// A CTE of the aggregate's `measures` per (aggregated row, sub-series): its keys (by name), the dimensions it
    /// summed away, and each measure (as a double) named as in `named`, computed as the aggregate computes it.
    mutating func memberValues(_ a: AggregatePoint, measures: [String], named: [String]) throws -> SQLCompiler.Relation {
        let ex = ExprCompiler(dialect: dialect, schema: a.inputSchema, span: a.node.span)
        let calls = try a.node.calls.map { c -> String in
            guard c.function == .sum || c.function == .count else { return "NULL" }
            let arg = try c.argument.map { try ex.sql($0) }
            return c.function == .count ? arg.map { "COUNT(\($0))" } ?? "COUNT(*)" : "CAST(SUM(\(arg ?? "NULL")) AS \(dialect.typeName(c.type)))"
        }
        let values = try zip(measures, named).map { m, name -> String in
            guard let output = a.node.outputs.first(where: { $0.name == m }) else {
                throw DiagnosticError(.internalError("matched: the aggregate has no output '\(m)'", span: a.node.span))
            }
            let value = try ExprCompiler(dialect: dialect, schema: a.node.schema, span: a.node.span, aggregateResults: calls).sql(output.expr)
            return "\(a.node.schema.field(m)?.type == .float ? value : ex.double(value)) AS \(id(name))"
        }
        let dims = a.summedAway.map(id), groupKeys = a.keys.map(\.sql)
        return emit(select: a.keys.map { "\($0.sql) AS \(id($0.name))" } + dims + values,
                    columns: a.keys.map(\.name) + a.summedAway + named, from: a.input,
                    tail: "GROUP BY " + (groupKeys + dims).joined(separator: ", "), ordered: false)
    }

    /// The relation with each request's three hidden columns; `hidden` lists the ones carried so far.
    mutating func joinMatched(_ requests: [MatchedSums.Request], to from: SQLCompiler.Relation, carrying hidden: inout [String]) throws -> SQLCompiler.Relation {
        var rel = from
        for r in requests {
            let a = r.aggregate
            func next(_ k: Int) -> String { "n\(index)_\(ctes.count + k)" }
            // Member lists and finer periods per aggregated row (two CTEs), as the coverage statements make them.
            let (members, lists) = compiler.coverageLists(a, members: next(0), lists: next(1))
            define(members)
            define(lists)
            // The measure per (aggregated row, sub-series).
            let dims = a.summedAway.map(id)
            let perMember = try memberValues(a, measures: [r.measure], named: [Self.memberValue])
            // Each row's sums over the sub-series with a value on both sides.
            let keys = r.keys.map(id), p = id(r.period), v = id(Self.memberValue)
            func same(_ l: String, _ rr: String) -> [String] { keys.map { dialect.nullSafeEqual("\(l).\($0)", "\(rr).\($0)") } }
            let pairs = emit(select: keys.map { "a.\($0)" } + ["a.\(p)", "SUM(a.\(v)) AS \(id(r.current))", "SUM(b.\(v)) AS \(id(r.base))"],
                             columns: r.keys + [r.period, r.current, r.base], from: nil,
                             source: "\(id(perMember.name)) AS a\n  JOIN \(id(perMember.name)) AS b ON "
                                + (same("a", "b") + ["b.\(p) = a.\(p) - \(r.steps)"] + dims.map { dialect.nullSafeEqual("a.\($0)", "b.\($0)") }).joined(separator: " AND "),
                             tail: "WHERE a.\(v) IS NOT NULL AND b.\(v) IS NOT NULL\n  GROUP BY " + (keys.map { "a.\($0)" } + ["a.\(p)"]).joined(separator: ", "), ordered: false)
            // The relation, each row with its sums and whether its sides differ (both with a value).
            let x = id(r.measure), ml = id(SQLCompiler.memberList), nf = id(SQLCompiler.finerCount)
            let differs = "CASE WHEN r.\(x) IS NOT NULL AND rb.\(x) IS NOT NULL AND (ca.\(ml) <> cb.\(ml) OR ca.\(nf) <> cb.\(nf)) THEN 1 ELSE 0 END"
            let items = (rel.columns + hidden).map { "r.\(id($0))" } + (rel.ordered ? ["r.\(id(SQLCompiler.order))"] : [])
                + ["m.\(id(r.current))", "m.\(id(r.base))", "\(differs) AS \(id(r.differs))"]
            let source = "\(id(rel.name)) AS r"
                + "\n  LEFT JOIN \(id(rel.name)) AS rb ON " + (same("r", "rb") + ["rb.\(p) = r.\(p) - \(r.steps)"]).joined(separator: " AND ")
                + "\n  LEFT JOIN \(id(lists.0)) AS ca ON " + (same("r", "ca") + ["ca.\(p) = r.\(p)"]).joined(separator: " AND ")
                + "\n  LEFT JOIN \(id(lists.0)) AS cb ON " + (same("r", "cb") + ["cb.\(p) = r.\(p) - \(r.steps)"]).joined(separator: " AND ")
                + "\n  LEFT JOIN \(id(pairs.name)) AS m ON " + (same("r", "m") + ["m.\(p) = r.\(p)"]).joined(separator: " AND ")
            rel = emit(select: items, columns: rel.columns, from: nil, source: source, ordered: rel.ordered)
            hidden += [r.current, r.base, r.differs]
        }
        return rel
    }
}
