import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let coalesce = FunctionID("coalesce"), `if` = FunctionID("if")
}

/// Functions that choose between values.
enum ConditionalFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(.coalesce, arity: 1...16, signature: "coalesce(a, b, …)", summary: "the first non-null argument",
                           example: "derive v = coalesce(revised, estimate)", unit: .ofArgument, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call)
                return try branches(bound, bound, call, binder)
            },
            kernel: { ev, call in try Conditional.coalesce(try call.args.map { try ev.evaluate($0) }, count: ev.count) }))),
        FunctionDefinition(.if, arity: 3...3, signature: "if(c, a, b)", summary: "a where c is true, else b",
                           example: "derive side = if(flow = \"export\", value, -value)", unit: .none, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call)
                try binder.requireBool(bound[0], span: call.args[0].span, what: "if")
                return try branches(Array(bound[1...]), bound, call, binder)
            },
            kernel: { ev, call in
                try Conditional.ifThenElse(try ev.evaluate(call.args[0]), try ev.evaluate(call.args[1]), try ev.evaluate(call.args[2]), count: ev.count)
            }))),
    ]

    /// The type of a choice: every branch of one kind (integers and fractions make fractions); all null is null.
    static func branches(_ branches: [BoundExpr], _ bound: [BoundExpr], _ call: FunctionCall, _ binder: ExprBinder) throws -> BoundExpr {
        let types = branches.compactMap(\.type)
        guard let first = types.first else { return .literal(.null, nil) }
        var result = first
        for t in types.dropFirst() where t != result {
            if t.isNumeric && result.isNumeric { result = .float; continue }
            throw DiagnosticError(.typeMismatch(.mixedBranches(function: call.id, first: result, other: t), span: call.span))
        }
        return .scalar(call.id, bound, result, call.span)
    }
}
