import AlmanacCore
import AlmanacDiagnostics

/// Reads a source through the provider, only the columns the plan needs.
struct ScanOperator {
    let node: ScanNode

    func run(_ context: ExecutionContext) throws -> OperatorOutput {
        let loaded = try SourceLoading.load(node.source, columns: node.columns, provider: context.provider, span: node.span)
        var out = OperatorOutput(table: loaded.table, sources: [node.source], origin: RowOrigin(source: node.source, loaded: loaded))
        SourceLoading.noteRejected(loaded.rejected, node.source, span: node.span, into: &out)
        SourceLoading.noteTotals(loaded.totals, node.source, span: node.span, into: &out)
        SourceLoading.noteLoad(loaded, node.source, span: node.span, into: &out)
        return out
    }
}

/// Loading a source for a scan or a join, and what the engine says of rows a lenient load set aside.
enum SourceLoading {
    static func load(_ source: SourceHandle, columns: Set<String>?, provider: TableProvider, span: SourceSpan) throws -> SourceTable {
        do { return try provider.load(source, columns: columns) } catch let e as DiagnosticError { throw e } catch {
            throw DiagnosticError(.loadFailed("\(error)", span: span))
        }
    }

    static func noteRejected(_ rows: [RejectedRow], _ source: SourceHandle, span: SourceSpan, into out: inout OperatorOutput) {
        guard !rows.isEmpty else { return }
        let shown = rows.prefix(5)
        out.facts.append(LocatedFact(.rejectedRows(source: source.displayName, count: rows.count, lines: shown.map(\.line), reasons: shown.map(\.reason)), span: span))
        out.rejected.append(RejectedRows(source: source.displayName, rows: rows))
    }

    /// Total rows whose figures differ from the sum of their parts: one warning, with the first few located.
    static func noteTotals(_ totals: SetAsideTotals?, _ source: SourceHandle, span: SourceSpan, into out: inout OperatorOutput) {
        guard let t = totals, !t.mismatches.isEmpty else { return }
        out.facts.append(LocatedFact(.totalMismatch(source: source.displayName, count: t.mismatches.count, checked: t.checked,
                                                    examples: Array(t.mismatches.prefix(5))), span: span))
    }
}
