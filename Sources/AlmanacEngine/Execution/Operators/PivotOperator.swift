import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// Spreads a column's values into columns, one row per combination of the row keys.
struct PivotOperator {
    let node: PivotNode

    func run(_ input: Table) throws -> OperatorOutput {
        let column = node.column
        let pc = try input.requiredColumn(column, for: "pivot", span: node.span)
        guard input.rowCount > 0 else {
            throw DiagnosticError(.runtime(.pivotEmpty, span: node.span))
        }
        let rowKeys = try node.rowKeys.map { try input.requiredColumn($0, for: "pivot", span: node.span) }
        let values = try node.values.map { try input.requiredColumn($0, for: "pivot", span: node.span) }
        do {
            let r = try Pivot.pivot(rowKeys: rowKeys, pivot: pc, values: values)
            var facts: [LocatedFact] = []
            if r.nullPivotRows > 0 {
                facts.append(LocatedFact(.pivotNulls(rows: r.nullPivotRows, column: column), span: node.span))
            }
            var cols = r.table.columns
            let units = values.map(\.meta.unit)
            for i in cols.indices where !node.rowKeys.contains(cols[i].name) {
                cols[i].meta.role = .measure
                if units.count == 1 { cols[i].meta.unit = units[0] }
            }
            return OperatorOutput(table: try Table(columns: cols), facts: facts, lineage: .cleared)
        } catch let e as KernelError {
            throw DiagnosticError(.runtime(.pivotShape(e, column: column), span: node.span))
        } catch TableError.duplicateColumn(let name) {
            throw DiagnosticError(.runtime(.pivotNameClash(column: column, value: name), span: node.span))
        }
    }
}
