import AlmanacDiagnostics

extension Diagnostic {
    /// Transitional: the string form, for the last call sites not yet typed (removed with them).
    static func runtime(_ kind: RuntimeFailure, _ message: String, span: SourceSpan?, hint: String? = nil) -> Diagnostic {
        let d = Diagnostic.error(kind.id, message, span: span).withHint(hint)
        return kind == .internal ? d.withNote("this is a bug in Almanac rather than in the query; please report it with the query") : d
    }
}
