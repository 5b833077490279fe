import Foundation

/// Column names read as periods (for `unpivot`, whose new column is a period when every old name is one): every
/// spelling `PeriodParser.parse` reads, a bare year included (`2019`, `2019-Q1`, `T1/2024`, `Tháng 1/2023`,
/// `Năm 2023`), and English month names with a four-digit year: `Jan 2023`, `January 2023`, `Jan-2023`,
/// `Jan/2023`, `2023 Jan`, `2023-Jan` (any case, `Sept` too). Two-digit years (`Jan-23`) are not read: as a name
/// they could as well be a day.
extension PeriodParser {
    /// The period a column name spells, or why it cannot be one.
    public static func parseName(_ name: String) -> PeriodParse {
        let direct = parse(name, dayOrder: .dayFirst, allowBareYear: true)
        if case .notAPeriod = direct { return parseEnglishMonth(name) }
        return direct
    }

    /// `Jan 2023`, `January 2023`, `2023 Jan` and their `-` and `/` forms; `.notAPeriod` for anything else.
    public static func parseEnglishMonth(_ text: String) -> PeriodParse {
        let parts = text.trimmingCharacters(in: .whitespaces)
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "\t" })
        guard parts.count == 2 else { return .notAPeriod }
        let (word, digits) = parts[0].first?.isLetter == true ? (parts[0], parts[1]) : (parts[1], parts[0])
        guard let m = englishMonth(word), digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(digits) else {
            return .notAPeriod
        }
        return month(y, m)
    }

    /// The month (1–12) an English month name or its three-letter abbreviation (or `Sept`) names, in any case.
    public static func englishMonth(_ word: Substring) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3, w.allSatisfy({ $0.isASCII }) else { return nil }
        if w == "sept" { return 9 }
        for (i, full) in englishMonthNames.enumerated() where w == full || w == String(full.prefix(3)) { return i + 1 }
        return nil
    }

    static let englishMonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                    "october", "november", "december"]
}
