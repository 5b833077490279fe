/// One message as a typed value, after swift-syntax's `DiagnosticMessage`: an enum case per message whose associated
/// values are what it reports (a function, a type, a key), which knows its stable id. The English text is written
/// from those values by one renderer per enum; a `Diagnostic` made from a message keeps it (`message(as:)`), so
/// retries and tests key on the typed case, never on the text.
public protocol DiagnosticMessage: Hashable, Sendable {
    /// The stable id (several cases may share one: the id names the kind, the case the message).
    var id: DiagnosticID { get }
    /// The sentence.
    var message: String { get }
    /// What to do about it, when there is something to say.
    var hint: String? { get }
    /// Plain notes printed after the hints.
    var notes: [String] { get }
    /// Notes about other places of the source (both sides of a join key), each with its own carets.
    var spannedNotes: [SpannedNote] { get }
}

extension DiagnosticMessage {
    public var notes: [String] { [] }
    public var spannedNotes: [SpannedNote] { [] }
}

/// A typed message kept in a `Diagnostic`. It takes no part in the diagnostic's equality or hash: the rendered
/// fields decide those, and they are rendered from it.
public struct TypedDiagnosticMessage: Hashable, Sendable {
    public let base: any DiagnosticMessage

    public init(_ base: some DiagnosticMessage) { self.base = base }

    public static func == (lhs: TypedDiagnosticMessage, rhs: TypedDiagnosticMessage) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension Diagnostic {
    /// A diagnostic rendered from a typed message: its id, message, hint and notes, with the message kept.
    public init(_ message: some DiagnosticMessage, severity: Severity = .error, span: SourceSpan?) {
        self.init(id: message.id, severity: severity, message: message.message, span: span,
                  hints: message.hint.map { [$0] } ?? [], notes: message.notes)
        spannedNotes = message.spannedNotes
        typed = TypedDiagnosticMessage(message)
    }

    /// The typed message this diagnostic was made from, when it is an `M`.
    public func message<M: DiagnosticMessage>(as type: M.Type) -> M? { typed?.base as? M }
}
