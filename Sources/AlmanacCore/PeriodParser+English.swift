/// English month names, as files exported by English-language software write months: `Jan 2023`, `January 2023`,
/// `Jan-2023`, `Jan/2023`, `2023 Jan`, `2023-Jan` (R's yearmonth prints `1987 Jan`), and `Jan-23`, the two-digit
/// year Excel's `mmm-yy` format displays (years 00–29 are 2000–2029, 30–99 are 1930–1999, as Excel reads them).
/// Any case; the three-letter abbreviations, the full names and `Sept`.
extension PeriodParser {
    /// The month an English month name and a year spell, or `.notAPeriod`. ASCII only (the caller checked).
    static func parseEnglishMonth(ascii b: UnsafeBufferPointer<UInt8>) -> PeriodParse {
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        // Two runs, a word and digits, parted by one space, `-` or `/`.
        var i = 0
        let n = b.count
        guard n >= 5 else { return .notAPeriod }
        let wordFirst = isLetter(b[0])
        var firstEnd = 0
        while firstEnd < n, wordFirst ? isLetter(b[firstEnd]) : isDigit(b[firstEnd]) { firstEnd += 1 }
        i = firstEnd
        guard i < n else { return .notAPeriod }
        let sep = b[i]
        guard sep == 0x20 || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") else { return .notAPeriod }
        i += 1
        let secondStart = i
        while i < n, wordFirst ? isDigit(b[i]) : isLetter(b[i]) { i += 1 }
        guard i == n, i > secondStart else { return .notAPeriod }
        let word = wordFirst ? UnsafeBufferPointer(rebasing: b[0..<firstEnd]) : UnsafeBufferPointer(rebasing: b[secondStart..<n])
        let digits = wordFirst ? UnsafeBufferPointer(rebasing: b[secondStart..<n]) : UnsafeBufferPointer(rebasing: b[0..<firstEnd])
        guard let m = englishMonthNumber(word) else { return .notAPeriod }
        var y = 0
        for d in digits { y = y * 10 + Int(d - 0x30) }
        switch digits.count {
        case 4: return month(y, m)
        // `Jan-23` only: the shape Excel displays, the abbreviation and a dash.
        case 2 where wordFirst && sep == UInt8(ascii: "-") && word.count == 3: return month(y < 30 ? 2000 + y : 1900 + y, m)
        default: return .notAPeriod
        }
    }

    /// 1–12 for an English month name or its three-letter abbreviation (or `Sept`), in any case; nil otherwise.
    static func englishMonthNumber(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard word.count >= 3, word.count <= 9 else { return nil }
        // The word, lower-cased, equals a whole name or (three letters, or `sept`) its start: no copy is made.
        func matches(_ name: [UInt8]) -> Bool {
            guard word.count == name.count || word.count == 3 || (word.count == 4 && name.count == 9) else { return false }
            guard word.count <= name.count else { return false }
            for i in 0..<word.count where word[i] | 0x20 != name[i] { return false }
            return true
        }
        for (k, name) in englishMonthNames.enumerated() where matches(name) { return k + 1 }
        return nil
    }

    /// Lower-case ASCII bytes of the months' names.
    static let englishMonthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                               "september", "october", "november", "december"].map { Array($0.utf8) }
}
