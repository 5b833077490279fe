import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Function calls: the name, arity and placement are checked here, the types by the function's own definition.
extension ExprBinder {
    mutating func call(_ name: String, nameSpan: SourceSpan, args: [Expr], span: SourceSpan) throws -> BoundExpr {
        guard let definition = FunctionCatalog.definition(named: name) else { throw DiagnosticError(.unknownFunction(name, span: nameSpan)) }
        guard definition.arity.contains(args.count) else { throw DiagnosticError(.wrongArity(definition, found: args.count, span: span)) }
        let call = FunctionCall(definition: definition, args: args, span: span)
        switch definition.rule {
        case .aggregate(let rule):
            guard place == .aggregateOutput else { throw DiagnosticError(.misplacedFunction(definition, span: nameSpan, place: place.rawValue)) }
            var inner = ExprBinder(schema: schema, parameters: parameters, place: .aggregateArgument, datasetName: datasetName, columnLabel: columnLabel)
            inner.reshapeNote = reshapeNote
            let arg = try args.first.map { try inner.bind($0) }
            warnings += inner.warnings
            let type = try rule.type(arg, call, self)
            if definition.needs.contains(.periodKey) { try requirePeriodKey(definition.id, span: span) }
            calls.append(AggregateCall(function: definition.id, argument: arg, type: type))
            return .aggregateResult(calls.count - 1, type)
        case .series(let rule):
            guard place.allowsTime else { throw DiagnosticError(.misplacedFunction(definition, span: nameSpan, place: place.rawValue)) }
            if definition.needs.contains(.periodKey) { try requirePeriodKey(definition.id, span: span) }
            let x = try bind(args[0])
            guard let xt = x.type, xt.isNumeric else {
                throw DiagnosticError(.typeMismatch(.seriesNeedsNumbers(function: definition.id, found: x.type), span: args[0].span))
            }
            var binding = SeriesBinding(x: x, arguments: [x])
            let type = try rule.bind(&self, call, &binding)
            return .time(definition.id, binding.arguments, binding.constants, type, span)
        case .scalar(let rule):
            return try rule.bind(&self, call)
        }
    }

    /// Binds every argument of a scalar call, checking the first ones' types (`needing[i]` for argument i).
    mutating func bindArguments(_ call: FunctionCall, needing: [((DataType) -> Bool, String)] = []) throws -> [BoundExpr] {
        var bound: [BoundExpr] = []
        for a in call.args { bound.append(try bind(a)) }
        for (i, (ok, what)) in needing.enumerated() where i < bound.count {
            guard let t = bound[i].type, ok(t) else {
                throw DiagnosticError(.typeMismatch(.functionArgument(function: call.id, position: i + 1, expected: what, found: bound[i].type), span: call.args[i].span))
            }
        }
        return bound
    }

    /// A whole-number constant argument (`12` of `lag(x, 12)`).
    mutating func intConstant(_ call: FunctionCall, _ i: Int, _ what: String) throws -> Int {
        let b = try bind(call.args[i])
        if case .literal(.float, _) = b {
            throw DiagnosticError(.typeMismatch(.wholeNumber(function: call.id, argument: what), span: call.args[i].span))
        }
        guard case .literal(.int(let v), _) = b else { throw DiagnosticError(.constantExpected(what, span: call.args[i].span, hint: "e.g. \(call.definition.example)")) }
        return Int(v)
    }

    /// Time functions, and the aggregates that order by period (first, last, cagr), need exactly one period key.
    func requirePeriodKey(_ f: FunctionID, span: SourceSpan) throws {
        let periods = schema.periodFields
        if periods.isEmpty { throw DiagnosticError(.needsPeriod("\(f)()", span: span, available: schema.fields.filter { $0.type == .int && TimeWords.isTimeHeader($0.name) }.map(\.name))) }
        if schema.periodKey == nil { throw DiagnosticError(.severalPeriods("\(f)()", span: span, names: periods.map(\.name))) }
    }
}
