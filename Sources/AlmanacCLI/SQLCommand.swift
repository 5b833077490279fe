import ArgumentParser
import Foundation
import Almanac
import AlmanacSQL

/// `almanac sql`: the query compiled to one SQL statement, printed (nothing runs but, for a pivot, the reading of the
/// pivot column's values).
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql", abstract: "Print the query as one SQL statement for PostgreSQL, DuckDB or Spark.",
        discussion: """
            Periods travel as integer ordinals (month = 12·year + month − 1); yoy, pop, lag and diff look their base up by \
            period, never by row position. A step or function the dialect cannot express is an error that names it. A \
            pivot's columns come from the data: its values are read first from the database table, or with --dialect duckdb \
            from the CSV files the statement reads; otherwise pivot is an error.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: QuerySource
    @Option(help: "The SQL dialect: postgres, duckdb or spark.") var dialect: String = "duckdb"

    func run() throws {
        guard let d = Dialects.named(dialect) else {
            throw ValidationError("unknown dialect '\(dialect)': use \(Dialects.all.map(\.name).joined(separator: " or "))")
        }
        try reportingErrors {
            let engine = try global.engine()
            let plan = try engine.check(try source.sourceFile(), parameters: try source.parameters())
            let provenance = engine.provider as? DatasetProvenance
            let resolve: (SourceHandle) -> SQLSource = { h in
                // A database dataset is its table; another catalog dataset a table of its name.
                if let table = provenance?.dataset(for: h)?.database?.table { return .table(table) }
                return SQLCommand.source(of: h)
            }
            let compiler = SQLCompiler(dialect: d, resolve: resolve)
            // A pivot's columns come from the data: its values are read first, in the database a dataset lives in,
            // or (where the dialect reads the files themselves) by Almanac from the files; else the error says so.
            let sql = try compiler.compile(plan, engine: engine) { _, partial in
                if let values = try (engine.provider as? PlanPushdown)?.pivotValues(partial) { return values }
                let files = partial.sourcesRead.allSatisfy { if case .csvFile = resolve($0) { return true } else { return false } }
                return d.readsCSVFiles && files ? try engine.pivotValues(partial) : nil
            }
            print(sql, terminator: "")
        }
    }

    /// A catalog dataset is a table of its name; a CSV file by path is read as a file (where the dialect can).
    static func source(of handle: SourceHandle) -> SQLSource {
        if handle.key.hasPrefix("file:") { return .csvFile(String(handle.key.dropFirst(5))) }
        return .table(handle.shortName)
    }
}
