import Foundation
import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Where an expression stands, which decides the functions it may call.
enum ExprPlace: String {
    case filter = "a where step"
    case derive = "a derive step"
    case select = "a select step"
    case sort = "a sort step"
    case groupKey = "an aggregate's 'by' keys"
    case aggregateOutput = "an aggregate's outputs"
    case aggregateArgument = "an aggregate function's argument"

    var allowsTime: Bool { self == .derive || self == .select }
}

/// Binds and type-checks one expression against a schema. Errors are thrown as diagnostics.
struct ExprBinder {
    let schema: Schema
    let parameters: [String: String]
    let place: ExprPlace
    /// Aggregate calls found while binding an aggregate's outputs.
    var calls: [AggregateCall] = []
    var datasetName: String?
    /// The label under an unknown column's carets (default: "not a column of '<dataset>'").
    var columnLabel: String?
    /// Where the columns came from, when a step replaced them: a note under an unknown column.
    var reshapeNote: SpannedNote?
    /// Warnings (a text literal that names a column).
    var warnings: [Diagnostic] = []

    init(schema: Schema, parameters: [String: String], place: ExprPlace, datasetName: String? = nil, columnLabel: String? = nil) {
        self.schema = schema
        self.parameters = parameters
        self.place = place
        self.datasetName = datasetName
        self.columnLabel = columnLabel ?? datasetName.map { "not a column of '\($0)'" }
    }

    mutating func bind(_ e: Expr) throws -> BoundExpr {
        switch e.kind {
        case .literal(let l): return try literal(l, span: e.span)
        case .column(let name):
            guard let f = schema.field(name) else {
                var d = Diagnostic.unknownColumn(name, span: e.span, candidates: schema.names).withLabel(columnLabel)
                if let p = schema.pivotOutputs { d.hints = [p.hint(for: name, known: schema.names)] }
                if let note = reshapeNote, schema.pivotOutputs == nil { d.spannedNotes.append(note) }
                throw DiagnosticError(d)
            }
            if place == .aggregateOutput { throw DiagnosticError(.notAggregated(f.name, span: e.span)) }
            return .column(f.name, f.type)
        case .parameter(let name):
            guard let raw = parameters[name] else {
                throw DiagnosticError(.unknownParameter(name, span: e.span, known: parameters.keys.sorted()))
            }
            if case .invalid(let why) = PeriodParser.parse(raw.trimmingCharacters(in: .whitespaces), allowBareYear: false) {
                throw DiagnosticError(.typeMismatch(.parameterNotAPeriod(name: name, value: raw, reason: why), span: e.span))
            }
            let v = ExprBinder.parameterValue(raw)
            return .literal(v, ExprBinder.type(of: v))
        case .unary(.negate, let a):
            let x = try bind(a)
            guard let t = x.type, t.isNumeric else {
                throw DiagnosticError(.typeMismatch(.negation(found: x.type), span: e.span))
            }
            if case .literal(.int(let v), _) = x { return .literal(.int(-v), .int) }
            if case .literal(.float(let v), _) = x { return .literal(.float(-v), .float) }
            return .negate(x, t)
        case .unary(.not, let a):
            let x = try bind(a)
            try requireBool(x, span: a.span, what: "not")
            return .not(x)
        case .binary(let op, let l, let r):
            return try binary(op, l, r, span: e.span)
        case .call(let name, let nameSpan, let args):
            return try call(name, nameSpan: nameSpan, args: args, span: e.span)
        case .inList(let x, let list, let negated):
            let bx = try bind(x)
            var values: [Value] = []
            for item in list {
                let b = try bind(item)
                guard case .literal(let v, let t) = b else {
                    throw DiagnosticError(.constantExpected("each value of an 'in' list", span: item.span, hint: "list values written in the query; to compare with a column use '=' and 'or'"))
                }
                if let t, let xt = bx.type, !comparable(xt, t) {
                    throw DiagnosticError(.typeMismatch(.comparison(left: xt, right: t), span: item.span))
                }
                try checkPeriodConstant(bx, against: b, span: item.span)
                values.append(v)
            }
            return .inList(bx, values, negated: negated)
        case .inRange(let x, let range, let negated):
            let bx = try bind(x)
            let lo = try bind(range.lower), hi = try bind(range.upper)
            try checkComparable(bx, lo, span: range.lower.span)
            try checkComparable(bx, hi, span: range.upper.span)
            // 2024..2023 holds nothing: a slip, never a range anyone means.
            if case .literal(let a, _) = lo, case .literal(let b, _) = hi, ExprBinder.isAfter(a, b) {
                throw DiagnosticError(.typeMismatch(.emptyRange(lower: a, upper: b), span: range.span))
            }
            return .between(bx, lo, hi, negated: negated)
        case .between(let x, let lower, let upper, let negated):
            let bx = try bind(x)
            let lo = try bind(lower), hi = try bind(upper)
            try checkComparable(bx, lo, span: lower.span)
            try checkComparable(bx, hi, span: upper.span)
            try UnitCheck.check(.compare, bx, lo, in: schema, calls: calls, span: lower.span)
            try UnitCheck.check(.compare, bx, hi, in: schema, calls: calls, span: upper.span)
            return .between(bx, lo, hi, negated: negated)
        case .isNull(let x, let negated):
            return .isNull(try bind(x), negated: negated)
        }
    }

