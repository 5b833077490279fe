import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Adding, subtracting or comparing two measures whose declared units differ (USD and billion VND, arrivals and
/// USD) is refused before the query runs: the figure would be meaningless. A side without a unit (a number written
/// in the query, a computed value whose unit is unknown) passes; so do products and ratios of any units.
enum UnitCheck {
    /// Throws when `a op b` mixes two declared units. `verb` is "add", "subtract" or "compare".
    static func check(_ verb: String, _ a: BoundExpr, _ b: BoundExpr, in schema: Schema, calls: [AggregateCall], span: SourceSpan) throws {
        guard let ua = UnitInference.unit(of: a, in: schema, calls: calls),
              let ub = UnitInference.unit(of: b, in: schema, calls: calls), !same(ua, ub) else { return }
        func named(_ e: BoundExpr, _ u: String) -> String {
            if case .column(let n, _) = e { return "\(n) (\(u))" }
            return u
        }
        throw DiagnosticError(.typeMismatch(.units, "cannot \(verb) \(named(a, ua)) and \(named(b, ub)): their units differ", span: span,
                                            hint: hint(ua, ub)))
    }

    /// Units are the same when their names are (any case), or when both are the same money at the same scale.
    static func same(_ a: String, _ b: String) -> Bool {
        if a.lowercased() == b.lowercased() { return true }
        guard let x = Unit(named: a), let y = Unit(named: b) else { return false }
        return x.kind == .money && y.kind == .money && x.currency == y.currency && x.scale == y.scale
    }

    static func hint(_ a: String, _ b: String) -> String {
        if let x = Unit(named: a), let y = Unit(named: b), x.kind == .money, y.kind == .money {
            if x.currency != y.currency {
                return "convert one first, e.g. join exchange_rates and multiply the USD figure by vnd_per_usd (a ratio a / b needs no conversion)"
            }
            let (big, small) = x.scale > y.scale ? (x, y) : (y, x)
            let factor = NumberFormatting.grouped(Int64(big.scale / small.scale))
            return "convert the scale first: 1 \(big.name) is \(factor) \(small.name) (divide the \(small.name) figure by \(factor))"
        }
        return "'\(a)' and '\(b)' measure different things; relate them as a ratio (a / b), which is fine"
    }
}
