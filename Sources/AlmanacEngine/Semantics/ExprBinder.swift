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
                throw DiagnosticError(d)
            }
            if place == .aggregateOutput { throw DiagnosticError(.notAggregated(f.name, span: e.span)) }
            return .column(f.name, f.type)
        case .parameter(let name):
            guard let raw = parameters[name] else {
                throw DiagnosticError(.unknownParameter(name, span: e.span, known: parameters.keys.sorted()))
            }
            if case .invalid(let why) = PeriodParser.parse(raw.trimmingCharacters(in: .whitespaces), allowBareYear: false) {
                throw DiagnosticError(.typeMismatch(.parameter, "parameter '$\(name)' = '\(raw)': \(why)", span: e.span,
                                                    hint: "give a period such as 2024-10, 2024-Q3 or 2024"))
            }
            let v = ExprBinder.parameterValue(raw)
            return .literal(v, ExprBinder.type(of: v))
        case .unary(.negate, let a):
            let x = try bind(a)
            guard let t = x.type, t.isNumeric else {
                throw DiagnosticError(.typeMismatch(.negation, "cannot negate \(describe(x.type))", span: e.span, hint: "'-' works on numbers; for a condition write 'not'"))
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
                    throw DiagnosticError(.typeMismatch(.comparison, "cannot compare \(describe(xt)) with \(describe(t))", span: item.span, hint: comparisonHint(xt, t)))
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
                throw DiagnosticError(.typeMismatch(.emptyRange, "the range starts after it ends", span: range.span, hint: "write the earlier bound first: \(b)..\(a)"))
            }
            return .between(bx, lo, hi, negated: negated)
        case .between(let x, let lower, let upper, let negated):
            let bx = try bind(x)
            let lo = try bind(lower), hi = try bind(upper)
            try checkComparable(bx, lo, span: lower.span)
            try checkComparable(bx, hi, span: upper.span)
            try UnitCheck.check("compare", bx, lo, in: schema, calls: calls, span: lower.span)
            try UnitCheck.check("compare", bx, hi, in: schema, calls: calls, span: upper.span)
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
                throw DiagnosticError(.typeMismatch(.notAPeriod, "'\(text)' is not a period", span: span, hint: "periods are written like 2024, 2024-Q3, 2024-10 or 2024-10-15"))
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
            throw DiagnosticError(.typeMismatch(.constantTexts, "comparing two texts written in the query (\"\(x)\" and \"\(y)\") is always \(ExprBinder.constantComparison(op, x, y))", span: span,
                                                hint: named.map(textNamesColumnHint) ?? "compare a column with a text, e.g. province = \"Hà Giang\""))
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
            let verb = ["+": "add", "-": "subtract", "*": "multiply", "/": "divide"][op.rawValue]!
            guard let ta = a.type ?? b.type, let tb = b.type ?? a.type else { return .literal(.null, nil) }
            if let shifted = try periodShift(op, a, b, span: span) { return shifted }
            guard ta.isNumeric, tb.isNumeric else {
                throw DiagnosticError(.typeMismatch(.arithmetic, "cannot \(verb) \(describe(a.type)) and \(describe(b.type))", span: span,
                                                    hint: namedColumnHint(l, r) ?? arithmeticHint(ta, tb)))
            }
            if op == .add || op == .subtract { try UnitCheck.check(verb, a, b, in: schema, calls: calls, span: span) }
            let kop: ArithmeticOperator = op == .add ? .add : op == .subtract ? .subtract : op == .multiply ? .multiply : .divide
            let t: DataType = (ta == .int && tb == .int && kop != .divide) ? .int : .float
            return .arithmetic(kop, a, b, t)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if case .literal(.null, _) = b { throw DiagnosticError(.typeMismatch(.nullComparison, "a comparison with null is never true", span: span, hint: "use 'is null' or 'is not null'")) }
            if case .literal(.null, _) = a { throw DiagnosticError(.typeMismatch(.nullComparison, "a comparison with null is never true", span: span, hint: "use 'is null' or 'is not null'")) }
            do { try checkComparable(a, b, span: span) } catch let e as DiagnosticError {
                guard let h = namedColumnHint(l, r) ?? parameterHint(l, a, against: b) ?? parameterHint(r, b, against: a) else { throw e }
                var d = e.diagnostics[0]
                d.hints = [h]
                throw DiagnosticError(d)
            }
            try UnitCheck.check("compare", a, b, in: schema, calls: calls, span: span)
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
                throw DiagnosticError(.typeMismatch(.periodDifference, "cannot subtract a period (\(fb)) from a period (\(fa)): they count different steps", span: span,
                                                    hint: "convert the finer one first, e.g. year(p) - year(q)"))
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
                throw DiagnosticError(.typeMismatch(.periodOutOfRange, "\(start) \(op.rawValue) \(steps) falls outside the years 1 to 9999", span: span,
                                                    hint: "a period moves by whole periods of its own frequency: 2024-10 - 12 is 2023-10"))
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

    func checkComparable(_ a: BoundExpr, _ b: BoundExpr, span: SourceSpan) throws {
        guard let ta = a.type, let tb = b.type else { return }
        guard comparable(ta, tb) else {
            throw DiagnosticError(.typeMismatch(.comparison, "cannot compare \(describe(ta)) with \(describe(tb))", span: span, hint: comparisonHint(ta, tb)))
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
            throw DiagnosticError(.typeMismatch(.finerPeriod, "cannot compare a period (\(f)) with the finer \(p.frequency) \(p)", span: span,
                                                hint: p.converted(to: f).map { "write a \(f), e.g. \($0)" } ?? "write a \(f)"))
        case .literal(.int(let y), _) where !(1...9999).contains(y):
            throw DiagnosticError(.typeMismatch(.notAYear, "\(y) is not a year to compare a period (\(f)) with", span: span,
                                                hint: "years run from 1 to 9999"))
        default: return
        }
    }

    func requireBool(_ x: BoundExpr, span: SourceSpan, what: String) throws {
        guard x.type == nil || x.type == .bool else {
            throw DiagnosticError(.typeMismatch(.condition, "'\(what)' needs a true/false condition, found \(describe(x.type))", span: span, hint: conditionHint(x, what: what)))
        }
    }

    // MARK: Text that names a column

    /// `"tỉnh"` where a column `tỉnh` exists: the column's name when `e` is such a text literal.
    func columnNamed(byText e: Expr) -> String? {
        guard case .literal(.string(let s)) = e.kind else { return nil }
        return schema.field(s.nfc)?.name
    }

    func textNamesColumnHint(_ name: String) -> String {
        "\"\(name)\" is text here; to name the column write `\(name)` in backticks"
    }

    func namedColumnHint(_ l: Expr, _ r: Expr) -> String? {
        (columnNamed(byText: l) ?? columnNamed(byText: r)).map(textNamesColumnHint)
    }

    /// A warning when a text literal compared or computed with equals a column's name (`where "tỉnh" = x`).
    func textLiteralNamingColumn(_ e: Expr) -> Diagnostic? {
        guard let name = columnNamed(byText: e) else { return nil }
        return LocatedFact(.textNamesColumn(name: name), span: e.span).diagnostic
            .withHint(textNamesColumnHint(name))
    }

    /// The same warning for a derive/select/by expression that is nothing but such a literal (`derive x = "giá trị"`).
    func wholeTextLiteral(_ e: Expr) -> [Diagnostic] {
        textLiteralNamingColumn(e).map { [$0] } ?? []
    }

    /// What comparing two constant texts always gives.
    static func constantComparison(_ op: BinaryOperator, _ x: String, _ y: String) -> String {
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
        return r ? "true" : "false"
    }

    /// A `$name` whose value (from --param) is text where a period or number was needed: the value is the mistake.
    func parameterHint(_ e: Expr, _ bound: BoundExpr, against other: BoundExpr) -> String? {
        guard case .parameter(let name) = e.kind, let raw = parameters[name], bound.type == .text, let t = other.type else { return nil }
        let (kind, example) = t.isPeriod ? ("a period", "2024-10") : t.isNumeric ? ("a number", "1000") : ("", "")
        guard !kind.isEmpty else { return nil }
        return "the parameter $\(name) is '\(raw)', which is not \(kind): pass one such as --param \(name)=\(example)"
    }

    func comparisonHint(_ a: DataType, _ b: DataType) -> String {
        if a.isPeriod && b == .text || b.isPeriod && a == .text { return "write periods without quotes: 2024-10, 2024-Q3, 2024" }
        if a.isNumeric && b == .text || b.isNumeric && a == .text { return "write numbers without quotes (1000), text in double quotes (\"Hà Giang\")" }
        return "compare values of one kind: numbers with numbers, text with \"text\", periods with 2024-10"
    }

    func arithmeticHint(_ a: DataType, _ b: DataType) -> String {
        if a == .text || b == .text { return "text is not a number; if the column holds numbers, declare its type in the catalog" }
        if a.isPeriod || b.isPeriod { return "a period moves by a whole number of its own periods (period - 12); year(p), quarter(p) convert it" }
        return "true/false is not a number; if(c, 1, 0) turns it into one"
    }

    /// What to write instead of a value that is not a condition.
    func conditionHint(_ x: BoundExpr, what: String) -> String {
        var name = "value"
        if case .column(let n, _) = x { name = n.contains(" ") ? "`\(n)`" : n }
        let lead = what == "where" ? "where " : ""
        switch x.type {
        case .text?: return "compare it: e.g. \(lead)\(name) = \"Hà Giang\", or \(lead)\(name) is not null"
        case .period?: return "compare it: e.g. \(lead)\(name) >= 2024-01"
        default: return "compare it: e.g. \(lead)\(name) > 0, or \(lead)\(name) is not null"
        }
    }

    func describe(_ t: DataType?) -> String {
        guard let t else { return "null" }
        switch t {
        case .int: return "an integer"
        case .float: return "a number"
        case .bool: return "a true/false value"
        case .text: return "text"
        case .period(let f): return "a period (\(f))"
        }
    }
}