    // MARK: Literals and parameters

    /// Whether the constant `a` comes after `b` (numbers, or periods of one frequency).
    static func isAfter(_ a: Value, _ b: Value) -> Bool {
        if case .period(let p) = a, case .period(let q) = b { return p.frequency == q.frequency && p.ordinal > q.ordinal }
        if let x = a.number, let y = b.number, !(a.dataType?.isPeriod ?? false), !(b.dataType?.isPeriod ?? false) { return x > y }
        return false
    }

    func literal(_ l: Literal, span: SourceSpan) throws -> BoundExpr {
        switch l {
        case .int(let v): return .literal(.int(v), .int)
        case .float(let v): return .literal(.float(v), .float)
        case .string(let s): return .literal(.text(s.nfc), .text)
        case .bool(let b): return .literal(.bool(b), .bool)
        case .null: return .literal(.null, nil)
        case .period(let text):
            guard case .period(let p) = PeriodParser.parse(text) else {
                throw DiagnosticError(.typeMismatch(.notAPeriod(text: text), span: span))
            }
            return .literal(.period(p), .period(p.frequency))
        }
    }

    /// A parameter's text as a value: true/false, a number, a period (`2024-10`, `2024-Q3`, `T10/2024`), or text.
    static func parameterValue(_ raw: String) -> Value {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t == "true" || t == "false" { return .bool(t == "true") }
        if let i = Int64(t) { return .int(i) }
        if let d = Double(t), d.isFinite, t.contains(where: { $0.isNumber }) { return .float(d) }
        if case .period(let p) = PeriodParser.parse(t, allowBareYear: false) { return .period(p) }
        return .text(t.nfc)
    }

    static func type(of v: Value) -> DataType? { v.dataType }

    // MARK: Operators

