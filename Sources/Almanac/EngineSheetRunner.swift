import Foundation
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacEngine
import AlmanacReports

extension SheetWarning {
    /// A query warning as the Notes sheet shows it: in Vietnamese when the warning is a fact (all the engine's are).
    public init(_ d: Diagnostic) {
        if let vi = d.vietnamese {
            self.init(message: vi.message, id: d.id.rawValue, notes: vi.notes)
        } else {
            self.init(message: d.message, id: d.id.rawValue, hints: d.hints, notes: d.notes)
        }
    }
}

extension FormulaHint {
    /// The live formula for a column whose lineage the engine knows.
    init(_ l: ColumnLineage) {
        switch l {
        case .growth(let of, let base): self = .growth(value: of, baseRow: base)
        case .difference(let of, let base): self = .difference(value: of, baseRow: base)
        case .ratio(let n, let d): self = .ratio(numerator: n, denominator: d)
        case .expression(let t): self = .expression(t)
        }
    }
}

extension QueryResult {
    /// The datasets a result was computed from, as the provider knows them (files by path get a minimal spec naming
    /// the file; sources the provider cannot describe, such as tables in memory, none).
    public func datasetSpecs(_ provenance: DatasetProvenance?) -> [DatasetSpec] {
        var seen = Set<String>()
        return sources.compactMap { handle in
            guard seen.insert(handle.key).inserted else { return nil }
            if let spec = provenance?.dataset(for: handle) { return spec }
            guard handle.key.hasPrefix("file:") else { return nil }
            let path = handle.displayName
            return DatasetSpec(name: (path as NSString).lastPathComponent, path: path, source: "file \(path)")
        }
    }

    /// The result as a workbook sheet's input.
    public func sheetResult(_ provenance: DatasetProvenance?) -> SheetResult {
        var sheet = SheetResult(table: table, formulaHints: lineage.mapValues(FormulaHint.init),
                                warnings: warnings.filter { $0.severity == .warning }.map(SheetWarning.init), datasets: datasetSpecs(provenance),
                                rejected: rejected.map { ($0.source, $0.rows) })
        sheet.marks = marks
        return sheet
    }
}

/// Runs workbook sheets' queries with the query engine; saved queries (`Queries/NAME.aq`) are read from disk and
/// their `# param name = value` defaults apply under the workbook's parameters.
public struct EngineSheetRunner: SheetQueryRunner {
    public let engine: QueryEngine

    /// Called with each sheet's result before it is written (the CLI records the rows its steps set aside).
    public var onResult: ((QueryResult) throws -> Void)?

    public init(engine: QueryEngine) { self.engine = engine }

    public func run(query: SourceText, parameters: [String: String]) throws -> SheetResult {
        var params = SavedQuery.defaultParameters(in: query.text)
        for (k, v) in parameters { params[k] = v }
        let result = try engine.run(SourceFile(name: query.name, text: query.text), parameters: params)
        try onResult?(result)
        return result.sheetResult(engine.provider as? DatasetProvenance)
    }
}
