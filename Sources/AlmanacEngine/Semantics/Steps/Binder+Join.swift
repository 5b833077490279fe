import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `join DATASET on k, …`: a lookup of one row per key; keys need the same kind of values on both sides.
    mutating func bindJoin(_ j: JoinStep, input: NodeID, schema: Schema) throws -> PlanNode {
        let ref = try resolve(j.dataset)
        let lookup: Schema
        do { lookup = try provider.schema(of: ref) } catch let e as DiagnosticError { throw e } catch {
            throw DiagnosticError(.loadFailed("\(error)", span: j.dataset.span))
        }
        var keys: [String] = []
        for k in j.keys {
            guard let lf = schema.field(k.name) else { throw unknownColumn(k.name, span: k.span, candidates: schema.names, schema: schema) }
            guard let rf = lookup.field(k.name) else { throw DiagnosticError(.unknownColumn(k.name, span: k.span, candidates: lookup.names, dataset: ref.displayName)) }
            // Periods match by ordinal, so they need the same frequency (a month never equals a year).
            let compatible = lf.type == rf.type || (lf.type.isNumeric && rf.type.isNumeric)
            guard compatible else {
                // Both sides of the key, each where it is made (the message's spanned notes).
                throw DiagnosticError(.typeMismatch(.joinKeyTypes(key: lf.name, left: lf.type, leftOrigin: origins[lf.name], lookupKey: rf.name, right: rf.type,
                                                                  lookup: ref.displayName, lookupSpan: j.dataset.span), span: k.span))
            }
            keys.append(lf.name)
        }
        var fields = schema.fields
        var taken = Set(schema.names)
        for f in lookup.fields where !keys.contains(f.name) {
            var g = f
            g.name = JoinNaming.name(for: f.name, dataset: ref.shortName, taken: taken)
            taken.insert(g.name)
            if g.meta.role == nil || g.meta.role == .dimension { g.meta.role = f.type.isNumeric ? .measure : .dimension }
            if g.type.isPeriod { g.meta.role = .dimension }
            fields.append(g)
        }
        var joined = PeriodRoles.settled(Schema(fields: fields))
        joined.pivotOutputs = schema.pivotOutputs
        return .join(JoinNode(input: input, lookup: ScanNode(source: ref, columns: nil, schema: lookup, span: j.dataset.span), keys: keys, schema: joined, span: j.span))
    }
}