    mutating func binary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, span: SourceSpan) throws -> BoundExpr {
        let a = try bind(l), b = try bind(r)
        let isComparison = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op)
        if isComparison, case .literal(.string(let x)) = l.kind, case .literal(.string(let y)) = r.kind {
            // Always true or always false: most likely "column" = "value" with the column in double quotes.
            let named = [x, y].first { schema.field($0) != nil }
            throw DiagnosticError(.typeMismatch(.constantTexts(left: x, right: y, always: ExprBinder.constantComparison(op, x, y), namedColumn: named), span: span))
        }
        if op != .and && op != .or {
            for side in [l, r] { if let w = textLiteralNamingColumn(side) { warnings.append(w) } }
        }
        switch op {
        case .and, .or:
            try requireBool(a, span: l.span, what: op.rawValue)
            try requireBool(b, span: r.span, what: op.rawValue)
            return op == .and ? .and(a, b) : .or(a, b)
        case .add, .subtract, .multiply, .divide:
            let kop: ArithmeticOperator = op == .add ? .add : op == .subtract ? .subtract : op == .multiply ? .multiply : .divide
            guard let ta = a.type ?? b.type, let tb = b.type ?? a.type else { return .literal(.null, nil) }
            if let shifted = try periodShift(op, a, b, span: span) { return shifted }
            guard ta.isNumeric, tb.isNumeric else {
                throw DiagnosticError(.typeMismatch(.arithmetic(kop, left: a.type, right: b.type, namedColumn: columnNamed(byText: l) ?? columnNamed(byText: r)), span: span))
            }
            if op == .add || op == .subtract { try UnitCheck.check(op == .add ? .add : .subtract, a, b, in: schema, calls: calls, span: span) }
            let t: DataType = (ta == .int && tb == .int && kop != .divide) ? .int : .float
            return .arithmetic(kop, a, b, t)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if case .literal(.null, _) = b { throw DiagnosticError(.typeMismatch(.nullComparison, span: span)) }
            if case .literal(.null, _) = a { throw DiagnosticError(.typeMismatch(.nullComparison, span: span)) }
            // A side that is probably not what was meant (a text naming a column, a parameter's text) is the hint.
            let misread = (columnNamed(byText: l) ?? columnNamed(byText: r)).map(MisreadOperand.textNamesColumn)
                ?? parameterText(l, a, against: b) ?? parameterText(r, b, against: a)
            try checkComparable(a, b, span: span, misread: misread)
            try UnitCheck.check(.compare, a, b, in: schema, calls: calls, span: span)
            let kop: ComparisonOperator
            switch op {
            case .equal: kop = .equal
            case .notEqual: kop = .notEqual
            case .less: kop = .less
            case .lessEqual: kop = .lessOrEqual
            case .greater: kop = .greater
            default: kop = .greaterOrEqual
            }
            return .compare(kop, a, b)
        }
    }

    /// `period ± n` and `n + period`: the period `n` steps of its own frequency later or earlier (`$period - 12` is the
    /// same month a year before; `year($period) - 1` the year before). Folded when both sides are constants; nil when
    /// the operands are not a period and an integer.
    func periodShift(_ op: BinaryOperator, _ a: BoundExpr, _ b: BoundExpr, span: SourceSpan) throws -> BoundExpr? {
        guard op == .add || op == .subtract else { return nil }
        // period − period: how many periods apart (2022 − 2015 = 7; 2024-03 − 2023-10 = 5).
        if op == .subtract, case .period(let fa)? = a.type, case .period(let fb)? = b.type {
            guard fa == fb else {
                throw DiagnosticError(.typeMismatch(.periodDifference(left: fa, right: fb), span: span))
            }
            return .arithmetic(.subtract, a, b, .int)
        }
        let (p, n): (BoundExpr, BoundExpr)
        if a.type?.isPeriod == true, b.type == .int || b.type == nil { (p, n) = (a, b) }
        else if op == .add, b.type?.isPeriod == true, a.type == .int { (p, n) = (b, a) }
        else { return nil }
        guard case .period(let f)? = p.type else { return nil }
        let kop: ArithmeticOperator = op == .add ? .add : .subtract
        if case .literal(.period(let start), _) = p, case .literal(let steps, _) = n {
            let c = try? PeriodConvert.shift(Operand.scalar(.period(start)).materialized(1), by: .scalar(steps), subtract: kop == .subtract)
            guard let c, c.validity.isValid(0), case .period(let o, _) = c.storage else {
                if case .null = steps { return .literal(.null, .period(f)) }
                throw DiagnosticError(.typeMismatch(.periodShiftOutOfRange(start: start, op: kop, steps: steps), span: span))
            }
            return .literal(.period(Period(frequency: f, ordinal: o[0])), .period(f))
        }
        return .arithmetic(kop, p, n, .period(f))
    }

    func comparable(_ a: DataType, _ b: DataType) -> Bool {
        if a.isNumeric && b.isNumeric { return true }
        if a == b { return true }
        if a.isPeriod && b.isPeriod { return true }
        if (a.isPeriod && b == .int) || (b.isPeriod && a == .int) { return true }
        return false
    }

    func checkComparable(_ a: BoundExpr, _ b: BoundExpr, span: SourceSpan, misread: MisreadOperand? = nil) throws {
        guard let ta = a.type, let tb = b.type else { return }
        guard comparable(ta, tb) else {
            throw DiagnosticError(.typeMismatch(.comparison(left: ta, right: tb, misread: misread), span: span))
        }
        try checkPeriodConstant(a, against: b, span: span)
        try checkPeriodConstant(b, against: a, span: span)
    }

    /// A period column meets a constant period (or a year as an integer): the constant may be coarser
    /// (`month >= 2024` reads years) but not finer (`year >= 2024-02` has no meaning), and a year must exist.
    func checkPeriodConstant(_ column: BoundExpr, against constant: BoundExpr, span: SourceSpan) throws {
        guard let f = column.type?.frequency else { return }
        if case .literal = column { return }
        switch constant {
        case .literal(.period(let p), _) where p.frequency > f:
            throw DiagnosticError(.typeMismatch(.finerPeriodConstant(column: f, constant: p), span: span))
        case .literal(.int(let y), _) where !(1...9999).contains(y):
            throw DiagnosticError(.typeMismatch(.notAYearToCompare(year: y, column: f), span: span))
        default: return
        }
    }

    func requireBool(_ x: BoundExpr, span: SourceSpan, what: String) throws {
        guard x.type == nil || x.type == .bool else {
            throw DiagnosticError(.typeMismatch(.condition(clause: what, found: x.type, column: { if case .column(let n, _) = x { return n } else { return nil } }()), span: span))
        }
    }

    // MARK: Text that names a column

    /// `"tỉnh"` where a column `tỉnh` exists: the column's name when `e` is such a text literal.
    func columnNamed(byText e: Expr) -> String? {
        guard case .literal(.string(let s)) = e.kind else { return nil }
        return schema.field(s.nfc)?.name
    }

    /// A warning when a text literal compared or computed with equals a column's name (`where "tỉnh" = x`).
    func textLiteralNamingColumn(_ e: Expr) -> Diagnostic? {
        guard let name = columnNamed(byText: e) else { return nil }
        return LocatedFact(.textNamesColumn(name: name), span: e.span).diagnostic
            .withHint(TypeMismatchMessage.textNamesColumnHint(name))
    }

    /// The same warning for a derive/select/by expression that is nothing but such a literal (`derive x = "giá trị"`).
    func wholeTextLiteral(_ e: Expr) -> [Diagnostic] {
        textLiteralNamingColumn(e).map { [$0] } ?? []
    }

    /// What comparing two constant texts always gives.
    static func constantComparison(_ op: BinaryOperator, _ x: String, _ y: String) -> Bool {
        let a = x.nfc, b = y.nfc
        let r: Bool
        switch op {
        case .equal: r = a == b
        case .notEqual: r = a != b
        case .less: r = a < b
        case .lessEqual: r = a <= b
        case .greater: r = a > b
        default: r = a >= b
        }
        return r
    }

    /// A `$name` whose value (from --param) is text where a period or number was needed: the value is the mistake.
    func parameterText(_ e: Expr, _ bound: BoundExpr, against other: BoundExpr) -> MisreadOperand? {
        guard case .parameter(let name) = e.kind, let raw = parameters[name], bound.type == .text, let t = other.type,
              t.isPeriod || t.isNumeric else { return nil }
        return .parameterText(name: name, value: raw, wanted: t)
    }
}
