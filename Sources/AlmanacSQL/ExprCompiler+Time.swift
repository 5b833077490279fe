import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Time functions as windows over the integer period: the base of `yoy`/`pop`/`lag`/`diff` is the value at exactly
/// `p − k` in the same series (`RANGE BETWEEN k PRECEDING AND k PRECEDING`, so a gap gives NULL, never the row
/// before), `ytd`/`cumsum`/`rolling` are RANGE frames (gaps respected), `share`/`rank` windows over the period.
extension ExprCompiler {
    /// The period key (name and frequency) and the series keys: every key column but the period key.
    func series(_ f: FunctionID, _ span: SourceSpan) throws -> (period: String, frequency: Frequency, keys: [String]) {
        guard let p = schema.periodKey, let freq = p.type.frequency else {
            throw DiagnosticError(.error(DiagnosticID("sql.needs-period"), "\(f)() needs exactly one period key", span: span))
        }
        return (p.name, freq, schema.keys.map(\.name).filter { $0 != p.name })
    }

    /// Columns a time function reads beyond its arguments (its series and period keys).
    func seriesColumns(for e: BoundExpr) -> Set<String> {
        guard e.hasTimeFunction else { return [] }
        return Set(schema.keys.map(\.name))
    }

    func window(partition: [String], orderBy: String?, frame: String?) -> String {
        var parts: [String] = []
        if !partition.isEmpty { parts.append("PARTITION BY " + partition.joined(separator: ", ")) }
        if let o = orderBy { parts.append("ORDER BY " + o) }
        if let f = frame { parts.append(f) }
        return "OVER (" + parts.joined(separator: " ") + ")"
    }

    func time(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, _ t: DataType, _ span: SourceSpan) throws -> String {
        if args.contains(where: \.hasTimeFunction) {
            throw unsupported("a time function inside another (\(f)() of a time function)", span)
        }
        guard dialect.supportsRangeOffsetFrames else { throw unsupported("\(f)()", span) }
        if f == .yoy, case .column(let y, _)? = args.first, let w = windows[y] { return try windowedGrowth(args, w, k, span) }
        if k.matched { return try matchedGrowth(f, args, k, span) }
        switch f {
        case .lag, .diff, .pop, .yoy: return try shifted(f, args, k, span)
        case .ytd, .cumsum, .rolling: return try running(f, args, k, span)
        case .share, .rank: return try crossSection(f, args, span)
        case .index, .progress, .requiredGrowth: return try againstBase(f, args, k, span)
        default: throw unsupported("the function \(f)()", span)
        }
    }

    /// `x` at `p − steps` in the same series, NULL where that period is absent: a RANGE window, or (where the
    /// dialect's `shiftForm` says so and the step can join) a column a self-join brings.
    func valueAt(_ x: String, steps: Int, _ s: (period: String, frequency: Frequency, keys: [String])) -> String {
        let p = id(s.period)
        if steps == 0 { return "CASE WHEN \(p) IS NOT NULL THEN \(x) END" }
        if dialect.shiftForm == .selfJoin, let shifts {
            // No match for a null period or a gap: the joined column is null there.
            return id(shifts.add(x, steps: steps, keys: s.keys, period: s.period))
        }
        let bound = steps > 0 ? "\(steps) PRECEDING" : "\(-steps) FOLLOWING"
        let w = window(partition: s.keys.map(id), orderBy: p, frame: "RANGE BETWEEN \(bound) AND \(bound)")
        return "CASE WHEN \(p) IS NOT NULL THEN MAX(\(x)) \(w) END"
    }

    func shifted(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, _ span: SourceSpan) throws -> String {
        let s = try series(f, span)
        guard let x0 = args.first else { throw unsupported("\(f)() without an argument", span) }
        let x = try sql(x0)
        switch f {
        case .lag: return valueAt(x, steps: k.steps, s)
        case .diff: return "(\(double(x)) - \(valueAt(double(x), steps: 1, s)))"
        case .pop: return "(\(double(x)) / NULLIF(\(valueAt(double(x), steps: 1, s)), 0) - 1)"
        default:
            guard let perYear = s.frequency.periodsPerYear else { throw unsupported("yoy() of a daily period", span) }
            return "(\(double(x)) / NULLIF(\(valueAt(double(x), steps: Int(perYear), s)), 0) - 1)"
        }
    }

