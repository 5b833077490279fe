import Foundation

/// The words that announce time in a column's header, in English and Vietnamese: the one list behind the CSV
/// reader's header inference, the binder's "which columns could make a period" hints and the duplicate-period
/// explanation, so that no copy drifts.
///
/// A header names time when it is, or begins with, one of these words followed by a non-letter (`year`, `Năm`,
/// `month_no`, `tháng 10`; not `yearly` or `datetimes`), in any case and in NFC or NFD.
public enum TimeWords {
    /// Words for a year.
    public static let year = ["year", "năm"]
    /// Words for a quarter.
    public static let quarter = ["quarter", "quý"]
    /// Words for a month.
    public static let month = ["month", "tháng"]
    /// Words for a calendar day.
    public static let day = ["date", "ngày"]
    /// Words for a period of any frequency.
    public static let period = ["period", "kỳ", "time"]

    /// Every word for time.
    public static let all = period + year + quarter + month + day

    /// Whether `name` is, or begins with, one of `words` followed by a non-letter (any case, NFC or NFD).
    public static func names(_ name: String, oneOf words: [String]) -> Bool {
        let h = name.nfc.lowercased().trimmingCharacters(in: .whitespaces)
        for w in words where h.hasPrefix(w) {
            guard let next = h.dropFirst(w.count).first else { return true }
            if !next.isLetter { return true }
        }
        return false
    }

    /// Whether a header is, or begins with, a word for time.
    public static func isTimeHeader(_ name: String) -> Bool { names(name, oneOf: all) }
}
