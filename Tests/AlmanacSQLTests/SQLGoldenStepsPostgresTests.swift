import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine
import AlmanacIO
import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest

/// Every golden step query with an expected output (`Tests/AlmanacEngineTests/Queries/steps/*.aq` + `.out`) compiled
/// to SQL and run in a throwaway PostgreSQL 15 over the golden fixtures loaded with COPY, and in DuckDB over them
/// written as CSV files: every figure equals Almanac's in-memory result to 1e-9, nulls included (sorted results
/// row for row, the others as sets of rows). The goldens the compiler refuses are listed here, each with the word
/// its error must name, so that the list cannot grow unnoticed.
final class SQLGoldenStepsPostgresTests: XCTestCase {
    /// Golden → what the compiler's refusal names (in every dialect tested here).
    static let refused: [String: String] = [
        // The local engine takes the first rows in the table's order; SQL rows have none.
        "select-take.aq": "take without a sort",
        // Day periods are not compiled yet.
        "period-functions.aq": "daily period",
    ]

    /// Sorted goldens whose sort keys tie: Almanac keeps tied rows in the table's order, which SQL rows do not
    /// have. Their rows are compared as a set, and the sort keys (these columns) row for row.
    static let tiedSorts: [String: [String]] = ["share-rank-whole-table.aq": ["n"]]

