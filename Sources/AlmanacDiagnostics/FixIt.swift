/// A change to the source that would fix a diagnostic: replace the text at `span` with `replacement` (a
/// did-you-mean, as swift-syntax's `FixIt`). The REPL offers it; renderers need not print it.
public struct FixIt: Hashable, Sendable {
    public var span: SourceSpan
    public var replacement: String

    public init(span: SourceSpan, replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}

extension Diagnostic {
    /// A copy with one more fix-it.
    public func withFixIt(_ fix: FixIt?) -> Diagnostic {
        guard let fix else { return self }
        var copy = self
        copy.fixIts.append(fix)
        return copy
    }

    /// The did-you-mean fix for a misspelt name: the closest candidate written over the name's span, quoted by
    /// `quote` when it needs to be (a column with spaces goes in backticks).
    public func suggestingReplacement(for name: String, at span: SourceSpan?, among candidates: [String],
                                      quote: (String) -> String = { $0 }) -> Diagnostic {
        guard let span, let match = Suggestions.closest(to: name, among: candidates) else { return self }
        return withFixIt(FixIt(span: span, replacement: quote(match)))
    }
}

extension DiagnosticError {
    /// The source with every fix-it of the error applied (those of one file, not overlapping), or nil if none.
    public var fixedText: String? {
        let fixes = diagnostics.flatMap(\.fixIts).sorted { $0.span.start > $1.span.start }
        guard let file = fixes.first?.span.file, fixes.allSatisfy({ $0.span.file == file }) else { return nil }
        var bytes = Array(file.text.utf8)
        var lowest = Int.max
        for f in fixes where f.span.end <= lowest {
            bytes.replaceSubrange(f.span.start..<f.span.end, with: Array(f.replacement.utf8))
            lowest = f.span.start
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
