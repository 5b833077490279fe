/// Messages that are not specific to one layer. Layer-specific messages live with their layer
/// (e.g. `AlmanacSyntax/SyntaxDiagnostics.swift`).
extension Diagnostic {
    /// `unknown <kind> 'name'` with a did-you-mean hint or the list of available names.
    public static func unknownName(
        _ name: String, kind: String, kindPlural: String? = nil, span: SourceSpan?, candidates: [String],
        label: String? = nil
    ) -> Diagnostic {
        .error(
            DiagnosticID("generic.unknown-name"), "unknown \(kind) '\(name)'", span: span, label: label
        ).withHint(Suggestions.hint(for: name, among: candidates, kind: kindPlural ?? kind + "s"))
    }

    /// A bug in Almanac rather than a problem with the input.
    public static func internalError(_ message: String, span: SourceSpan? = nil) -> Diagnostic {
        .error(
            DiagnosticID("generic.internal"), "internal error: \(message)", span: span,
            notes: ["this is a bug in Almanac; please report it with the query that triggered it"])
    }
}
