import AlmanacCore
import Foundation

/// Text functions computed once per distinct dictionary value, then mapped to rows by code.
public enum TextFunctions {
    /// How `contains`/`startsWith`/`endsWith` match.
    public struct MatchOptions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `ha noi` matches `Hà Nội` only with `.diacriticInsensitive` too; `hà nội` matches `Hà Nội` with this.
        public static let caseInsensitive = MatchOptions(rawValue: 1)
        /// Ignore tone marks and vowel modifiers (`Ha Noi` matches `Hà Nội`; `đ` stays distinct from `d`).
        public static let diacriticInsensitive = MatchOptions(rawValue: 2)
    }

    /// `lower(x)`: a new dictionary of lowercased values (merging values that become equal), codes remapped.
    public static func lower(_ x: Column) throws -> Column { try mapValues(x) { $0.lowercased() } }

    /// `upper(x)`.
    public static func upper(_ x: Column) throws -> Column { try mapValues(x) { $0.uppercased() } }

    /// `fold(x)`: each value without accents and in lower case, `đ` as `d` (`Hà Giang` → `ha giang`), values that fold
    /// alike merged into one dictionary entry.
    public static func fold(_ x: Column) throws -> Column { try mapValues(x) { $0.accentFolded } }

    /// `contains(x, pattern)`.
    public static func contains(_ x: Column, _ pattern: String, options: MatchOptions = []) throws -> Masked<Bool> {
        try test(x, pattern, options, [])
    }

    /// `startswith(x, prefix)`.
    public static func startsWith(_ x: Column, _ prefix: String, options: MatchOptions = []) throws -> Masked<Bool> {
        try test(x, prefix, options, .anchored)
    }

    /// `endswith(x, suffix)`.
    public static func endsWith(_ x: Column, _ suffix: String, options: MatchOptions = []) throws -> Masked<Bool> {
        try test(x, suffix, options, [.anchored, .backwards])
    }

    /// Which dictionary values at least one valid row of a text column has (a dictionary may outlive the rows that
    /// used its values, after a filter).
    public static func valuesPresent(_ x: Column) -> [String] {
        guard case .text(let codes, let dict) = x.storage else { return [] }
        var seen = [Bool](repeating: false, count: dict.count)
        let words = validWords(x.validity)
        codes.withUnsafeBufferPointer { c in
            words.withUnsafeBufferPointerIfPresent { w in
                forEachValid(0..<c.count, w) { i in
                    let k = Int(c[i])
                    if k >= 0 && k < seen.count { seen[k] = true }
                }
            }
        }
        return dict.values.indices.filter { seen[$0] }.map { dict.values[$0] }
    }

    /// Applies `f` to each distinct value (the result normalised to NFC) and remaps codes.
    package static func mapValues(_ x: Column, _ f: (String) -> String) throws -> Column {
        guard case .text(let codes, let dict) = x.storage else { throw KernelError.typeMismatch(.expectedText(found: x.dataType)) }
        var builder = TextDictionaryBuilder()
        let map = dict.values.map { builder.code(for: f($0)) }
        return Column(name: x.name, storage: .text(remap(codes, map), builder.finish()), validity: x.validity, meta: x.meta)
    }

    package static func test(_ x: Column, _ pattern: String, _ options: MatchOptions, _ extra: String.CompareOptions) throws -> Masked<Bool> {
        guard case .text(let codes, let dict) = x.storage else { throw KernelError.typeMismatch(.expectedText(found: x.dataType)) }
        let p = pattern.nfc
        var opts = extra
        if options.contains(.caseInsensitive) { opts.insert(.caseInsensitive) }
        if options.contains(.diacriticInsensitive) { opts.insert(.diacriticInsensitive) }
        let table = dict.values.map { v -> Bool in
            if p.isEmpty { return true }
            if opts.isEmpty { return v.contains(p) }
            if opts == [.anchored] { return v.hasPrefix(p) }
            if opts == [.anchored, .backwards] { return v.hasSuffix(p) }
            return v.range(of: p, options: opts) != nil
        }
        return Comparison.mapCodes(codes, table, x.validity)
    }
}
