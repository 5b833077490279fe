import AlmanacDiagnostics

/// Query messages used after parsing (binding and checking). The binder adds its own here.
package extension Diagnostic {
    /// `unknown column 'provnce'` with a did-you-mean hint or the list of columns.
    public static func unknownColumn(
        _ name: String, span: SourceSpan?, candidates: [String], dataset: String? = nil
    ) -> Diagnostic {
        .error(
            "query.unknown-column", "unknown column '\(name)'", span: span,
            label: dataset.map { "not a column of '\($0)'" }
        ).withHint(Suggestions.hint(for: name, among: candidates, kind: "columns"))
            .suggestingReplacement(for: name, at: span, among: candidates) { c in
                c.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? c : "`\(c)`"
            }
    }
}
