import AlmanacCore
import AlmanacDiagnostics

extension SourceLoading {
    /// What a load noted without stopping — a workbook's formulas with no saved value, error cells read as empty —
    /// becomes facts of the query, so that a workbook's Notes sheet lists them with the query's other warnings
    /// rather than saying "Không có" over figures read from empty cells.
    static func noteLoad(_ loaded: SourceTable, _ source: SourceHandle, span: SourceSpan, into out: inout OperatorOutput) {
        if !loaded.loadWarnings.isEmpty {
            out.facts.append(LocatedFact(.loadWarnings(source: source.displayName, messages: loaded.loadWarnings), span: span))
        }
        let cells = loaded.errorCells.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if !cells.isEmpty {
            out.facts.append(LocatedFact(.errorCells(source: source.displayName, columns: cells.map(\.key), counts: cells.map(\.value)), span: span))
        }
    }
}
