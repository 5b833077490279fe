import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// The statements for a few pipelines, checked by hand once and kept: a change in the SQL shows up here.
final class SQLGoldenTests: XCTestCase {
    static let header = "period,province,flow,value_usd\n2023-01,Hà Nội,export,10.5\n2024-01,Huế,import,\n"

    /// The statement for `query` over a CSV of the header above, read as the table `trade` (postgres) or by path.
    /// With `pivotValues`, a pivot takes its values from the data, read by Almanac (`QueryEngine.pivotValues`).
    func compile(_ query: String, _ dialect: any Dialect, asTable: Bool, pivotValues: Bool = false) throws -> String {
        let dir = TestSupport.temporaryDirectory("sql-golden")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.header.write(to: dir.appendingPathComponent("trade.csv"), atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let text = query.replacingOccurrences(of: "DATA", with: dir.appendingPathComponent("trade.csv").path)
        let plan = try engine.check(.init(name: "golden.aq", text: text))
        let compiler = SQLCompiler(dialect: dialect) { _ in asTable ? .table("stats.trade") : .csvFile("trade.csv") }
        let sql = pivotValues ? try compiler.compile(plan, engine: engine) { _, plan in try engine.pivotValues(plan) } : try compiler.compile(plan)
        if ProcessInfo.processInfo.environment["ALMANAC_PRINT_SQL"] != nil { print("----\n" + sql) }
        return sql
    }
}

extension SQLGoldenTests {
    func golden(_ name: String) throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Tests/AlmanacSQLTests/Golden/\(name).sql"), encoding: .utf8)
    }

