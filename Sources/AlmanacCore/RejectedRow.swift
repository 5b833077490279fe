/// A row a lenient load left out, with its source line, the reason and the record's raw text. Loaders make them;
/// the engine carries them with a result and the reports list them, so the type lives below both.
public struct RejectedRow: Sendable, Hashable {
    public var line: Int
    public var reason: String
    /// The raw text of the record.
    public var text: String

    public init(line: Int, reason: String, text: String) {
        self.line = line
        self.reason = reason
        self.text = text
    }
}
