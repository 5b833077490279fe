import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// Adding, subtracting or comparing two measures whose declared units differ (USD and billion VND, arrivals and
/// USD) is refused before the query runs: the figure would be meaningless. A side without a unit (a number written
/// in the query, a computed value whose unit is unknown) passes; so do products and ratios of any units.
enum UnitCheck {
    /// Throws when `a op b` mixes two declared units.
    static func check(_ operation: UnitOperation, _ a: BoundExpr, _ b: BoundExpr, in schema: Schema, calls: [AggregateCall], span: SourceSpan) throws {
        guard let ua = UnitInference.unit(of: a, in: schema, calls: calls),
              let ub = UnitInference.unit(of: b, in: schema, calls: calls), !same(ua, ub) else { return }
        func side(_ e: BoundExpr, _ u: String) -> UnitOperand {
            if case .column(let n, _) = e { return UnitOperand(column: n, unit: u) }
            return UnitOperand(column: nil, unit: u)
        }
        throw DiagnosticError(.typeMismatch(.unitsDiffer(operation, left: side(a, ua), right: side(b, ub)), span: span))
    }

    /// Units are the same when their names are (any case), or when both are the same money at the same scale.
    static func same(_ a: String, _ b: String) -> Bool {
        if a.lowercased() == b.lowercased() { return true }
        guard let x = Unit(named: a), let y = Unit(named: b) else { return false }
        return x.kind == .money && y.kind == .money && x.currency == y.currency && x.scale == y.scale
    }
}
