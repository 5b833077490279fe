import AlmanacIO
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// The spark dialect's SQL run in Spark (pyspark in local mode, one session for every statement) against Almanac's
/// own result, over the DuckDB cross-check's data (gaps, nulls, zeros, Huế in NFD on odd months) and lookup loaded
/// as the views `trade` and `provinces`: every figure agrees to 1e-9, nulls included; sorted results row for row. The same run shows the
/// comparison can fail: a copy of one result with a figure changed must be rejected.
final class SQLSparkCrossCheckTests: XCTestCase {
    func testSparkRunsTheSQLToAlmanacsFigures() throws {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import pyspark"], timeout: 120)
        guard probe.status == 0 else {
            return XCTFail("the Spark cross-check needs python3 with pyspark and a Java runtime (scripts/install-deps.sh --test)\n\(probe.stderrText)")
        }
        let dir = TestSupport.temporaryDirectory("sql-spark-crosscheck")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("trade.csv").path
        try SQLCrossCheckTests.sample().write(toFile: data, atomically: true, encoding: .utf8)
        let lookup = dir.appendingPathComponent("provinces.csv").path
        try SQLCrossCheckTests.lookupSample.write(toFile: lookup, atomically: true, encoding: .utf8)
        let views = "trade\t\(data)\tperiod STRING, province STRING, flow STRING, value_usd DOUBLE\n"
            + "provinces\t\(lookup)\tprovince STRING, region STRING, target BIGINT\n"
        try views.write(to: dir.appendingPathComponent("views.tsv"), atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let compiler = SQLCompiler(dialect: SparkDialect()) { h in .table(h.key.hasSuffix("provinces.csv") ? "provinces" : "trade") }
        let queries = SQLCrossCheckTests.allQueries
        for q in queries {
            let text = SQLCrossCheckTests.text(q.text, data: data, lookup: lookup)
            let result = try engine.run(text, name: "\(q.name).aq")
            XCTAssertGreaterThan(result.table.rowCount, 0, q.name)
            let csv = String(decoding: CSVWriter.bytes(result.table), as: UTF8.self)
            try csv.write(to: dir.appendingPathComponent("\(q.name).csv"), atomically: true, encoding: .utf8)
            if q.name == "growth" {
                try SQLCrossCheckTests.corrupted(csv).write(to: dir.appendingPathComponent("growth.corrupt.csv"), atomically: true, encoding: .utf8)
            }
            // A pivot's values are read by Almanac from the same file (a Spark session per pivot would cost 11 s each).
            let sql = try compiler.compile(try engine.check(.init(name: "\(q.name).aq", text: text)), engine: engine) { _, plan in try engine.pivotValues(plan) }
            try sql.write(to: dir.appendingPathComponent("\(q.name).sql"), atomically: true, encoding: .utf8)
            if q.ordered { try "".write(to: dir.appendingPathComponent("\(q.name).ordered"), atomically: true, encoding: .utf8) }
        }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/spark_crosscheck.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script, dir.path] + queries.map(\.name), timeout: 300)
        XCTAssertEqual(run.status, 0, "Almanac and Spark disagree:\n\(run.stdoutText)\n\(run.stderrText.suffix(4000))")
        for q in queries {
            XCTAssertTrue(run.stdoutText.contains("spark-crosscheck: \(q.name): \(try rows(dir, q.name)) rows agree"), "\(q.name) not compared:\n\(run.stdoutText)")
        }
        XCTAssertTrue(run.stdoutText.contains("spark-crosscheck: growth: the corrupted copy is rejected: growth: row"), run.stdoutText)
    }

    /// The rows of Almanac's result NAME.csv.
    func rows(_ dir: URL, _ name: String) throws -> Int {
        try String(contentsOf: dir.appendingPathComponent("\(name).csv"), encoding: .utf8).split(separator: "\n").count - 1
    }
}
