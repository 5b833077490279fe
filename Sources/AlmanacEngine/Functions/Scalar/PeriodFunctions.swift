import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let year = FunctionID("year"), quarter = FunctionID("quarter"), month = FunctionID("month")
    public static let ym = FunctionID("ym"), yq = FunctionID("yq"), period = FunctionID("period")
}

/// Functions that make periods: a coarser period of one (`year(period)`), a period from its parts (`ym`, `yq`), a
/// period from a year or a text (`period`).
enum PeriodFunctions {
    /// year, quarter, month.
    static let coarsening: [FunctionDefinition] = [
        coarser(.year, .year, summary: "the year a period lies in (a yearly period)", example: "aggregate v = sum(value_usd) by year = year(period)"),
        coarser(.quarter, .quarter, summary: "the quarter a period lies in (a quarterly period)", example: "derive q = quarter(period)"),
        coarser(.month, .month, summary: "the month a day lies in (a monthly period)", example: "derive m = month(date)"),
    ]

    /// ym, yq, period.
    static let making: [FunctionDefinition] = [
        fromParts(.ym, .month, signature: "ym(year, month)", summary: "a monthly period from a year and a month number", example: "derive period = ym(year, month)"),
        fromParts(.yq, .quarter, signature: "yq(year, quarter)", summary: "a quarterly period from a year and a quarter number", example: "derive period = yq(year, quarter)"),
        FunctionDefinition(.period, arity: 1...1, signature: "period(x)", summary: "an integer year or text such as 2024-10 as a period",
                           example: "derive period = period(year)", unit: .none,
                           rule: .scalar(ScalarRule(bind: bindPeriod, kernel: { ev, call in try PeriodFunctions.period(try ev.column(call.args[0]), call, ev) }))),
    ]

    /// year(), quarter(), month(): the period of a coarser frequency that holds each value.
    static func coarser(_ id: FunctionID, _ target: Frequency, summary: String, example: String) -> FunctionDefinition {
        FunctionDefinition(id, arity: 1...1, signature: "\(id)(p)", summary: summary, example: example, unit: .none, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call, needing: [(\.isPeriod, "a period")])
                guard let from = bound[0].type?.frequency, from >= target else {
                    throw DiagnosticError(.typeMismatch(.finerThanArgument(function: id, argument: bound[0].type?.frequency), span: call.args[0].span))
                }
                return .scalar(id, bound, .period(target), call.span)
            },
            kernel: { ev, call in try PeriodConvert.convert(try ev.column(call.args[0]), to: call.type.frequency ?? target) })))
    }

    /// ym(), yq(): a period from a year and a month or quarter number.
    static func fromParts(_ id: FunctionID, _ frequency: Frequency, signature: String, summary: String, example: String) -> FunctionDefinition {
        let parts = frequency == .month ? 12 : 4
        let partName = frequency == .month ? "month" : "quarter"
        return FunctionDefinition(id, arity: 2...2, signature: signature, summary: summary, example: example, unit: .none, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call, needing: [({ $0.isNumeric || $0 == .period(.year) }, "a year (integer or yearly period)"),
                                                                     (\.isNumeric, "a \(partName) number")])
                if case .literal(let v, _) = bound[1], let n = v.number, !(1...Double(parts)).contains(n) {
                    throw DiagnosticError(.typeMismatch(.periodPartOutOfRange(function: id, part: frequency, value: n), span: call.args[1].span))
                }
                return .scalar(id, bound, .period(frequency), call.span)
            },
            kernel: { ev, call in
                do {
                    return try PeriodFromParts.build(name: "", year: try ev.column(call.args[0]), part: try ev.column(call.args[1]), frequency: frequency)
                } catch let e as PeriodFromParts.PartError {
                    throw DiagnosticError(.runtime(.periodParts(function: id, error: e), span: call.span))
                }
            })))
    }

    static func bindPeriod(_ binder: inout ExprBinder, _ call: FunctionCall) throws -> BoundExpr {
        let bound = try binder.bindArguments(call)
        let t = bound[0].type
        if t == .int || t?.isPeriod == true { return .scalar(.period, bound, t == .int ? .period(.year) : t!, call.span) }
        if case .literal(.text(let s), _) = bound[0] {
            guard case .period(let p) = PeriodParser.parse(s) else {
                throw DiagnosticError(.typeMismatch(.notAPeriod(text: s), span: call.args[0].span))
            }
            return .literal(.period(p), .period(p.frequency))
        }
        if t == .text { return .scalar(.period, bound, .period(.month), call.span) }
        throw DiagnosticError(.typeMismatch(.periodArgument(found: t), span: call.args[0].span))
    }

    /// period(x) at run time: years from integers, periods from text (each distinct text parsed once).
    static func period(_ c: Column, _ call: ScalarInvocation, _ ev: ExprEvaluator) throws -> Column {
        let span = call.span
        switch c.storage {
        case .period: return c
        case .int(let v):
            var ords = [Int32](repeating: 0, count: v.count)
            var valid = ValidityBuilder(reservingCapacity: v.count)
            for i in 0..<v.count {
                let ok = c.validity.isValid(i) && (1...9999).contains(v[i])
                if c.validity.isValid(i) && !ok { throw DiagnosticError(.runtime(.periodNotAYear(value: v[i], row: i), span: span)) }
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
            guard let fr = freq else {
                throw DiagnosticError(.runtime(.periodNoValueParses(expression: PlanPrinter.expr(call.args[0])), span: span))
            }
            var ords = [Int32](repeating: 0, count: codes.count)
            var valid = ValidityBuilder(reservingCapacity: codes.count)
            for i in 0..<codes.count {
                guard c.validity.isValid(i) else { valid.append(false); continue }
                guard let p = parsed[Int(codes[i])] else {
                    throw DiagnosticError(.runtime(.periodWrongFrequency(text: dict.values[Int(codes[i])], row: i, frequency: fr), span: span))
                }
                ords[i] = p.ordinal
                valid.append(true)
            }
            return Column(name: "", storage: .period(ords, fr), validity: valid.finish())
        default:
            throw DiagnosticError(.runtime(.periodNeedsYearOrText, span: span))
        }
    }
}
