import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// A left join on a lookup source that holds one row per key; looked-up columns never overwrite the input's.
package struct JoinOperator {
    let node: JoinNode

    func run(_ input: Table, _ context: ExecutionContext) throws -> OperatorOutput {
        let source = node.lookup.source
        let lookup = try SourceLoading.load(source, columns: nil, provider: context.provider, span: node.span)
        var out = OperatorOutput(table: input, sources: [source])
        SourceLoading.noteRejected(lookup.rejected, source, span: node.span, into: &out)
        SourceLoading.noteTotals(lookup.totals, source, span: node.span, into: &out)
        SourceLoading.noteLoad(lookup, source, span: node.span, into: &out)
        let keys = node.keys
        do {
            let j = try HashJoin.left(leftKeys: try keys.map { try input.requiredColumn($0, for: "join", span: node.span) },
                                      lookupKeys: try keys.map { try lookup.table.requiredColumn($0, for: "join", span: node.span) })
            let others = lookup.table.columns.filter { !keys.contains($0.name) }
            var table = input
            var taken = Set(input.columnNames)
            var assigned: [(name: String, lineage: ColumnLineage?)] = []
            for (c, g) in zip(others, j.gather(others)) {
                var col = g
                col.name = JoinNaming.name(for: c.name, dataset: source.shortName, taken: taken)
                taken.insert(col.name)
                // A looked-up column that replaces one of the input ends the formulas of and over that column.
                if table.column(named: col.name) != nil { assigned.append((col.name, nil)) }
                // The binder's roles (a looked-up period is a dimension, not a second period key), so that
                // time functions after the join find the period the binder checked them against.
                col.meta = node.schema.field(col.name)?.meta ?? c.meta
                table = try table.setting(col)
            }
            if let fact = Self.unmatched(rows: j.unmatchedCount, node) { out.facts.append(LocatedFact(fact, span: node.span)) }
            out.table = table
            out.lineage = .assigned(assigned)
            return out
        } catch KernelError.duplicateKey(let d) {
            throw DiagnosticError(.runtime(.joinDuplicateKey(lookup: source.displayName, key: d.keyText, rows: d.rowCount), span: node.span))
        } catch let e as KernelError {
            throw DiagnosticError(.runtime(.joinKernel(e), span: node.span))
        }
    }

    /// The fact of the input's `rows` that found no lookup row (a null key never matches): nil when every row found
    /// one. The local engine and the database's statement (AlmanacSQL's `SQLCompiler+StepFactChecks.swift`) both word it here.
    package static func unmatched(rows: Int, _ node: JoinNode) -> QueryFact? {
        rows > 0 ? .joinUnmatched(rows: rows, dataset: node.lookup.source.displayName, keys: node.keys) : nil
    }
}
