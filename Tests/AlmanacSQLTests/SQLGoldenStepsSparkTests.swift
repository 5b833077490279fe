import AlmanacCore
import AlmanacEngine
import AlmanacIO
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest

/// The golden step queries SQLGoldenStepsPostgresTests runs in PostgreSQL and DuckDB, compiled with the spark dialect
/// and run in Spark (pyspark in local mode; one session for every statement, scripts/crosscheck/spark_crosscheck.py)
/// over the golden fixtures written as CSV files and loaded as views: every figure equals Almanac's to 1e-9, nulls
/// included. The goldens the spark dialect refuses are listed by name, each with the word its error names.
final class SQLGoldenStepsSparkTests: XCTestCase {
    /// Golden → what the spark dialect's refusal names: the other dialects' refusals.
    static let refused = SQLGoldenStepsPostgresTests.refused

    func testTheGoldenStepsRunInSparkToAlmanacsFigures() throws {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import pyspark"], timeout: 120)
        guard probe.status == 0 else {
            return XCTFail("the Spark golden check needs python3 with pyspark and a Java runtime (scripts/install-deps.sh --test)\n\(probe.stderrText)")
        }
        let dir = TestSupport.temporaryDirectory("sql-golden-spark")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let tables = dir.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try GoldenSteps.write(to: tables)
        // Every table a view of its CSV file, typed as Almanac has it (periods as their text, as in PostgreSQL).
        let dialect = SparkDialect()
        var views = ""
        for (name, table) in try GoldenSteps.tables() {
            let schema = table.columns.map { "\(dialect.identifier($0.name)) \(dialect.typeName($0.dataType.isPeriod ? .text : $0.dataType))" }
            views += "\(name)\t\(tables.appendingPathComponent(name + ".csv").path)\t\(schema.joined(separator: ", "))\n"
        }
        try views.write(to: dir.appendingPathComponent("views.tsv"), atomically: true, encoding: .utf8)
        let compiler = SQLCompiler(dialect: dialect) { h in .table(GoldenSteps.tableName(h)) }
        let engine = GoldenSteps.engine()
        var names: [String] = []
        // A pivot's values are read by Almanac from the same tables (a Spark session per pivot would cost 11 s each).
        try SQLGoldenStepsPostgresTests.forEachGolden(compiler, refused: Self.refused, values: { _, plan in try engine.pivotValues(plan) }) { q, local, sql in
            let name = String(q.name.dropLast(3))
            try Data(CSVWriter.bytes(local)).write(to: dir.appendingPathComponent(name + ".csv"))
            try sql.write(to: dir.appendingPathComponent(name + ".sql"), atomically: true, encoding: .utf8)
            if GoldenSteps.isOrdered(sql) {
                let keys = SQLGoldenStepsPostgresTests.tiedSorts[q.name].map { $0.joined(separator: "\n") + "\n" } ?? ""
                try keys.write(to: dir.appendingPathComponent(name + ".ordered"), atomically: true, encoding: .utf8)
            }
            names.append(name)
        }
        XCTAssertGreaterThanOrEqual(names.count, 40)
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/spark_crosscheck.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script, dir.path] + names, timeout: 900)
        XCTAssertEqual(run.status, 0, "Almanac and Spark disagree:\n\(run.stdoutText)\n\(run.stderrText.suffix(6000))")
        for name in names {
            XCTAssertTrue(run.stdoutText.contains("spark-crosscheck: \(name): "), "\(name) not compared:\n\(run.stdoutText)")
        }
    }
}
