import AlmanacDiagnostics

/// A fact and the step it concerns.
public struct LocatedFact: Hashable, Sendable {
    public var fact: QueryFact
    public var span: SourceSpan?

    public init(_ fact: QueryFact, span: SourceSpan?) {
        self.fact = fact
        self.span = span
    }

    /// The fact as a warning (English message, Vietnamese rendering beside it).
    public var diagnostic: Diagnostic { Diagnostic(fact: fact, span: span) }
}
