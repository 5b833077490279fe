import Foundation

/// "Did you mean …?" support: finds the candidate closest to a misspelt name.
///
/// Names are compared after folding case and diacritics (so `ha giang` matches `Hà Giang`
/// and `DA NANG` matches `Đà Nẵng`), by optimal-string-alignment Damerau–Levenshtein distance
/// over Characters (a swap of two adjacent letters costs 1).
public enum Suggestions {
    /// Case- and diacritic-insensitive folding; also maps `đ`/`Đ` to `d`, which Unicode does not
    /// decompose.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard folded.contains(where: { $0 == "đ" || $0 == "Đ" }) else { return folded }
        return String(folded.map { $0 == "đ" || $0 == "Đ" ? "d" : $0 })
    }

    /// Edit distance (insertions, deletions, substitutions, adjacent transpositions) between
    /// two strings, compared Character by Character without folding.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b), limit: Int.max)
    }

    /// The largest distance at which a candidate still counts as "close" to `name`:
    /// `max(1, length / 3)` where length counts Characters.
    public static func threshold(for name: String) -> Int { max(1, name.count / 3) }

    /// The candidate closest to `name` within `threshold(for:)`, or nil. Ties go to the earlier
    /// candidate. An exact (folded) match wins immediately.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(fold(name))
        let limit = threshold(for: name)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let folded = Array(fold(candidate))
            guard abs(folded.count - target.count) <= limit else { continue }
            let d = distance(target, folded, limit: limit)
            guard d <= limit else { continue }
            if d == 0 { return candidate }
            if let current = best, current.distance <= d { continue }
            best = (candidate, d)
        }
        return best?.candidate
    }

    /// Hint text for an unknown name: `did you mean 'province'?` when a candidate is close,
    /// otherwise `available columns: a, b, c` (at most `limit` names, then `… and N more`).
    /// Nil when there are no candidates.
    public static func hint(for name: String, among candidates: [String], kind: String = "columns", limit: Int = 10)
        -> String?
    {
        if let match = closest(to: name, among: candidates) { return "did you mean '\(match)'?" }
        guard !candidates.isEmpty else { return nil }
        let longer = extending(name, among: candidates)
        if longer.count == 1 { return "did you mean '\(longer[0])'?" }
        if longer.count > 1 { return "did you mean one of: " + list(longer, limit: limit) + "?" }
        return "available \(kind): " + list(candidates, limit: limit)
    }

    /// The candidates a short name begins (`trade` → `trade_annual`, `trade_monthly`, …), compared folded; none
    /// for names under three characters.
    public static func extending(_ name: String, among candidates: [String]) -> [String] {
        let target = fold(name)
        guard target.count >= 3 else { return [] }
        return candidates.filter { fold($0).hasPrefix(target) }
    }

    /// `a, b, c` or `a, b, c, … and 7 more`.
    public static func list(_ names: [String], limit: Int = 10) -> String {
        let shown = names.prefix(max(1, limit))
        var text = shown.joined(separator: ", ")
        if names.count > shown.count { text += ", … and \(names.count - shown.count) more" }
        return text
    }

    /// Optimal string alignment distance; returns early with a value > limit once every entry
    /// of a row exceeds `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let n = a.count, m = b.count
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[m]
    }
}