    func testTheGoldenStepsRunInPostgreSQLToAlmanacsFigures() throws {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the PostgreSQL golden check needs a throwaway cluster, which could not start: \(error)")
            throw error
        }
        let db = try PostgresConnection(url: url)
        try GoldenSteps.load(into: db, schema: "golden_steps")
        let compiler = SQLCompiler(dialect: PostgresDialect()) { h in .table("golden_steps." + GoldenSteps.tableName(h)) }
        var compared = 0
        var mismatches: [String] = []
        let values: (String, LogicalPlan) throws -> [Value]? = { sql, _ in
            let c = try db.query(sql)[0]
            return (0..<c.count).map { c.value(at: $0) }
        }
        try Self.forEachGolden(compiler, values: values) { q, local, sql in
            do {
                let remote = try db.query(sql)
                mismatches += try Self.compare(q.name, local: local, remote: remote, sql: sql)
                compared += 1
            } catch {
                mismatches.append("\(q.name): PostgreSQL failed: \(error)\n\(sql)")
            }
        }
        XCTAssertEqual(mismatches, [], "Almanac and PostgreSQL disagree")
        XCTAssertGreaterThanOrEqual(compared, 40)
    }

    /// Almanac's result against PostgreSQL's: sorted row for row, unsorted as sets, tie-sorted as sets with the sort
    /// keys row for row.
    static func compare(_ name: String, local: Table, remote: [Column], sql: String) throws -> [String] {
        let ordered = GoldenSteps.isOrdered(sql)
        guard let keys = tiedSorts[name] else { return SQLPostgresCrossCheckTests.compare(name, local: local, remote: remote, ordered: ordered) }
        guard ordered else { return ["\(name): listed as sorted with ties, but its statement does not sort"] }
        let projected = try Table(columns: local.columns.filter { keys.contains($0.name) })
        return SQLPostgresCrossCheckTests.compare(name, local: local, remote: remote, ordered: false)
            + SQLPostgresCrossCheckTests.compare(name + " (sort keys)", local: projected, remote: remote.filter { keys.contains($0.name) }, ordered: true)
    }

    /// The tie-sorted comparison can fail: the same rows in another order of the sort key are reported.
    func testATieSortedResultInTheWrongOrderIsReported() throws {
        let local = try Table(columns: [.texts("name", ["a", "b", "c"]), .ints("n", [1, 2, 2])])
        let sql = "SELECT 1\nORDER BY \"__almanac_order\"\n"
        let tiesSwapped = [Column.texts("name", ["a", "c", "b"]), .ints("n", [1, 2, 2])]
        XCTAssertEqual(try Self.compare("share-rank-whole-table.aq", local: local, remote: tiesSwapped, sql: sql), [])
        let reordered = [Column.texts("name", ["b", "c", "a"]), .ints("n", [2, 2, 1])]
        let found = try Self.compare("share-rank-whole-table.aq", local: local, remote: reordered, sql: sql)
        XCTAssertTrue(found.contains { $0.hasPrefix("share-rank-whole-table.aq (sort keys): row 1 n") }, "\(found)")
    }

    func testTheGoldenStepsRunInDuckDBToAlmanacsFigures() throws {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import duckdb"], timeout: 120)
        guard probe.status == 0 else {
            XCTFail("the DuckDB golden check needs python3 with duckdb (scripts/install-python-deps.sh)\n\(probe.stderrText)")
            return
        }
        let dir = TestSupport.temporaryDirectory("sql-golden-duckdb")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let tables = dir.appendingPathComponent("tables"), results = dir.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        try GoldenSteps.write(to: tables)
        let compiler = SQLCompiler(dialect: DuckDBDialect()) { h in .csvFile(tables.appendingPathComponent(GoldenSteps.tableName(h) + ".csv").path) }
        var names: [String] = []
        try Self.forEachGolden(compiler, values: { statement, _ in try Self.duckDBValues(statement, folder: dir) }) { q, local, sql in
            let name = String(q.name.dropLast(3))
            try Data(CSVWriter.bytes(local)).write(to: results.appendingPathComponent(name + ".csv"))
            try sql.write(to: results.appendingPathComponent(name + ".sql"), atomically: true, encoding: .utf8)
            if GoldenSteps.isOrdered(sql) {
                // A tie-sorted golden names its sort keys: those are compared row for row, the rows as a set.
                let keys = Self.tiedSorts[q.name].map { $0.joined(separator: "\n") + "\n" } ?? ""
                try keys.write(to: results.appendingPathComponent(name + ".ordered"), atomically: true, encoding: .utf8)
            }
            names.append(name)
        }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/sql_crosscheck.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script, results.path] + names, timeout: 600)
        XCTAssertEqual(run.status, 0, "Almanac and DuckDB disagree:\n\(run.stdoutText)\n\(run.stderrText)")
        for name in names { XCTAssertTrue(run.stdoutText.contains("sql-crosscheck: \(name):"), "\(name) not compared:\n\(run.stdoutText)") }
        XCTAssertGreaterThanOrEqual(names.count, 40)
    }

    /// Runs every golden locally and compiles it; `body` gets the ones that compile. A refusal must be listed in
    /// `refused` and name its step or function; a listed golden must be refused.
    static func forEachGolden(_ compiler: SQLCompiler, refused: [String: String] = SQLGoldenStepsPostgresTests.refused, values: (String, LogicalPlan) throws -> [Value]?,
                              _ body: (GoldenSteps.Query, Table, String) throws -> Void) throws {
        let engine = GoldenSteps.engine()
        let queries = try GoldenSteps.queries()
        XCTAssertGreaterThanOrEqual(queries.count, 50, "golden queries missing from \(GoldenSteps.directory.path)")
        var refusedHere: Set<String> = []
        var withWarnings = 0
        for q in queries {
            let run = try engine.run(.init(name: q.name, text: q.text), parameters: q.parameters)
            let local = run.table
            let sql: String
            do {
                sql = try compiler.compile(try engine.check(.init(name: q.name, text: q.text), parameters: q.parameters), engine: engine, values: values)
            } catch {
                let message = "\(error)"
                refusedHere.insert(q.name)
                if let word = refused[q.name] {
                    XCTAssertTrue(message.contains(word) && message.contains(compiler.dialect.name), "\(q.name): the refusal does not name \(word): \(message)")
                } else {
                    XCTFail("\(q.name): refused in \(compiler.dialect.name) but not listed as refused: \(message)")
                }
                continue
            }
            if !run.warnings.isEmpty { withWarnings += 1 }
            try body(q, local, sql)
        }
        // Goldens whose figures come with a warning (a missing base, an incomplete year) compare too.
        XCTAssertGreaterThanOrEqual(withWarnings, 20, "goldens with warnings compared")
        XCTAssertEqual(refusedHere, Set(refused.keys), "the goldens \(compiler.dialect.name) refuses")
    }

    /// The first column of a statement run in DuckDB (scripts/crosscheck/sql_values.py).
    static func duckDBValues(_ sql: String, folder: URL) throws -> [Value] {
        let file = folder.appendingPathComponent("values.sql")
        try sql.write(to: file, atomically: true, encoding: .utf8)
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/sql_values.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script, file.path], timeout: 300)
        guard run.status == 0 else { throw ChildProcessFailure("DuckDB failed on the pivot's values:\n\(run.stderrText)\n\(sql)") }
        return try run.stdoutText.split(separator: "\n").map { line in
            if line == "null" { return .null }
            if line == "true" || line == "false" { return .bool(line == "true") }
            if let i = Int64(line) { return .int(i) }
            if let d = Double(line) { return .float(d) }
            guard let s = try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed) as? String else {
                throw ChildProcessFailure("DuckDB gave a value the test cannot read: \(line)")
            }
            return .text(s)
        }
    }
}
