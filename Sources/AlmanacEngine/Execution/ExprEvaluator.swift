import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Evaluates bound expressions over a table with the kernels: whole columns at a time, never row by row.
struct ExprEvaluator {
    let columns: ColumnSet
    /// Results of aggregate calls (aggregate outputs only).
    var aggregates: [Column] = []
    /// Time functions need the series grid; built once per step on first use.
    var timeContext: TimeContext?

    init(table: Table) { columns = ColumnSet(table) }

    init(columns: ColumnSet) { self.columns = columns }

    var count: Int { aggregates.first?.count ?? columns.rowCount }

    mutating func evaluate(_ e: BoundExpr) throws -> Operand {
        switch e {
        case .column(let name, _):
            guard let c = columns.column(named: name) else { throw DiagnosticError(.runtime("column '\(name)' vanished", span: nil)) }
            return .column(c)
        case .literal(let v, _): return .scalar(v)
        case .aggregateResult(let i, _): return .column(aggregates[i])
        case .arithmetic(let op, let a, let b, .period):
            // period ± n (the binder puts the period first)
            return .column(try PeriodConvert.shift(try column(a), by: try evaluate(b), subtract: op == .subtract))
        case .arithmetic(.subtract, let a, let b, .int) where a.type?.isPeriod == true:
            // period − period: the number of periods between
            return .column(try PeriodConvert.steps(from: try column(b), to: try column(a)))
        case .arithmetic(let op, let a, let b, _):
            return .column(try Arithmetic.apply(op, try evaluate(a), try evaluate(b), count: count))
        case .negate(let a, _):
            return .column(try Arithmetic.negate(try column(a)))
        case .compare(let op, let a, let b):
            return bool(try Comparison.compare(op, try evaluate(a), try evaluate(b), count: count))
        case .and(let a, let b): return bool(try Logic.and(try evaluate(a), try evaluate(b), count: count))
        case .or(let a, let b): return bool(try Logic.or(try evaluate(a), try evaluate(b), count: count))
        case .not(let a): return bool(try Logic.not(try evaluate(a), count: count))
        case .isNull(let a, let negated):
            let c = try column(a)
            return bool(negated ? Conditional.isNotNull(c) : Conditional.isNull(c))
        case .inList(let a, let values, let negated):
            let m = try Conditional.isIn(try column(a), values)
            return negated ? bool(try Logic.not(.column(m.column("")), count: count)) : bool(m)
        case .between(let x, let lo, let hi, let negated):
            let m = try Conditional.between(try evaluate(x), try evaluate(lo), try evaluate(hi), count: count)
            return negated ? bool(try Logic.not(.column(m.column("")), count: count)) : bool(m)
        case .scalar(let f, let args, let type, let span):
            return .column(try scalar(f, args, type, span))
        case .time(let f, let args, let k, _, let span):
            guard let tc = timeContext else { throw DiagnosticError(.runtime("\(f.rawValue) cannot be used here", span: span)) }
            return .column(try tc.evaluate(f, args, k, span: span, evaluator: &self).0)
        }
    }

    /// A column's value and, when the expression is a time function over a plain column (`yoy(value)`), how it
    /// relates to that column.
    mutating func columnWithLineage(_ e: BoundExpr) throws -> (Column, ColumnLineage?) {
        guard case .time(let f, let args, let k, _, let span) = e, let tc = timeContext else { return (try column(e), nil) }
        let (c, l) = try tc.evaluate(f, args, k, span: span, evaluator: &self)
        return (try Operand.column(c).materialized(count), l)
    }

    mutating func column(_ e: BoundExpr) throws -> Column {
        try evaluate(e).materialized(count)
    }

    func bool(_ m: Masked<Bool>) -> Operand { .column(m.column("")) }

    mutating func scalar(_ f: FunctionID, _ args: [BoundExpr], _ type: DataType, _ span: SourceSpan) throws -> Column {
        switch f {
        case .year, .quarter, .month:
            return try PeriodConvert.convert(try column(args[0]), to: type.frequency ?? .year)
        case .round:
            var digits = 0
            if args.count == 2, case .literal(.int(let d), _) = args[1] { digits = Int(d) }
            return try Arithmetic.round(try column(args[0]), digits: digits)
        case .abs: return try Arithmetic.abs(try column(args[0]))
        case .coalesce: return try Conditional.coalesce(try args.map { try evaluate($0) }, count: count)
        case .if: return try Conditional.ifThenElse(try evaluate(args[0]), try evaluate(args[1]), try evaluate(args[2]), count: count)
        case .lower: return try TextFunctions.lower(try column(args[0]))
        case .upper: return try TextFunctions.upper(try column(args[0]))
        case .contains, .startswith:
            guard case .literal(.text(let t), _) = args[1] else { throw DiagnosticError(.constantExpected("the text to look for", span: span)) }
            let c = try column(args[0])
            let m = f == .contains ? try TextFunctions.contains(c, t, options: [.caseInsensitive]) : try TextFunctions.startsWith(c, t, options: [.caseInsensitive])
            return m.column("")
        case .ym, .yq:
            do {
                return try PeriodFromParts.build(name: "", year: try column(args[0]), part: try column(args[1]), frequency: f == .ym ? .month : .quarter)
            } catch let e as PeriodFromParts.PartError {
                throw DiagnosticError(.runtime("\(f.rawValue): \(e.message) (row \(e.row + 1))", span: span))
            }
        case .period:
            let c = try column(args[0])
            switch c.storage {
            case .period: return c
            case .int(let v):
                var ords = [Int32](repeating: 0, count: v.count)
                var valid = ValidityBuilder(reservingCapacity: v.count)
                for i in 0..<v.count {
                    let ok = c.validity.isValid(i) && (1...9999).contains(v[i])
                    if c.validity.isValid(i) && !ok { throw DiagnosticError(.runtime("period(): \(v[i]) is not a year (row \(i + 1))", span: span)) }
                    ords[i] = ok ? Int32(v[i]) : 0
                    valid.append(ok)
                }
                return Column(name: "", storage: .period(ords, .year), validity: valid.finish())
            case .text(let codes, let dict):
                var parsed: [Period?] = []
                var freq: Frequency? = nil
                for s in dict.values {
                    guard case .period(let p) = PeriodParser.parse(s) else { parsed.append(nil); continue }
                    if freq == nil { freq = p.frequency }
                    parsed.append(p.frequency == freq ? p : nil)
                }
                guard let fr = freq else { throw DiagnosticError(.runtime("period(): no value of \(PlanPrinter.expr(args[0])) is a period", span: span,
                                                                        hint: "periods are written like 2024, 2024-Q3, 2024-10 or 2024-10-15")) }
                var ords = [Int32](repeating: 0, count: codes.count)
                var valid = ValidityBuilder(reservingCapacity: codes.count)
                for i in 0..<codes.count {
                    guard c.validity.isValid(i) else { valid.append(false); continue }
                    guard let p = parsed[Int(codes[i])] else {
                        throw DiagnosticError(.runtime("period(): '\(dict.values[Int(codes[i])])' (row \(i + 1)) is not a \(fr)", span: span))
                    }
                    ords[i] = p.ordinal
                    valid.append(true)
                }
                return Column(name: "", storage: .period(ords, fr), validity: valid.finish())
            default:
                throw DiagnosticError(.runtime("period() needs a year or text", span: span))
            }
        default:
            throw DiagnosticError(.runtime("\(f.rawValue) is not a scalar function", span: span))
        }
    }
}
