import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// A `where` that compares a text column with a literal no row has (`province = "Ha Giang"` over `Hà Giang`) keeps
/// nothing by it, silently; this says so, and suggests the values the literal folds to (accents, case and `đ` aside),
/// or failing that the closest one.
enum FilterLiterals {
    /// Above this many distinct values, only folded matches are suggested (no edit distances).
    static let closestLimit = 20_000

    /// The facts for the predicate's `column = "text"` and `column in ("text", …)` literals, under `and`/`or`, that no
    /// row of `input` matches (none over an input with no rows).
    static func facts(_ predicate: BoundExpr, _ input: Table, span: SourceSpan?) -> [LocatedFact] {
        // Over no rows at all every literal matches nothing: what emptied the table already said so (or meant to).
        guard input.rowCount > 0 else { return [] }
        var seen = Set<[String]>()
        var facts: [LocatedFact] = []
        var present: [String: [String]] = [:]
        for (column, value) in literals(predicate) where seen.insert([column, value]).inserted {
            guard let c = input.column(named: column), case .text = c.storage else { continue }
            let values = present[column] ?? TextFunctions.valuesPresent(c)
            present[column] = values
            let nfc = value.nfc
            if values.contains(nfc) { continue }
            facts.append(LocatedFact(.filterNoMatch(column: column, value: value, suggestions: suggestions(for: nfc, among: values)), span: span))
        }
        return facts
    }

    /// The values that fold to the literal's folding (`Hà Giang` for `ha giang`), else the closest within a few edits.
    static func suggestions(for value: String, among values: [String]) -> [String] {
        let key = value.accentFolded
        let folded = values.filter { $0.accentFolded == key }
        if !folded.isEmpty { return Array(folded.prefix(3)) }
        guard values.count <= closestLimit, let near = Suggestions.closest(to: value, among: values) else { return [] }
        return [near]
    }

    /// `(column, text)` pairs of the equality and `in` tests the predicate's rows must pass or may pass.
    static func literals(_ e: BoundExpr) -> [(String, String)] {
        switch e {
        case .compare(.equal, .column(let name, .text), .literal(.text(let v), _)),
             .compare(.equal, .literal(.text(let v), _), .column(let name, .text)):
            return [(name, v)]
        case .inList(.column(let name, .text), let values, negated: false):
            return values.compactMap { if case .text(let v) = $0 { return (name, v) } else { return nil } }
        case .and(let a, let b), .or(let a, let b):
            return literals(a) + literals(b)
        default:
            return []
        }
    }
}