    func running(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, _ span: SourceSpan) throws -> String {
        let s = try series(f, span)
        guard let x0 = args.first else { throw unsupported("\(f)() without an argument", span) }
        let x = double(try sql(x0))
        let p = id(s.period)
        var partition = s.keys.map(id)
        switch f {
        case .rolling:
            let w = window(partition: partition, orderBy: p, frame: "RANGE BETWEEN \(k.steps - 1) PRECEDING AND CURRENT ROW")
            return "CASE WHEN \(p) IS NOT NULL AND COUNT(\(x)) \(w) = \(k.steps) THEN SUM(\(x)) \(w) END"
        case .ytd:
            partition.append(try coarser(p, from: s.frequency, to: .year, span: span, call: f))
            fallthrough
        default:
            let w = window(partition: partition, orderBy: p, frame: "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
            return "CASE WHEN \(p) IS NOT NULL THEN SUM(\(x)) \(w) END"
        }
    }

    /// The columns that say "the same period": the period key; with none, every period column that is not an
    /// attribute when there are several (a range such as period_from..period_to); else the whole table.
    func samePeriod() -> [String] {
        if let p = schema.periodKey { return [p.name] }
        let ps = schema.periodFields.filter { $0.meta.role != .attribute }
        return ps.count > 1 ? ps.map(\.name) : []
    }

    func crossSection(_ f: FunctionID, _ args: [BoundExpr], _ span: SourceSpan) throws -> String {
        guard let x0 = args.first else { throw unsupported("\(f)() without an argument", span) }
        let x = try sql(x0)
        let periods = samePeriod().map(id)
        let valid = ([x] + periods).map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        if f == .share {
            let w = window(partition: periods, orderBy: nil, frame: nil)
            return "CASE WHEN \(valid) THEN \(double(x)) / NULLIF(SUM(\(double(x))) \(w), 0) END"
        }
        let w = window(partition: periods, orderBy: "\(x) DESC NULLS LAST", frame: nil)
        return "CASE WHEN \(valid) THEN CAST(RANK() \(w) AS \(dialect.typeName(.int))) END"
    }

    /// index (100 × x over x at the base period of the same series), progress (x / target), required_growth
    /// ((target / x)^(1 / years) − 1, years to the target year from the row's calendar year), with the local
    /// engine's nulls: a zero or missing base, x ≤ 0, no years left, a negative target over a fractional power.
    func againstBase(_ f: FunctionID, _ args: [BoundExpr], _ k: TimeConstants, _ span: SourceSpan) throws -> String {
        guard let x0 = args.first else { throw unsupported("\(f)() without an argument", span) }
        let x = double(try sql(x0))
        switch f {
        case .index:
            let s = try series(f, span)
            guard let base = k.base, base.frequency == s.frequency else { throw unsupported("index() with a base of another frequency", span) }
            let p = id(s.period)
            let w = window(partition: s.keys.map(id), orderBy: nil, frame: nil)
            return "CASE WHEN \(p) IS NOT NULL THEN \(x) / NULLIF(MAX(CASE WHEN \(p) = \(base.ordinal) THEN \(x) END) \(w), 0) * 100 END"
        case .progress:
            guard args.count == 2 else { throw unsupported("progress() without a target", span) }
            return "(\(x) / NULLIF(\(try sql(args[1])), 0))"
        default:
            guard args.count == 2 else { throw unsupported("required_growth() without a target", span) }
            let s = try series(f, span)
            let year = try coarser(id(s.period), from: s.frequency, to: .year, span: span, call: f)
            let t = double(try sql(args[1]))
            let years = double("(\(k.targetYear) - \(year))")
            return "CASE WHEN \(years) > 0 AND \(x) > 0 AND (\(t) >= 0 OR \(years) = 1) THEN POWER(\(t) / \(x), \(double("1")) / \(years)) - 1 END"
        }
    }
}
