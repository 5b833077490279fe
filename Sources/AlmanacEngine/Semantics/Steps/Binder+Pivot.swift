import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `pivot COLUMN [values …]`: the row keys stay; the columns it makes are known by their shape until it runs.
    mutating func bindPivot(_ p: PivotStep, input: NodeID, schema: Schema) throws -> PlanNode {
        guard let col = schema.field(p.column.name) else {
            throw unknownColumn(p.column.name, span: p.column.span, candidates: schema.names)
        }
        var values: [String] = []
        for v in p.values {
            guard let f = schema.field(v.name) else { throw unknownColumn(v.name, span: v.span, candidates: schema.names) }
            guard f.type.isNumeric else {
                throw DiagnosticError(.typeMismatch(.pivotValuesNotNumbers(column: f.name, type: f.type), span: v.span))
            }
            values.append(f.name)
        }
        if values.isEmpty { values = schema.measures.map(\.name).filter { $0 != col.name } }
        guard !values.isEmpty else {
            throw DiagnosticError(.typeMismatch(.pivotNoValues(column: col.name), span: p.span))
        }
        let fields = schema.keys.filter { $0.name != col.name && !values.contains($0.name) }
        let rowKeys = fields.map(\.name)
        // The new columns are known only once the pivot column's values are read.
        return .pivot(PivotNode(input: input, column: col.name, values: values, rowKeys: rowKeys, schema: Schema(fields: fields), span: p.span))
    }
}
