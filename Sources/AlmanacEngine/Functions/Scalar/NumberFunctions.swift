import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let round = FunctionID("round"), abs = FunctionID("abs")
}

/// Functions of one number.
enum NumberFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.round, arity: 1...2, signature: "round(x, n)", summary: "x rounded to n decimals (default 0)",
                           example: "derive v = round(value / 1e6, 1)", unit: .ofArgument, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call, needing: [(\.isNumeric, "a number")])
                if bound.count == 2 {
                    guard case .literal(.int, _) = bound[1] else {
                        throw DiagnosticError(.constantExpected("round's number of decimals", span: call.args[1].span, hint: "e.g. round(value, 1)"))
                    }
                }
                return .scalar(.round, bound, bound[0].type == .int && bound.count == 1 ? .int : .float, call.span)
            },
            kernel: { ev, call in
                var digits = 0
                if call.args.count == 2, case .literal(.int(let d), _) = call.args[1] { digits = Int(d) }
                return try Arithmetic.round(try ev.column(call.args[0]), digits: digits)
            }))),
        FunctionDefinition(.abs, arity: 1...1, signature: "abs(x)", summary: "absolute value",
                           example: "derive size = abs(change)", unit: .ofArgument, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call, needing: [(\.isNumeric, "a number")])
                return .scalar(.abs, bound, bound[0].type!, call.span)
            },
            kernel: { ev, call in try Arithmetic.abs(try ev.column(call.args[0])) }))),
    ]
}
