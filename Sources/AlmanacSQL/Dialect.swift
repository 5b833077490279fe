import AlmanacCore

/// What one SQL engine can express and how it spells it: feature flags and function spellings as data (as PRQL's
/// `DialectHandler` and Malloy's `Dialect` describe an engine), so that the compiler asks the dialect instead of
/// testing which engine it writes for.
public protocol Dialect: Sendable {
    /// The name on the command line (`postgres`, `duckdb`, `spark`).
    var name: String { get }
    /// Whether `RANGE BETWEEN k PRECEDING AND k PRECEDING` over an integer key is supported (both engines here).
    var supportsRangeOffsetFrames: Bool { get }
    /// How the value k periods earlier in the same series is written (measured per engine: see `ShiftForm`).
    var shiftForm: ShiftForm { get }
    /// `a = b` where two nulls are equal too (series keys of a self-join).
    func nullSafeEqual(_ a: String, _ b: String) -> String
    /// Whether a CSV file by path can be read in the statement (`read_csv` in DuckDB); else a source must be a table.
    var readsCSVFiles: Bool { get }
    /// The `COLLATE …` clause that sorts Vietnamese text, or nil when the engine has none (text then sorts by code
    /// point).
    var vietnameseCollation: String? { get }

    /// A quoted identifier.
    func identifier(_ name: String) -> String
    /// A string literal (`'it''s'` in standard SQL).
    func stringLiteral(_ s: String) -> String
    /// The type name for a column of this type as it travels (periods travel as integer ordinals).
    func typeName(_ type: DataType) -> String
    /// Integer division rounding down, for non-negative operands (`a // b`, `a / b` over integers).
    func integerDivide(_ a: String, _ b: Int) -> String
    /// The text in Unicode NFC; where the engine cannot normalise, the text under a collation that compares canonical
    /// equivalents as equal (Spark), or the text unchanged.
    func nfc(_ text: String) -> String
    /// `CAST(x AS TEXT)`.
    func castToText(_ x: String) -> String
    /// The integer in the text (a part of a period's text).
    func textToInteger(_ x: String) -> String
    /// The integer zero-padded to `width` digits, as text.
    func zeroPadded(_ x: String, width: Int) -> String
    /// The text in lower case (full Unicode case mapping) and in upper case.
    func lowercased(_ x: String) -> String
    func uppercased(_ x: String) -> String
    /// The text without accents and in lower case, `đ` and `Đ` as `d` (the local engine's `fold`).
    func accentFolded(_ x: String) -> String
    /// The 1-based position of `needle` in `haystack`, 0 when absent (1 for an empty needle).
    func position(of needle: String, in haystack: String) -> String
    /// A boolean expression that stops the statement with the text `message` (an SQL expression) when evaluated;
    /// it must not be constant, or an engine that folds constants would fail every statement.
    func failure(_ message: String) -> String
    /// The median of x over the group, or nil when the engine has none.
    func median(_ x: String) -> String?
    /// The source that reads a CSV file with the given columns and types (nil when `readsCSVFiles` is false).
    func readCSV(path: String, columns: [(name: String, type: String)]) -> String?
    /// The distinct texts of the group, sorted and joined by `separator` (an SQL literal): what each row of an
    /// aggregate sums, for the coverage check.
    func distinctTextList(_ x: String, separator: String) -> String
    /// `table` with each of its rows repeated once per tuple of `rows` (expressions over the row), the tuple's values
    /// named `alias.columns` (`unpivot`).
    func lateralRows(_ table: String, rows: [[String]], alias: String, columns: [String]) -> String
}

extension Dialect {
    public func stringLiteral(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    public func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    public func distinctTextList(_ x: String, separator: String) -> String { "string_agg(DISTINCT \(x), \(separator) ORDER BY \(x))" }

    public func castToText(_ x: String) -> String { "CAST(\(x) AS \(typeName(.text)))" }
    /// A key column (`column`, its SQL) as Almanac orders it: ascending, text in Vietnamese order where the dialect
    /// has one, nulls last.
    func keyOrder(_ column: String, text: Bool) -> String { column + (text ? vietnameseCollation.map { " " + $0 } ?? "" : "") + " ASC NULLS LAST" }
    /// An aggregated row's member as the warnings name it (`Huế`, `(Huế, export)`): the values, as text, of the
    /// dimensions it summed away (`columns`: their SQL); `()` without any.
    func memberName(_ columns: [String]) -> String {
        let texts = columns.map { "COALESCE(\(castToText($0)), 'null')" }
        return texts.isEmpty ? "'()'" : texts.count == 1 ? texts[0] : "'(' || " + texts.joined(separator: " || ', ' || ") + " || ')'"
    }
    public func textToInteger(_ x: String) -> String { "CAST(\(x) AS \(typeName(.int)))" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }
    public func lowercased(_ x: String) -> String { "lower(\(x))" }
    public func uppercased(_ x: String) -> String { "upper(\(x))" }
    public func position(of needle: String, in haystack: String) -> String { "strpos(\(haystack), \(needle))" }
    /// A lateral VALUES list, as PostgreSQL and DuckDB run it.
    public func lateralRows(_ table: String, rows: [[String]], alias: String, columns: [String]) -> String {
        let values = rows.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ", ")
        return "\(table) CROSS JOIN LATERAL (VALUES \(values)) AS \(alias)(\(columns.joined(separator: ", ")))"
    }
}

