/// The text of one query together with the name it is reported under: a saved `.aq` file's
/// path, or `Workbooks/x.toml, sheet 2 "Xuất nhập khẩu"` for a query written inline.
///
/// A stand-in for `AlmanacDiagnostics.SourceFile` (not on this branch): a runner turns it into
/// one with `SourceFile(name: source.name, text: source.text)`.
public struct SourceText: Hashable, Sendable, CustomStringConvertible {
    /// File name (or description) used in error messages and on the Notes sheet.
    public var name: String
    /// The query text.
    public var text: String
    /// True when the text came from a file of its own (shown as the query's file on Notes).
    public var isFile: Bool

    public init(name: String, text: String, isFile: Bool = false) {
        self.name = name
        self.text = text
        self.isFile = isFile
    }

    public var description: String { name }
}