    /// where, derive, sort (Vietnamese collation, nulls last) and take in PostgreSQL, from a table.
    func testPostgresPipeline() throws {
        let sql = try compile("from \"DATA\"\nwhere flow = \"export\" and value_usd > 10\nderive half = value_usd / 2\nsort province, period desc\ntake 5", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_pipeline"))
    }

    /// aggregate (median as percentile_cont) by year(period), then yoy over the yearly period: 1 PRECEDING; the rows
    /// ordered as Almanac orders an aggregate's (by its keys, Vietnamese order, the period last).
    func testPostgresAggregateThenYoy() throws {
        let sql = try compile("from \"DATA\"\naggregate v = sum(value_usd), m = median(value_usd), n = count() by province, year = year(period)\nderive g = yoy(v)", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_aggregate_yoy"))
    }

    /// yoy(v, matched) over yearly sums of the flows: the sums per (row, flow) paired with the base year's flows,
    /// each row's flows listed (string_agg) to tell the rows whose two sides differ, those rows' growth computed over
    /// the flows on both sides, the others' the plain RANGE window.
    func testPostgresMatchedGrowth() throws {
        let sql = try compile("from \"DATA\"\naggregate v = sum(value_usd) by province, year = year(period)\nderive g = yoy(v, matched)", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_matched"))
    }

    /// yoy of a year-to-date column compares windows: each row's months as a BIT_OR mask over the year-to-date frame,
    /// beside its base row's (a RANGE window one year back); null where they differ, with matched the sums over the
    /// months in both; the inline yoy(ytd(x)) computes ytd(x) first, as a hidden column named by its text.
    func testPostgresYearToDateWindows() throws {
        let sql = try compile("from \"DATA\"\nderive y = ytd(value_usd)\nderive g = yoy(y), m = yoy(y, matched), i = yoy(ytd(value_usd))", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_ytd_windows"))
    }

    /// read_csv with Almanac's types; lag as a self-join on the integer month (the form measured fastest in DuckDB),
    /// rolling and share as windows.
    func testDuckDBWindowsOverACSV() throws {
        let sql = try compile("from \"DATA\"\nderive l = lag(value_usd, 12), r = rolling(value_usd, 3), s = share(value_usd)\nselect period, province, l, r, s", DuckDBDialect(), asTable: false)
        XCTAssertEqual(sql, try golden("duckdb_csv_windows"))
    }

    /// Spark: backquoted names, backslash-escaped literals, text read through the `vi` collation (NFC and NFD equal),
    /// DIV for the year of a month, yoy as a RANGE window over the integer month.
    func testSparkQuotingCollationAndWindows() throws {
        let sql = try compile("from \"DATA\"\nwhere flow != \"it's\\\\here\"\nderive g = yoy(value_usd), y = year(period)\nsort province\ntake 3", SparkDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("spark_pipeline"))
    }

    /// join (a LEFT JOIN that fails on a duplicated lookup key), then compare (sums over each range, growth on a
    /// non-zero base), in PostgreSQL.
    func testPostgresJoinThenCompare() throws {
        let sql = try compile("from \"DATA\"\njoin \"DATA\" on period, province, flow\ncompare 2023..2023 vs 2024..2024", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_join_compare"))
    }

    /// unpivot: a lateral VALUES list per input row, period names as ordinals (2021, 2022 as years), values cast to
    /// the values' type, empty cells filtered out, a sort's order carried as input order × columns + position.
    func testPostgresUnpivotOfYearColumns() throws {
        let sql = try compile("from \"DATA\"\nderive `2021` = value_usd, `2022` = value_usd / 2\nsort province\nunpivot `2021`, `2022` into year, v", PostgresDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("postgres_unpivot"))
    }

    /// unpivot in Spark: the `stack` generator in a lateral view (Spark evaluates no outer column in VALUES); text
    /// names as literals, `keep nulls` without a filter.
    func testSparkUnpivotOfNamedColumns() throws {
        let sql = try compile("from \"DATA\"\nderive twice = value_usd * 2\nunpivot value_usd, twice into measure, amount keep nulls", SparkDialect(), asTable: true)
        XCTAssertEqual(sql, try golden("spark_unpivot"))
    }

    /// Steps and functions the dialect cannot express are errors that name them (never a partial statement).
    func testUnsupportedStepsAndFunctionsAreNamed() throws {
        let cases: [(String, String)] = [
            ("from \"DATA\"\nderive x = period(flow)", "period() of a text column"),
            ("from \"DATA\"\naggregate v = sum(value_usd) by province\ntake 1", "take without a sort"),
            ("from \"DATA\"\naggregate g = first(flow) by province", "first() of text"),
            // (In a derive, the inner call is computed first; a select has no place for it.)
            ("from \"DATA\"\nselect period, g = yoy(cumsum(value_usd))", "a time function inside another"),
        ]
        for (query, named) in cases {
            XCTAssertThrowsError(try compile(query, DuckDBDialect(), asTable: false), query) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(named) && text.contains("cannot be compiled to SQL for duckdb"), "\(query): \(text)")
            }
        }
        // A pivot without its values (one statement cannot know them) names the pivot.
        XCTAssertThrowsError(try compile("from \"DATA\"\naggregate v = sum(value_usd) by flow, period\npivot period\nderive x = 1", DuckDBDialect(), asTable: false)) { error in
            XCTAssertTrue("\(error)".contains("pivot needs its values to be compiled to SQL for duckdb"), "\(error)")
        }
        // A CSV file in PostgreSQL: a source must be a table there.
        XCTAssertThrowsError(try compile("from \"DATA\"", PostgresDialect(), asTable: false)) { error in
            XCTAssertTrue("\(error)".contains("a source must be a table"), "\(error)")
        }
    }

    /// pivot as conditional aggregation (its values read first: export before import), one column per flow, a
    /// duplicate stopping the statement, and a derive over the new columns on top, in PostgreSQL.
    func testPostgresPivotThenDerive() throws {
        let sql = try compile("from \"DATA\"\naggregate v = sum(value_usd) by province, flow\npivot flow\nderive t = export + coalesce(import, 0)",
                              PostgresDialect(), asTable: true, pivotValues: true)
        XCTAssertEqual(sql, try golden("postgres_pivot_derive"))
    }
}
