import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `select a, b = expr, …`: exactly these columns, in this order; a renamed column keeps its role, unit and label.
    mutating func bindSelect(_ s: SelectStep, input: NodeID, schema: Schema) throws -> PlanNode {
        var items: [NamedExpr] = []
        var fields: [Schema.Field] = []
        var exprs: [BoundExpr] = []
        var seen = Set<String>()
        for it in s.items {
            guard seen.insert(it.name).inserted else { throw DiagnosticError(.duplicateOutput(it.name, span: it.nameSpan)) }
            if let ex = it.expr {
                var b = exprBinder(schema, .select)
                let e = try b.bind(ex)
                warnings += b.warnings + b.wholeTextLiteral(ex)
                items.append(NamedExpr(name: it.name.nfc, expr: e, span: it.span))
                if case .column(let src, _) = e, let f = schema.field(src) {
                    // A renamed column is the same column: it keeps its role (a looked-up target year stays a
                    // dimension, not a second period key), unit and label.
                    fields.append(Schema.Field(name: it.name.nfc, type: f.type, meta: f.meta, periodOf: f.periodOf))
                } else {
                    fields.append(Schema.Field(name: it.name.nfc, type: e.type ?? .float, meta: ColumnMeta(role: Binder.role(for: e), unit: UnitInference.unit(of: e, in: schema))))
                }
            } else {
                guard let f = schema.field(it.name) else {
                    throw unknownColumn(it.name, span: it.nameSpan, candidates: schema.names, schema: schema)
                }
                items.append(NamedExpr(name: f.name, expr: .column(f.name, f.type), span: it.span))
                fields.append(f)
            }
            exprs.append(items[items.count - 1].expr)
        }
        return .select(SelectNode(input: input, items: items, schema: PeriodRoles.select(fields, exprs: exprs, input: schema), span: s.span))
    }
}
