import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê g … o ô ơ … u ư v x y, tones after base letters.
public enum VietnameseCollation {
    static let locale = Locale(identifier: "vi_VN")

    /// Compares two strings as a Vietnamese reader expects.
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let r = a.compare(b, options: [], range: nil, locale: locale)
        if r != .orderedSame { return r }
        return a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }

    /// Indices of `values` in Vietnamese order.
    public static func sortedIndices(_ values: [String]) -> [Int] {
        Array(values.indices).sorted { compare(values[$0], values[$1]) == .orderedAscending }
    }
}
