/// A fact a run found that the reader must know (a growth with no base period, a year only ten months complete):
/// a typed value with a stable id, rendered in English for the terminal and in Vietnamese for a workbook's Notes
/// sheet. Operators return facts; only the renderings are text.
public protocol Fact: Sendable {
    var id: DiagnosticID { get }
    /// The sentence for the terminal.
    var english: String { get }
    /// Further facts for the terminal (`for example in 2024-03`).
    var englishNotes: [String] { get }
    /// The same in Vietnamese, for the Notes sheet ("Cảnh báo").
    var vietnamese: LocalizedText { get }
}

/// A message and its notes in one language.
public struct LocalizedText: Hashable, Sendable {
    public var message: String
    public var notes: [String]

    public init(_ message: String, notes: [String] = []) {
        self.message = message
        self.notes = notes
    }
}

extension Diagnostic {
    /// A fact as a warning: the English message and notes, with the Vietnamese rendering beside them.
    public init(fact: some Fact, span: SourceSpan?) {
        self.init(id: fact.id, severity: .warning, message: fact.english, span: span, notes: fact.englishNotes)
        vietnamese = fact.vietnamese
    }
}
