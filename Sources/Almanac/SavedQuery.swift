import Foundation

/// Conventions of saved `.aq` queries.
public enum SavedQuery {
    /// Defaults declared in a saved query's comments: `# param period = 2024-10`.
    public static func defaultParameters(in text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#") else { continue }
            let body = t.dropFirst().trimmingCharacters(in: .whitespaces)
            guard body.hasPrefix("param ") else { continue }
            let rest = body.dropFirst(6)
            guard let eq = rest.firstIndex(of: "=") else { continue }
            out[rest[..<eq].trimmingCharacters(in: .whitespaces)] = rest[rest.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }
}
