import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// `unpivot` in SQL: a lateral VALUES list per input row (DuckDB runs it in `SQLCrossCheckTests`, PostgreSQL in
/// `SQLPostgresCrossCheckTests`, both against Almanac's figures).
final class SQLUnpivotTests: XCTestCase {
    /// Period names travel as ordinals (2021, 2022 as years), values cast to the values' type, empty cells filtered
    /// out, a sort's order carried as input order × columns + position.
    func testPostgresUnpivotOfYearColumns() throws {
        let dir = TestSupport.temporaryDirectory("sql-unpivot")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("trade.csv").path
        try SQLGoldenTests.header.write(toFile: data, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let query = "from \"\(data)\"\nderive `2021` = value_usd, `2022` = value_usd / 2\nsort province\nunpivot `2021`, `2022` into year, v"
        let plan = try engine.check(.init(name: "golden.aq", text: query))
        let sql = try SQLCompiler(dialect: PostgresDialect()) { _ in .table("stats.trade") }.compile(plan)
        let golden = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Tests/AlmanacSQLTests/Golden/postgres_unpivot.sql"), encoding: .utf8)
        XCTAssertEqual(sql, golden)
    }
}
