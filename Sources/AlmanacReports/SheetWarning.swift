/// A run-time fact the reader of a sheet must know (the periods a growth could not compare, a year
/// that is only ten months complete, rows a lenient load rejected). Warnings travel with a sheet's
/// result to the workbook's Notes sheet ("Cảnh báo").
///
/// A stand-in for `AlmanacDiagnostics.Diagnostic` with severity `.warning`, which is not on this
/// branch yet. Once it is, a runner converts with
/// ```swift
/// extension SheetWarning {
///     public init(_ d: Diagnostic) {
///         self.init(message: d.message, id: d.id.rawValue, hints: d.hints, notes: d.notes)
///     }
/// }
/// ```
/// and passes only diagnostics whose severity is `.warning`.
public struct SheetWarning: Hashable, Sendable, CustomStringConvertible {
    /// The warning, one sentence.
    public var message: String
    /// Stable id of the kind of warning (e.g. `time.missing-period`), if any.
    public var id: String?
    /// What the reader can do about it.
    public var hints: [String]
    /// Further facts (printed after the message).
    public var notes: [String]

    public init(message: String, id: String? = nil, hints: [String] = [], notes: [String] = []) {
        self.message = message
        self.id = id
        self.hints = hints
        self.notes = notes
    }

    /// The message followed by its notes and hints, one per line (the Notes sheet's cell text).
    public var description: String {
        ([message] + notes.map { "– " + $0 } + hints.map { "→ " + $0 }).joined(separator: "\n")
    }
}
