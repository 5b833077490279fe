/// The text encodings a CSV file can be read in. Everything is transcoded to UTF-8 once, before the parse (whose
/// fast path is UTF-8 only): UTF-8 is read as it is (a byte-order mark skipped), UTF-16 is recognised by its
/// byte-order mark (Excel's "Unicode Text"), Windows-1258 and Windows-1252 are read when declared
/// (`encoding = "windows-1258"` in the catalog, `--encoding` on the command line).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    /// UTF-16 of either byte order: the byte-order mark decides (little-endian without one).
    case utf16 = "utf-16"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Vietnamese: tone marks as combining characters after the letter, composed to NFC when read.
    case windows1258 = "windows-1258"
    /// Western European.
    case windows1252 = "windows-1252"

    /// The encoding a name means (case-insensitive; `cp1258`, `utf8`, `utf-16le` and the like), or nil.
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        switch n {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf16", "unicode": self = .utf16
        case "utf-16le", "utf16le", "utf-16-le": self = .utf16LE
        case "utf-16be", "utf16be", "utf-16-be": self = .utf16BE
        case "windows-1258", "cp1258", "1258", "win-1258", "windows1258": self = .windows1258
        case "windows-1252", "cp1252", "1252", "win-1252", "windows1252": self = .windows1252
        default: return nil
        }
    }

    /// The names a declaration accepts, for hints.
    public static let declarable = "\"utf-8\", \"utf-16\", \"utf-16le\", \"utf-16be\", \"windows-1258\" or \"windows-1252\""

    /// As `describe` prints it: `Windows-1258 (Vietnamese)`.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16: return "UTF-16"
        case .utf16LE: return "UTF-16 LE"
        case .utf16BE: return "UTF-16 BE"
        case .windows1258: return "Windows-1258 (Vietnamese)"
        case .windows1252: return "Windows-1252 (Western European)"
        }
    }
}
