import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `aggregate out = f(x), … by key, k = expr`: one row per key combination; the keys keep their meaning, the outputs are measures.
    mutating func bindAggregate(_ a: AggregateStep, input: NodeID, schema: Schema) throws -> PlanNode {
        var keys: [NamedExpr] = []
        var fields: [Schema.Field] = []
        var seen = Set<String>()
        for k in a.groupBy {
            guard seen.insert(k.name).inserted else { throw DiagnosticError(.duplicateOutput(k.name, span: k.nameSpan)) }
            if let ex = k.expr {
                var b = exprBinder(schema, .groupKey)
                let e = try b.bind(ex)
                warnings += b.warnings + b.wholeTextLiteral(ex)
                keys.append(NamedExpr(name: k.name.nfc, expr: e, span: k.span))
                let t = e.type ?? .text
                fields.append(Schema.Field(name: k.name.nfc, type: t, meta: ColumnMeta(role: t.isPeriod ? .period : .dimension)))
            } else {
                guard let f = schema.field(k.name) else {
                    throw unknownColumn(k.name, span: k.nameSpan, candidates: schema.names, schema: schema)
                }
                keys.append(NamedExpr(name: f.name, expr: .column(f.name, f.type), span: k.span))
                var meta = f.meta
                meta.role = f.type.isPeriod ? .period : .dimension
                fields.append(Schema.Field(name: f.name, type: f.type, meta: meta))
            }
        }
        fields = PeriodRoles.aggregateKeys(fields, exprs: keys.map(\.expr), input: schema)
        var b = exprBinder(schema, .aggregateOutput)
        var outputs: [NamedExpr] = []
        for m in a.measures {
            guard seen.insert(m.name).inserted else { throw DiagnosticError(.duplicateOutput(m.name, span: m.nameSpan)) }
            let e = try b.bind(m.expr)
            outputs.append(NamedExpr(name: m.name.nfc, expr: e, span: m.span))
            let unit = UnitInference.unit(of: e, in: schema, calls: b.calls)
            fields.append(Schema.Field(name: m.name.nfc, type: e.type ?? .float, meta: ColumnMeta(role: .measure, unit: unit)))
        }
        warnings += b.warnings
        return .aggregate(AggregateNode(input: input, keys: keys, calls: b.calls, outputs: outputs, schema: Schema(fields: fields), span: a.span))
    }
}