/// The dialects `almanac sql --dialect` knows.
public enum Dialects {
    public static let all: [any Dialect] = [PostgresDialect(), DuckDBDialect(), SparkDialect()]

    /// The dialect of that name, or nil.
    public static func named(_ name: String) -> (any Dialect)? {
        all.first { $0.name == name.lowercased() }
    }
}

/// PostgreSQL 13 or later (for `normalize(x, NFC)` and ICU collations).
public struct PostgresDialect: Dialect {
    public init() {}
    public let name = "postgres"
    public let supportsRangeOffsetFrames = true
    /// QB on the benchmark file: the RANGE window 26 s, the self-join 80 s (PostgreSQL 15).
    public let shiftForm = ShiftForm.rangeWindow
    public let readsCSVFiles = false
    public let vietnameseCollation: String? = "COLLATE \"vi-VN-x-icu\""

    public func typeName(_ type: DataType) -> String {
        switch type {
        case .int, .period: return "BIGINT"
        case .float: return "DOUBLE PRECISION"
        case .bool: return "BOOLEAN"
        case .text: return "TEXT"
        }
    }
    public func integerDivide(_ a: String, _ b: Int) -> String { "(\(a) / \(b))" }
    /// The check first: `IS NFC NORMALIZED` is about twice as fast as `normalize` on text that is already NFC (the
    /// common case), which a GROUP BY or window over millions of rows feels.
    public func nfc(_ text: String) -> String { "CASE WHEN \(text) IS NFC NORMALIZED THEN \(text) ELSE normalize(\(text), NFC) END" }
    /// PostgreSQL has no function that raises: the text read as a number fails with the text in the message.
    public func failure(_ message: String) -> String { "(CAST(\(message) AS BIGINT) = 0)" }
    /// Through the ICU collation, so that case maps by Unicode whatever the database's locale (C has ASCII only).
    public func lowercased(_ x: String) -> String { "lower(\(x) COLLATE \"vi-VN-x-icu\")" }
    public func uppercased(_ x: String) -> String { "upper(\(x) COLLATE \"vi-VN-x-icu\")" }
    public func zeroPadded(_ x: String, width: Int) -> String { "lpad(CAST(\(x) AS TEXT), \(width), '0')" }
    public func median(_ x: String) -> String? { "percentile_cont(0.5) WITHIN GROUP (ORDER BY \(x))" }
    /// The `unaccent` extension (in Debian's postgresql package; `CREATE EXTENSION unaccent` in the database), whose
    /// rules map đ/Đ to d/D, then lower case.
    public func accentFolded(_ x: String) -> String { "lower(unaccent(\(x)))" }
    public func readCSV(path: String, columns: [(name: String, type: String)]) -> String? { nil }
}

/// DuckDB 0.10 or later, with its ICU extension (for the `vi` collation; the Python package and CLI bundle it).
public struct DuckDBDialect: Dialect {
    public init() {}
    public let name = "duckdb"
    public let supportsRangeOffsetFrames = true
    /// QB on the benchmark file: the self-join 2.5 s, the RANGE window 6.0 s (2 threads).
    public let shiftForm = ShiftForm.selfJoin
    public let readsCSVFiles = true
    public let vietnameseCollation: String? = "COLLATE vi"

    public func typeName(_ type: DataType) -> String {
        switch type {
        case .int, .period: return "BIGINT"
        case .float: return "DOUBLE"
        case .bool: return "BOOLEAN"
        case .text: return "VARCHAR"
        }
    }
    public func integerDivide(_ a: String, _ b: Int) -> String { "(\(a) // \(b))" }
    public func nfc(_ text: String) -> String { "nfc_normalize(\(text))" }
    public func failure(_ message: String) -> String { "CAST(error(\(message)) AS BOOLEAN)" }
    public func zeroPadded(_ x: String, width: Int) -> String { "lpad(CAST(\(x) AS VARCHAR), \(width), '0')" }
    public func median(_ x: String) -> String? { "median(\(x))" }
    /// `strip_accents` removes combining marks only: đ, which has none, is replaced after it.
    public func accentFolded(_ x: String) -> String { "replace(strip_accents(lower(\(x))), 'đ', 'd')" }
    public func readCSV(path: String, columns: [(name: String, type: String)]) -> String? {
        let spec = columns.map { "\(stringLiteral($0.name)): \(stringLiteral($0.type))" }.joined(separator: ", ")
        return "read_csv(\(stringLiteral(path)), header = true, auto_detect = false, columns = {\(spec)})"
    }
}
