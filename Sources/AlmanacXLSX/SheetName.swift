import Foundation

/// Excel's sheet-name rules, a strict validator and a forgiving name deriver.
///
/// Rules (as Excel applies them):
/// - not empty, at most 31 characters counted in UTF-16 units;
/// - none of `[ ] : * ? / \` (and, here, no control characters, which cannot
///   appear in the workbook XML);
/// - does not start or end with an apostrophe `'`;
/// - not the reserved name `History`;
/// - unique in the workbook, compared case-insensitively. Names are compared and
///   stored in Unicode NFC, so a decomposed "Hà Giang" (a + U+0300) and the
///   precomposed one are the same sheet.
public enum SheetName {
    /// Why a name was rejected.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// The name is empty.
        case empty
        /// The name has `length` UTF-16 units; the limit is 31.
        case tooLong(length: Int)
        /// The name contains one of `[ ] : * ? / \`.
        case illegalCharacter(Character)
        /// The name contains a control character (U+0000–U+001F, U+007F).
        case controlCharacter
        /// The name starts or ends with an apostrophe.
        case apostropheAtStartOrEnd
        /// The name is reserved by Excel (`History`).
        case reserved

        /// A short explanation of the rule that was broken.
        public var description: String {
            switch self {
            case .empty: return "sheet names cannot be empty"
            case let .tooLong(length):
                return "\(length) characters; Excel allows at most \(ExcelLimits.maxSheetNameLength)"
            case let .illegalCharacter(c): return "contains '\(c)'; Excel forbids [ ] : * ? / \\"
            case .controlCharacter: return "contains a control character"
            case .apostropheAtStartOrEnd: return "cannot start or end with an apostrophe"
            case .reserved: return "\"History\" is reserved by Excel"
            }
        }
    }

    /// The characters Excel forbids in sheet names.
    public static let illegalCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Names Excel reserves (compared case-insensitively).
    public static let reservedNames: [String] = ["History"]

    /// The name in Unicode NFC, the form this module writes to the file.
    public static func normalized(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
    }

    /// The key two names are compared by: NFC, then lowercased.
    ///
    /// Two names with the same key cannot both be in one workbook.
    public static func comparisonKey(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }

    /// The first rule `name` breaks (ignoring uniqueness), or `nil` if it is valid.
    public static func problem(in name: String) -> Problem? {
        let name = normalized(name)
        if name.isEmpty { return .empty }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { return .controlCharacter }
            let c = Character(scalar)
            if illegalCharacters.contains(c) { return .illegalCharacter(c) }
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return .apostropheAtStartOrEnd }
        let length = name.utf16.count
        if length > ExcelLimits.maxSheetNameLength { return .tooLong(length: length) }
        let key = comparisonKey(name)
        if reservedNames.contains(where: { comparisonKey($0) == key }) { return .reserved }
        return nil
    }

    /// Throws ``XLSXError/invalidSheetName(name:problem:)`` unless `name` obeys every rule
    /// except uniqueness (which needs the workbook; see ``XLSXWorkbook/addWorksheet(name:)``).
    public static func validate(_ name: String) throws {
        if let problem = problem(in: name) {
            throw XLSXError.invalidSheetName(name: name, problem: problem)
        }
    }

    /// Derives a valid sheet name from any title, unique among `existing`.
    ///
    /// Illegal characters become `_`, control characters become spaces, leading
    /// and trailing apostrophes are dropped, an empty result becomes `Sheet`, long
    /// titles are cut on a `Character` boundary to 31 UTF-16 units, and a
    /// duplicate (case-insensitive, NFC) gets " (2)", " (3)", … appended — the
    /// suffix always fits within 31 characters.
    ///
    /// - Parameters:
    ///   - title: any text, e.g. a report title.
    ///   - existing: names already used in the workbook (any case or normalization).
    /// - Returns: the derived name (NFC), whether it differs from `title`, and a
    ///   human-readable list of the changes, or `nil` when nothing changed.
    public static func make(from title: String, existing: Set<String>)
        -> (name: String, adjusted: Bool, reason: String?)
    {
        var reasons: [String] = []
        var illegalSeen: [Character] = []
        var hadControl = false
        var cleaned = String.UnicodeScalarView()
        for scalar in normalized(title).unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                hadControl = true
                cleaned.append(" ")
            } else if illegalCharacters.contains(Character(scalar)) {
                if !illegalSeen.contains(Character(scalar)) { illegalSeen.append(Character(scalar)) }
                cleaned.append("_")
            } else {
                cleaned.append(scalar)
            }
        }
        var name = String(cleaned)
        if !illegalSeen.isEmpty {
            reasons.append("replaced illegal characters " + illegalSeen.map { "'\($0)'" }.joined(separator: " ") + " with '_'")
        }
        if hadControl { reasons.append("replaced control characters with spaces") }

        let stripped = stripApostrophes(name)
        if stripped != name {
            reasons.append("removed apostrophes at the start or end")
            name = stripped
        }
        if name.isEmpty {
            name = "Sheet"
            reasons.append("title was empty; used \"Sheet\"")
        }
        if name.utf16.count > ExcelLimits.maxSheetNameLength {
            name = truncated(name, toUTF16: ExcelLimits.maxSheetNameLength)
            reasons.append("shortened to \(ExcelLimits.maxSheetNameLength) characters")
        }

        var taken = Set(existing.map(comparisonKey))
        for reserved in reservedNames { taken.insert(comparisonKey(reserved)) }
        if taken.contains(comparisonKey(name)) {
            let clash = name
            var n = 2
            while true {
                let suffix = " (\(n))"
                let base = truncated(name, toUTF16: ExcelLimits.maxSheetNameLength - suffix.utf16.count)
                let candidate = base + suffix
                if !taken.contains(comparisonKey(candidate)) {
                    name = candidate
                    break
                }
                n += 1
            }
            reasons.append("\"\(clash)\" is already used; renamed to \"\(name)\"")
        }
        let adjusted = name != title  // String == is canonical equivalence: NFC/NFD alone is no change
        return (name, adjusted, reasons.isEmpty ? (adjusted ? "normalized" : nil) : reasons.joined(separator: "; "))
    }

    /// `text` cut to at most `limit` UTF-16 units on a `Character` boundary, without
    /// trailing spaces or apostrophes left by the cut.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let width = character.utf16.count
            if used + width > limit { break }
            result.append(character)
            used += width
        }
        while let last = result.last, last == " " || last == "'" { result.removeLast() }
        return result.isEmpty ? "Sheet" : result
    }

    private static func stripApostrophes(_ text: String) -> String {
        var s = Substring(text)
        while s.first == "'" { s.removeFirst() }
        while s.last == "'" { s.removeLast() }
        return String(s)
    }
}
