import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

extension FunctionID {
    public static let lower = FunctionID("lower"), upper = FunctionID("upper"), fold = FunctionID("fold")
    public static let contains = FunctionID("contains"), startswith = FunctionID("startswith")
}

/// Functions of text (case-insensitive searches compare as a reader does: NFC, any case).
enum TextFunctionFamily {
    static let all: [FunctionDefinition] = [
        caseMapping(.lower, summary: "text in lower case", example: "derive p = lower(partner)") { try TextFunctions.lower($0) },
        caseMapping(.upper, summary: "text in upper case", example: "derive p = upper(partner)") { try TextFunctions.upper($0) },
        caseMapping(.fold, summary: "text without accents, in lower case (đ → d), to match names typed either way",
                    example: "where fold(province) = fold(\"ha giang\")") { try TextFunctions.fold($0) },
        search(.contains, signature: "contains(s, t)", summary: "whether s contains t (ignoring case)", example: "where contains(product, \"chè\")") {
            try TextFunctions.contains($0, $1, options: [.caseInsensitive])
        },
        search(.startswith, signature: "startswith(s, t)", summary: "whether s starts with t (ignoring case)", example: "where startswith(hs_code, \"09\")") {
            try TextFunctions.startsWith($0, $1, options: [.caseInsensitive])
        },
    ]

    static func caseMapping(_ id: FunctionID, summary: String, example: String,
                            _ kernel: @escaping @Sendable (Column) throws -> Column) -> FunctionDefinition {
        FunctionDefinition(id, arity: 1...1, signature: "\(id)(s)", summary: summary, example: example, unit: .none, rule: .scalar(ScalarRule(
            bind: { binder, call in .scalar(id, try binder.bindArguments(call, needing: [({ $0 == .text }, "text")]), .text, call.span) },
            kernel: { ev, call in try kernel(try ev.column(call.args[0])) })))
    }

    /// contains(), startswith(): the text to look for is a constant.
    static func search(_ id: FunctionID, signature: String, summary: String, example: String,
                       _ kernel: @escaping @Sendable (Column, String) throws -> Masked<Bool>) -> FunctionDefinition {
        FunctionDefinition(id, arity: 2...2, signature: signature, summary: summary, example: example, unit: .none, rule: .scalar(ScalarRule(
            bind: { binder, call in
                let bound = try binder.bindArguments(call, needing: [({ $0 == .text }, "text")])
                guard case .literal(.text, _) = bound[1] else {
                    throw DiagnosticError(.constantExpected("the text to look for", span: call.args[1].span, hint: "e.g. \(example)"))
                }
                return .scalar(id, bound, .bool, call.span)
            },
            kernel: { ev, call in
                guard case .literal(.text(let t), _) = call.args[1] else { throw DiagnosticError(.constantExpected("the text to look for", span: call.span)) }
                return try kernel(try ev.column(call.args[0]), t).column("")
            })))
    }
}
