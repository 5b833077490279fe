import AlmanacCore
import AlmanacKernels

/// Orders the rows by the keys (stable; Vietnamese order for text, nulls last).
struct SortOperator {
    let node: SortNode

    func run(_ input: Table) throws -> OperatorOutput {
        var ev = ExprEvaluator(table: input)
        let cols = try node.keys.map { SortColumn(try ev.column($0.expr), descending: $0.descending) }
        let order = try Sorting.sortedIndices(cols, rowCount: input.rowCount)
        let (t, l) = input.gatheringWithLineage(order)
        return OperatorOutput(table: t, lineage: l)
    }
}
