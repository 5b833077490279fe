/// A stable, machine-readable identifier of a kind of diagnostic, such as
/// `"query.unknown-column"` or `"syntax.unterminated-string"`. Tests, documentation and tools
/// key on the id; the human message may be reworded freely.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The family of a kind of message: `query.type-mismatch` for `query.type-mismatch.arithmetic` (the first two
    /// dot-separated parts); an id of two parts is its own family.
    public var family: DiagnosticID {
        let parts = rawValue.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count > 2 ? DiagnosticID(parts[0] + "." + parts[1]) : self
    }

    /// Whether this id is `other` or one of its kinds.
    public func belongs(to other: DiagnosticID) -> Bool { self == other || family == other }
}

public enum Severity: String, Hashable, Sendable, Comparable, CustomStringConvertible {
    case note, warning, error

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One message for the user: what went wrong (`message`), where (`span`, with an optional
/// `label` printed after the carets), and what to do about it (`hints`, `notes`).
///
/// Diagnostics are plain values. Each layer declares its messages together as static factory
/// members (`extension Diagnostic { static func … }`) so wording stays consistent; the generic
/// ones live in `Diagnostic+Generic.swift`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var id: DiagnosticID
    public var severity: Severity
    public var message: String
    public var span: SourceSpan?
    /// Short text printed after the carets (`^^^^ not a column of 'trade'`).
    public var label: String?
    /// Printed as `= hint: …`, one per line.
    public var hints: [String]
    /// Printed as `= note: …`, one per line, after the hints.
    public var notes: [String]
    /// The message in Vietnamese, for a workbook's Notes sheet: every fact that reaches one has it (`Fact`).
    public var vietnamese: LocalizedText? = nil
    /// Replacements that would fix it (the did-you-mean of a misspelt name).
    public var fixIts: [FixIt] = []
    /// Notes about other places of the source (the step that made a column), each shown with its own carets.
    public var spannedNotes: [SpannedNote] = []
    /// The typed message it was rendered from, if any (`message(as:)`; see `DiagnosticMessage`).
    public var typed: TypedDiagnosticMessage? = nil

    public init(
        id: DiagnosticID, severity: Severity = .error, message: String, span: SourceSpan? = nil,
        label: String? = nil, hints: [String] = [], notes: [String] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.span = span
        self.label = label
        self.hints = hints
        self.notes = notes
    }

    public static func error(
        _ id: DiagnosticID, _ message: String, span: SourceSpan? = nil, label: String? = nil,
        hints: [String] = [], notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(id: id, severity: .error, message: message, span: span, label: label, hints: hints, notes: notes)
    }

    public static func warning(
        _ id: DiagnosticID, _ message: String, span: SourceSpan? = nil, label: String? = nil,
        hints: [String] = [], notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(id: id, severity: .warning, message: message, span: span, label: label, hints: hints, notes: notes)
    }

    public static func note(
        _ id: DiagnosticID, _ message: String, span: SourceSpan? = nil, label: String? = nil,
        hints: [String] = [], notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(id: id, severity: .note, message: message, span: span, label: label, hints: hints, notes: notes)
    }

    public var isError: Bool { severity == .error }

    /// A copy with one more hint (nil hints are ignored, so `Suggestions.hint(…)` can be passed directly).
    public func withHint(_ hint: String?) -> Diagnostic {
        guard let hint else { return self }
        var copy = self
        copy.hints.append(hint)
        return copy
    }

    public func withNote(_ note: String?) -> Diagnostic {
        guard let note else { return self }
        var copy = self
        copy.notes.append(note)
        return copy
    }

    /// A copy with one more note about another place of the source.
    public func withNote(_ message: String, at span: SourceSpan?) -> Diagnostic {
        guard let span else { return withNote(message) }
        var copy = self
        copy.spannedNotes.append(SpannedNote(message: message, span: span))
        return copy
    }

    public func withLabel(_ label: String?) -> Diagnostic {
        var copy = self
        copy.label = label
        return copy
    }

    public func withSeverity(_ severity: Severity) -> Diagnostic {
        var copy = self
        copy.severity = severity
        return copy
    }

    /// Plain-text rendering (see `DiagnosticRenderer`).
    public var description: String { DiagnosticRenderer().render(self) }
}

/// An error carrying diagnostics, at least one of which has severity `.error`. Warnings and
/// notes collected along the way travel with it. `description` is the plain rendering.
public struct DiagnosticError: Error, CustomStringConvertible, Hashable, Sendable {
    public let diagnostics: [Diagnostic]

    /// Wraps diagnostics; returns nil when none of them is an error.
    public init?(diagnostics: [Diagnostic]) {
        guard diagnostics.contains(where: \.isError) else { return nil }
        self.diagnostics = diagnostics
    }

    /// An error from one diagnostic (promoted to severity `.error` if it is not one) followed
    /// by any number of others.
    public init(_ diagnostic: Diagnostic, additional: [Diagnostic] = []) {
        self.diagnostics = [diagnostic.withSeverity(.error)] + additional
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Ids of all diagnostics, in order (handy in tests).
    public var ids: [DiagnosticID] { diagnostics.map(\.id) }

    public var description: String { DiagnosticRenderer().render(diagnostics) }
}

/// A note about another place of the source than the diagnostic's own: "the aggregate step made these columns".
public struct SpannedNote: Hashable, Sendable {
    public var message: String
    public var span: SourceSpan

    public init(message: String, span: SourceSpan) {
        self.message = message
        self.span = span
    }
}
