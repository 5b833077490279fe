import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Compiles a bound expression over the columns of one relation (periods as integer ordinals).
struct ExprCompiler {
    let dialect: any Dialect
    /// The columns the expression reads, with their roles (series keys and the period key come from here).
    let schema: Schema
    let span: SourceSpan
    /// In an aggregate's outputs: each call's SQL.
    var aggregateResults: [String] = []
    /// In a derive step of a dialect that writes shifted values as self-joins: where they are registered.
    var shifts: Shifts? = nil
    /// In a derive step: where `matched` growths register the sums over the sub-series on both sides they need.
    var matched: MatchedSums? = nil
    /// In a derive step: the staged windows of the year-to-date columns its `yoy` calls compare (by column).
    var windows: [String: WindowColumns] = [:]

    func id(_ name: String) -> String { dialect.identifier(name) }

    func unsupported(_ what: String, _ span: SourceSpan? = nil) -> DiagnosticError {
        DiagnosticError(.error(DiagnosticID("sql.unsupported"), "\(what) cannot be compiled to SQL for \(dialect.name) yet", span: span ?? self.span,
                               hints: ["run the query with `almanac query`, which computes it in Almanac"]))
    }

    func sql(_ e: BoundExpr) throws -> String {
        switch e {
        case .column(let name, _): return id(name)
        case .literal(let v, let t): return literal(v, t)
        case .arithmetic(let op, let a, let b, let t):
            let x = try sql(a), y = try sql(b)
            switch op {
            case .add: return "(\(x) + \(y))"
            case .subtract: return "(\(x) - \(y))"
            case .multiply: return t == .float ? "(\(double(x)) * \(y))" : "(\(x) * \(y))"
            case .divide: return "(\(double(x)) / NULLIF(\(y), 0))"
            }
        case .negate(let a, _): return "(-\(try sql(a)))"
        case .compare(let op, let a, let b):
            let s: String
            switch op {
            case .equal: s = "="
            case .notEqual: s = "<>"
            case .less: s = "<"
            case .lessOrEqual: s = "<="
            case .greater: s = ">"
            case .greaterOrEqual: s = ">="
            }
            let (x, y) = try comparands(a, b)
            return "(\(x) \(s) \(y))"
        case .and(let a, let b): return "(\(try sql(a)) AND \(try sql(b)))"
        case .or(let a, let b): return "(\(try sql(a)) OR \(try sql(b)))"
        case .not(let a): return "(NOT \(try sql(a)))"
        case .isNull(let a, let negated): return "(\(try sql(a)) IS \(negated ? "NOT " : "")NULL)"
        case .inList(let a, let values, let negated): return try inList(a, values, negated: negated)
        case .between(let a, let lo, let hi, let negated):
            let (x, l) = try comparands(a, lo), (x2, h) = try comparands(a, hi)
            return "(\(negated ? "NOT " : "")(\(x) >= \(l) AND \(x2) <= \(h)))"
        case .scalar(let f, let args, let t, let span): return try scalar(f, args, t, span)
        case .time(let f, let args, let k, let t, let span): return try time(f, args, k, t, span)
        case .aggregateResult(let i, _):
            guard aggregateResults.indices.contains(i) else { throw DiagnosticError(.internalError("aggregate result #\(i) is missing", span: span)) }
            return aggregateResults[i]
        }
    }

    func double(_ x: String) -> String { "CAST(\(x) AS \(dialect.typeName(.float)))" }

    func literal(_ v: Value, _ t: DataType?) -> String {
        switch v {
        case .null: return t.map { "CAST(NULL AS \(dialect.typeName($0)))" } ?? "NULL"
        case .int(let i): return String(i)
        case .float(let d): return d.isFinite ? double(String(d)) : "NULL"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .text(let s): return dialect.stringLiteral(s.nfc)
        case .period(let p): return String(p.ordinal)
        }
    }

    // MARK: scalar functions

    func scalar(_ f: FunctionID, _ args: [BoundExpr], _ t: DataType, _ span: SourceSpan) throws -> String {
        try scalarFunction(f, args, t, span)
    }

    /// The ordinal of the coarser period that holds `o`: year of a month is o // 12, quarter of a month o // 3.
    func coarser(_ o: String, from: Frequency, to: Frequency, span: SourceSpan, call: FunctionID) throws -> String {
        switch (from, to) {
        case (let a, let b) where a == b: return o
        case (.month, .year): return dialect.integerDivide(o, 12)
        case (.quarter, .year): return dialect.integerDivide(o, 4)
        case (.month, .quarter): return dialect.integerDivide(o, 3)
        default: throw unsupported("\(call)() of a \(from) period", span)
        }
    }
}
