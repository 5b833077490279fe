import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import Foundation
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// A `TableProvider` over tables built in test code: `from NAME` resolves to the table registered under NAME;
/// `from "path.csv"` (quoted, or a name ending in .csv) reads the file with `CSVReader`.
final class InMemoryProvider: TableProvider, @unchecked Sendable {
    var tables: [String: Table]
    /// How many times each source was loaded (a scan or join).
    private(set) var loads: [String: Int] = [:]

    init(_ tables: [String: Table]) { self.tables = tables }

    var datasetNames: [String] { tables.keys.sorted() }

    func resolve(_ name: String, quoted: Bool) -> SourceResolution {
        if tables[name] != nil { return .found(SourceHandle(key: "memory:" + name, displayName: name, shortName: name)) }
        if quoted || name.hasSuffix(".csv") || name.contains("/") {
            return FileManager.default.fileExists(atPath: name) ? .found(SourceHandle(key: "file:" + name, displayName: name)) : .missingFile(name)
        }
        return .unknown
    }

    func schema(of source: SourceHandle) throws -> Schema { Schema(try table(source)) }

    func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable {
        loads[source.displayName, default: 0] += 1
        return SourceTable(table: try table(source))
    }

    private func table(_ source: SourceHandle) throws -> Table {
        if source.key.hasPrefix("file:") { return try CSVReader.load(path: String(source.key.dropFirst(5))).table }
        guard let t = tables[source.displayName] else { throw DiagnosticError(.runtime(.internal("no table '\(source.displayName)'"), span: nil)) }
        return t
    }
}

/// Rendering of results and errors for assertions.
enum Render {
    /// A cell as the golden files write it: `null`, integers plainly, floats in full precision, periods canonically.
    static func cell(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .float(let d): return CSVWriter.fullPrecision(d)
        default: return v.description
        }
    }

    /// The table as `| a | b |` lines (header first).
    static func table(_ t: Table) -> String {
        var lines = ["| " + t.columnNames.joined(separator: " | ") + " |"]
        for r in 0..<t.rowCount { lines.append("| " + t.row(r).map(cell).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    /// Every diagnostic of an error, plainly rendered.
    static func error(_ e: Error) -> String {
        if let d = e as? DiagnosticError { return DiagnosticRenderer().render(d.diagnostics) }
        return "non-diagnostic error: \(e)"
    }
}

extension QueryEngine {
    /// Runs and returns the rendered error, or nil when the query succeeded.
    func errorText(_ text: String, name: String = "q.aq", parameters: [String: String] = [:]) -> String? {
        do { _ = try run(text, name: name, parameters: parameters); return nil } catch { return Render.error(error) }
    }
}
