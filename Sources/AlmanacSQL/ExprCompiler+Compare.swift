import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Comparisons as the local kernels make them: periods of different frequencies meet at the coarser one
/// (`month >= 2024-Q1` compares quarters, `month = 2024` years), and an integer against a period is a year.
extension ExprCompiler {
    /// Both sides of a comparison, the finer period read at the coarser frequency.
    func comparands(_ a: BoundExpr, _ b: BoundExpr) throws -> (String, String) {
        let x = try sql(a), y = try sql(b)
        switch (a.type, b.type) {
        case (.period(let f)?, .period(let g)?) where f != g:
            let t = min(f, g)
            return (try atFrequency(x, from: f, to: t), try atFrequency(y, from: g, to: t))
        case (.period(let f)?, .int?): return (try atFrequency(x, from: f, to: .year), y)
        case (.int?, .period(let g)?): return (x, try atFrequency(y, from: g, to: .year))
        default: return (x, y)
        }
    }

    /// `x in (…)`: null literals are ignored (as the local engine ignores them: `x not in (1, null)` keeps the
    /// rows that are not 1); a period's literals may be coarser periods or years, each compared at its frequency.
    func inList(_ a: BoundExpr, _ values: [Value], negated: Bool) throws -> String {
        let literals = values.filter { !$0.isNull }
        let x = try sql(a)
        guard !literals.isEmpty else { return "(CASE WHEN \(x) IS NULL THEN NULL ELSE \(negated ? "TRUE" : "FALSE") END)" }
        guard case .period(let f)? = a.type else {
            return "(\(x) \(negated ? "NOT " : "")IN (\(literals.map { literal($0, $0.dataType) }.joined(separator: ", "))))"
        }
        // One IN list per frequency the literals read the period at (years for integers).
        var byFrequency: [(Frequency, [String])] = []
        for v in literals {
            let (g, ordinal): (Frequency, String)
            switch v {
            case .period(let p): (g, ordinal) = (p.frequency, String(p.ordinal))
            case .int(let y): (g, ordinal) = (.year, String(y))
            default: throw DiagnosticError(.internalError("a period compared with \(v)", span: span))
            }
            if let i = byFrequency.firstIndex(where: { $0.0 == g }) { byFrequency[i].1.append(ordinal) } else { byFrequency.append((g, [ordinal])) }
        }
        let tests = try byFrequency.map { g, ordinals in "\(try atFrequency(x, from: f, to: min(f, g))) IN (\(ordinals.joined(separator: ", ")))" }
        return "(\(negated ? "NOT " : "")(\(tests.joined(separator: " OR "))))"
    }

    /// A period ordinal read at a coarser frequency.
    func atFrequency(_ o: String, from: Frequency, to: Frequency) throws -> String {
        switch (from, to) {
        case (let a, let b) where a == b: return o
        case (.month, .year): return dialect.integerDivide(o, 12)
        case (.quarter, .year): return dialect.integerDivide(o, 4)
        case (.month, .quarter): return dialect.integerDivide(o, 3)
        default: throw unsupported("comparing a \(from) period with a \(to)")
        }
    }
}
