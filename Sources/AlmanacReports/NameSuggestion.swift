import AlmanacIO

/// "Did you mean …?" for keys, columns and parameters: `Suggest.closest` (AlmanacIO), plus one swap of
/// two adjacent letters (`tilte` → `title`, `monht` → `month`), which its edit distance counts as two edits.
enum NameSuggestion {
    static func closest(_ name: String, among candidates: [String]) -> String? {
        if let close = Suggest.closest(name, among: candidates) { return close }
        let key = Array(name.lowercased())
        guard key.count >= 2 else { return nil }
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard other.count == key.count else { continue }
            let differing = key.indices.filter { key[$0] != other[$0] }
            if differing.count == 2, differing[1] == differing[0] + 1,
               key[differing[0]] == other[differing[1]], key[differing[1]] == other[differing[0]] {
                return candidate
            }
        }
        return nil
    }
}
