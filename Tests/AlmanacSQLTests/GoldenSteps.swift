import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine
import AlmanacIO
import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport
import Foundation

/// The engine's golden step queries (`Tests/AlmanacEngineTests/Queries/steps/*.aq` with a `.out`) over their
/// fixture tables (`StepFixtures`) and CSV files (`data/*.csv`), for running them in SQL engines.
enum GoldenSteps {
    static let directory = TestSupport.packageRoot.appendingPathComponent("Tests/AlmanacEngineTests/Queries/steps")

    /// One golden query: its file name, text and `# param` parameters.
    struct Query {
        var name: String
        var text: String
        var parameters: [String: String]
    }

    /// Every golden that has an expected output (the `.err` ones fail before any SQL is written).
    static func queries() throws -> [Query] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "aq" && FileManager.default.fileExists(atPath: $0.deletingPathExtension().appendingPathExtension("out").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { url in
                let text = try String(contentsOf: url, encoding: .utf8)
                var params: [String: String] = [:]
                for line in text.split(separator: "\n") where line.hasPrefix("# param ") {
                    let kv = line.dropFirst("# param ".count).split(separator: "=", maxSplits: 1)
                    if kv.count == 2 { params[String(kv[0])] = String(kv[1]) }
                }
                return Query(name: url.lastPathComponent, text: text, parameters: params)
            }
    }

    /// The CSV files beside the goldens, by the table name they get in a database (`file_m` for `data/m.csv`).
    static func files() throws -> [(table: String, path: String)] {
        let data = directory.appendingPathComponent("data")
        return try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".csv") }.sorted()
            .map { ("file_" + $0.dropLast(4).replacingOccurrences(of: "-", with: "_"), data.appendingPathComponent($0).path) }
    }

    /// Every table a golden reads, by its database name: the fixtures under their own names, the files as `file_…`.
    static func tables() throws -> [(name: String, table: Table)] {
        try StepFixtures.all.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + files().map { ($0.table, try CSVReader.load(path: $0.path).table) }
    }

    /// The database name of a source of a golden.
    static func tableName(_ h: SourceHandle) -> String {
        guard h.key.hasPrefix("file:") else { return h.displayName }
        let file = URL(fileURLWithPath: String(h.key.dropFirst("file:".count))).lastPathComponent
        return "file_" + file.dropLast(4).replacingOccurrences(of: "-", with: "_")
    }

    /// The engine the goldens run on locally: the fixtures by name, `data/….csv` beside the goldens.
    static func engine() -> QueryEngine { QueryEngine(provider: Provider()) }

    /// Loads every table into `schema` of the database (dropped first): periods as their text (`2024-10`).
    static func load(into db: PostgresConnection, schema: String) throws {
        try db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        try db.execute("CREATE SCHEMA \(schema)")
        let dialect = PostgresDialect()
        for (name, table) in try tables() {
            let columns = table.columns.map { c in "\(dialect.identifier(c.name)) \(dialect.typeName(c.dataType.isPeriod ? .text : c.dataType))" }
            try db.execute("CREATE TABLE \(schema).\(dialect.identifier(name)) (\(columns.joined(separator: ", ")))")
            try db.copyIn("COPY \(schema).\(dialect.identifier(name)) FROM STDIN (FORMAT csv, HEADER true)", data: CSVWriter.bytes(table))
        }
    }

    /// Writes every table as `NAME.csv` into the folder (for DuckDB's `read_csv`).
    static func write(to folder: URL) throws {
        for (name, table) in try tables() {
            try Data(CSVWriter.bytes(table)).write(to: folder.appendingPathComponent(name + ".csv"))
        }
    }

    /// Whether the statement's rows come in a defined order (the query sorts).
    static func isOrdered(_ sql: String) -> Bool { sql.hasSuffix("ORDER BY \"__almanac_order\"\n") }

    /// The provider of the local runs.
    final class Provider: TableProvider, @unchecked Sendable {
        var datasetNames: [String] { StepFixtures.all.keys.sorted() }

        func resolve(_ name: String, quoted: Bool) -> SourceResolution {
            if !quoted, StepFixtures.all[name] != nil { return .found(SourceHandle(key: "memory:" + name, displayName: name, shortName: name)) }
            let path = name.hasPrefix("/") ? name : GoldenSteps.directory.appendingPathComponent(name).path
            if quoted || name.hasSuffix(".csv") {
                return FileManager.default.fileExists(atPath: path) ? .found(SourceHandle(key: "file:" + path, displayName: name)) : .missingFile(name)
            }
            return .unknown
        }

        func schema(of source: SourceHandle) throws -> Schema { Schema(try table(source)) }

        func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable { SourceTable(table: try table(source)) }

        private func table(_ source: SourceHandle) throws -> Table {
            if source.key.hasPrefix("file:") { return try CSVReader.load(path: String(source.key.dropFirst(5))).table }
            guard let t = StepFixtures.all[source.displayName] else {
                throw DiagnosticError(.error("test.no-table", "no table '\(source.displayName)'"))
            }
            return t
        }
    }
}
