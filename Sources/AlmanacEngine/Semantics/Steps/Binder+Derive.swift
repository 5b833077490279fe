import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `derive a = …, b = …`: columns added or replaced left to right; a later one may read an earlier one.
    mutating func bindDerive(_ d: DeriveStep, input: NodeID, schema: Schema) throws -> PlanNode {
        var sch = schema
        var items: [NamedExpr] = []
        try bindDerive(d, into: &items, schema: &sch)
        return .derive(DeriveNode(input: input, assignments: items, schema: sch, span: d.span))
    }

    /// The assignments of a derive, appended to `items`, with `schema` updated in place: a run of derive steps binds
    /// into one schema and one list, each step costing what it adds (see `Binder.bind`).
    mutating func bindDerive(_ d: DeriveStep, into items: inout [NamedExpr], schema sch: inout Schema) throws {
        var seen = Set<String>()
        for a in d.assignments {
            // Replacing an input column is fine (derive value = value * 2); naming two outputs alike is a slip.
            guard seen.insert(a.name).inserted else { throw DiagnosticError(.duplicateOutput(a.name, span: a.nameSpan)) }
            let e: BoundExpr
            do {
                // The expression binder's copy of the schema ends here, so that adding the column copies nothing.
                var b = exprBinder(sch, .derive)
                e = try b.bind(a.expr)
                warnings += b.warnings + b.wholeTextLiteral(a.expr)
            }
            let name = a.name.nfc
            let changes = PeriodRoles.derive(name, e, unit: UnitInference.unit(of: e, in: sch), in: &sch)
            items.append(NamedExpr(name: name, expr: e, span: a.span, meta: sch.field(name)?.meta, roleChanges: changes))
        }
    }
}
