import AlmanacCore

/// Spark SQL 4.0 or later (for collations). Spark has no Unicode normalisation function, so text is not rewritten to
/// NFC: it is read through the ICU collation `vi` instead (`collate(x, 'vi')`), under which NFC and NFD spellings
/// compare and group as equal and sort in Vietnamese order; a group's text comes back as one of its stored spellings.
/// String literals escape with backslashes (`'it\'s'`: Spark reads `'it''s'` as two adjacent literals, `its`).
public struct SparkDialect: Dialect {
    public init() {}
    public let name = "spark"
    public let supportsRangeOffsetFrames = true
    /// Not measured on a cluster: the RANGE window (one shuffle by series, where a self-join shuffles both sides).
    public let shiftForm = ShiftForm.rangeWindow
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) <=> \(b)" }
    public func distinctTextList(_ x: String, separator: String) -> String { "array_join(array_sort(collect_set(\(x))), \(separator))" }
    public let readsCSVFiles = false
    public let vietnameseCollation: String? = "COLLATE vi"

    public func identifier(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

    public func stringLiteral(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    public func typeName(_ type: DataType) -> String {
        switch type {
        case .int, .period: return "BIGINT"
        case .float: return "DOUBLE"
        case .bool: return "BOOLEAN"
        case .text: return "STRING"
        }
    }
    public func integerDivide(_ a: String, _ b: Int) -> String { "(\(a) DIV \(b))" }
    public func nfc(_ text: String) -> String { "collate(\(text), 'vi')" }
    public func zeroPadded(_ x: String, width: Int) -> String { "lpad(CAST(\(x) AS STRING), \(width), '0')" }
    public func position(of needle: String, in haystack: String) -> String { "instr(\(haystack), \(needle))" }
    public func failure(_ message: String) -> String { "CAST(raise_error(\(message)) AS BOOLEAN)" }
    public func median(_ x: String) -> String? { "median(\(x))" }
    /// Spark cannot normalise: in plain binary collation, lower case, combining marks (of NFD text) removed, then every
    /// precomposed Latin letter with an accent translated to the letter `fold` gives (đ → d included).
    public func accentFolded(_ x: String) -> String {
        "translate(regexp_replace(lower(collate(\(x), 'UTF8_BINARY')), \(stringLiteral("\\p{M}")), ''), \(stringLiteral(AccentTable.shared.from)), \(stringLiteral(AccentTable.shared.to)))"
    }
    public func readCSV(path: String, columns: [(name: String, type: String)]) -> String? { nil }
    /// Spark evaluates no outer column inside an inline table: the `stack` generator in a lateral view instead.
    public func lateralRows(_ table: String, rows: [[String]], alias: String, columns: [String]) -> String {
        "\(table) LATERAL VIEW stack(\(rows.count), \(rows.map { $0.joined(separator: ", ") }.joined(separator: ", "))) \(alias) AS \(columns.joined(separator: ", "))"
    }
}

/// Each precomposed Latin letter with an accent (Latin-1, Extended-A and B, Extended Additional: Vietnamese) and the
/// one letter the local engine's `fold` turns it into, for engines that translate characters (`translate`).
struct AccentTable: Sendable {
    let from: String
    let to: String

    static let shared: AccentTable = {
        var from = "", to = ""
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let u = Unicode.Scalar(v) else { continue }
                let c = String(Character(u)), f = c.accentFolded
                guard f != c, f.unicodeScalars.count == 1 else { continue }
                from += c
                to += f
            }
        }
        return AccentTable(from: from, to: to)
    }()
}
