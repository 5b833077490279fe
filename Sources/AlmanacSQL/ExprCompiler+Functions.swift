import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Scalar functions with the local engine's rules: `round` half away from zero (not the engine's own `round`, which
/// rounds half to even in PostgreSQL and by the decimal text in Spark), case-insensitive searches over `lower()`
/// of both sides, periods from their parts as ordinals (null where the local engine stops with an error).
extension ExprCompiler {
    func scalarFunction(_ f: FunctionID, _ args: [BoundExpr], _ t: DataType, _ span: SourceSpan) throws -> String {
        switch f {
        case .year, .quarter, .month:
            guard args.count == 1, let from = args[0].type?.frequency, let to = t.frequency else { throw unsupported("\(f)()", span) }
            return try coarser(try sql(args[0]), from: from, to: to, span: span, call: f)
        case .abs:
            guard args.count == 1 else { throw unsupported("abs() without one argument", span) }
            return "ABS(\(try sql(args[0])))"
        case .round: return try round(args, t, span)
        case .coalesce:
            // Integers and fractions mixed make fractions, as in the local engine.
            let parts = try args.map { a -> String in
                let s = try sql(a)
                return t == .float && a.type == .int ? double(s) : s
            }
            return "COALESCE(\(parts.joined(separator: ", ")))"
        case .if:
            guard args.count == 3 else { throw unsupported("if() without three arguments", span) }
            let branch = { (a: BoundExpr) throws -> String in
                let s = try sql(a)
                return t == .float && a.type == .int ? double(s) : s
            }
            // A null condition counts as false, as in the local engine.
            return "CASE WHEN \(try sql(args[0])) THEN \(try branch(args[1])) ELSE \(try branch(args[2])) END"
        case .lower, .upper:
            guard args.count == 1 else { throw unsupported("\(f)()", span) }
            let x = try sql(args[0])
            return dialect.nfc(f == .lower ? dialect.lowercased(x) : dialect.uppercased(x))
        case .fold:
            guard args.count == 1 else { throw unsupported("fold()", span) }
            return dialect.accentFolded(try sql(args[0]))
        case .contains, .startswith:
            guard args.count == 2 else { throw unsupported("\(f)()", span) }
            let at = dialect.position(of: dialect.lowercased(try sql(args[1])), in: dialect.lowercased(try sql(args[0])))
            return f == .contains ? "(\(at) > 0)" : "(\(at) = 1)"
        case .ym, .yq: return try fromParts(f, args, span)
        case .period:
            guard args.count == 1, let from = args[0].type else { throw unsupported("period()", span) }
            let x = try sql(args[0])
            switch from {
            case .period: return x
            case .int: return "CASE WHEN \(x) BETWEEN 1 AND 9999 THEN \(x) END"
            default:
                throw unsupported("period() of a text column (its frequency is read from the data)", span)
            }
        default:
            throw unsupported("the function \(f)()", span)
        }
    }

    /// Half away from zero at `n` decimals: `|y|`'s fraction (exact in floating point) decides between floor and
    /// ceiling, so the figure is the local engine's bit for bit.
    func round(_ args: [BoundExpr], _ t: DataType, _ span: SourceSpan) throws -> String {
        guard let a = args.first else { throw unsupported("round() without an argument", span) }
        var digits = 0
        if args.count == 2 {
            guard case .literal(.int(let d), _) = args[1] else { throw unsupported("round() with a computed number of decimals", span) }
            digits = max(-18, min(18, Int(d)))
        }
        let x = try sql(a)
        if a.type == .int && digits >= 0 { return t == .float ? double(x) : x }
        let p = double(String(pow10(abs(digits))))
        let y = digits >= 0 ? "(\(double(x)) * \(p))" : "(\(double(x)) / \(p))"
        let r = "(SIGN(\(y)) * CASE WHEN ABS(\(y)) - FLOOR(ABS(\(y))) >= 0.5 THEN CEIL(ABS(\(y))) ELSE FLOOR(ABS(\(y))) END)"
        return digits >= 0 ? "(\(r) / \(p))" : "(\(r) * \(p))"
    }

    /// 10^n as the local engine computes it (`pow(10.0, n)`, exact for n ≤ 22).
    func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// ym(year, month), yq(year, quarter): the ordinal 12·year + month − 1 (4·year + quarter − 1); null where the
    /// part is out of range or not whole, where the local engine stops with an error.
    func fromParts(_ f: FunctionID, _ args: [BoundExpr], _ span: SourceSpan) throws -> String {
        guard args.count == 2 else { throw unsupported("\(f)()", span) }
        for a in args where !(a.type == .int || a.type == .period(.year)) {
            throw unsupported("\(f)() of a fraction (the local engine checks that it is whole)", span)
        }
        let parts = f == .ym ? 12 : 4
        let y = try sql(args[0]), m = try sql(args[1])
        return "CASE WHEN \(m) BETWEEN 1 AND \(parts) AND \(y) BETWEEN 1 AND 9999 THEN (\(parts) * \(y) + \(m) - 1) END"
    }
}
