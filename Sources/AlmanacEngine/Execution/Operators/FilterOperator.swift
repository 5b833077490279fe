import AlmanacCore
import AlmanacDiagnostics

/// Keeps the rows whose condition is true; null counts as false.
struct FilterOperator {
    let node: FilterNode

    func run(_ input: Table) throws -> OperatorOutput {
        var ev = ExprEvaluator(table: input)
        let c = try ev.column(node.predicate)
        guard case .bool(let flags) = c.storage else {
            // A condition that is null on every row (`where null`, `where if(c, null, null)`): null counts as false.
            if c.validity.nullCount == c.count {
                let (t, l) = input.gatheringWithLineage([])
                return OperatorOutput(table: t, lineage: l)
            }
            throw DiagnosticError(.runtime(.filterCondition, span: node.span))
        }
        var keep: [Int32] = []
        keep.reserveCapacity(input.rowCount)
        for i in 0..<flags.count where flags[i] && c.validity.isValid(i) { keep.append(Int32(i)) }
        let (t, l) = input.gatheringWithLineage(keep)
        // A text literal no row has (`province = "Ha Giang"` over `Hà Giang`) keeps nothing by it: said, with a suggestion.
        return OperatorOutput(table: t, facts: FilterLiterals.facts(node.predicate, input, span: node.span), lineage: l)
    }
}
