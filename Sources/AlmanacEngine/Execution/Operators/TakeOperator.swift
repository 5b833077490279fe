import AlmanacCore

/// The first `count` rows.
struct TakeOperator {
    let node: TakeNode

    func run(_ input: Table) -> OperatorOutput {
        guard node.count < input.rowCount else { return OperatorOutput(table: input) }
        let (t, l) = input.gatheringWithLineage((0..<Int32(node.count)).map { $0 })
        return OperatorOutput(table: t, lineage: l)
    }
}
