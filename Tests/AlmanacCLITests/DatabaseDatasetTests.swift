import AlmanacPostgres
import AlmanacTestSupport
import Foundation
import XCTest

/// Catalog datasets that live in PostgreSQL (`database`, `table`): `query`, `check`, `explain` and `export` through
/// the `almanac` executable against a throwaway PostgreSQL 15 cluster. The same data is also a CSV dataset, and the
/// database's answer must be the file's, figure for figure.
final class DatabaseDatasetTests: XCTestCase {
    /// Two provinces × 30 months with a gap (month 7 missing), a null and a zero; Huế in NFD on odd months.
    static let csv: String = {
        var out = "period,province,value_usd\n"
        for p in ["Hà Giang", "Huế"] {
            for m in 0..<30 where m != 7 {
                let name = p == "Huế" && m % 2 == 1 ? p.decomposedStringWithCanonicalMapping : p
                let v = m == 11 ? "" : m == 14 ? "0" : String(100 + m * 7 + (p == "Huế" ? 3 : 0))
                out += "\(2022 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(name),\(v)\n"
            }
        }
        return out
    }()

    struct Setup {
        var dir: URL
        var url: String
    }

    func setUpData() throws -> Setup {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the database dataset tests need a throwaway PostgreSQL cluster, which could not start: \(error)")
            throw error
        }
        let db = try PostgresConnection(url: url)
        try db.execute("DROP TABLE IF EXISTS cli_trade")
        try db.execute("CREATE TABLE cli_trade (period text, province text, value_usd double precision, note text)")
        try db.copyIn("COPY cli_trade (period, province, value_usd) FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.csv.utf8))
        let dir = TestSupport.temporaryDirectory("db-datasets")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Self.csv.write(to: dir.appendingPathComponent("trade.csv"), atomically: true, encoding: .utf8)
        try catalog(url: url, table: "cli_trade").write(to: dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        return Setup(dir: dir, url: url)
    }

    func catalog(url: String, table: String, measure: String = "value_usd") -> String {
        """
        [datasets.trade]
        database = "\(url)"
        table = "\(table)"
        period = "period"
        frequency = "month"
        dimensions = ["province"]
        [datasets.trade.measures]
        \(measure) = { unit = "USD" }

        [datasets.trade_file]
        file = "trade.csv"
        period = "period"
        frequency = "month"
        dimensions = ["province"]
        [datasets.trade_file.measures]
        value_usd = { unit = "USD" }
        """
    }

    func almanac(_ args: [String], _ s: Setup) throws -> CLIResult {
        try CLIRunner.run(args + ["--data-dir", s.dir.path], in: s.dir)
    }

    func testAQueryRunsInPostgreSQLAndAgreesWithTheFile() throws {
        let s = try setUpData()
        let steps = " | select period, province, value_usd | derive g = yoy(value_usd), y = ytd(value_usd), r = rolling(value_usd, 3) | sort province, period"
        let agg = " | aggregate v = sum(value_usd) by province, year = year(period) | derive g = yoy(v), s = share(v) | sort province, year"
        // A pivot reads its values in PostgreSQL first, then runs there with the steps after it (Huế in NFD and NFC is one column).
        let pivot = " | aggregate v = sum(value_usd) by province, year = year(period) | pivot province | derive d = `Huế` - `Hà Giang` | sort year"
        for tail in [steps, agg, pivot] {
            let db = try almanac(["query", "from trade" + tail, "--format", "csv"], s)
            let file = try almanac(["query", "from trade_file" + tail, "--format", "csv"], s)
            XCTAssertEqual(db.status, 0, db.stderr)
            XCTAssertEqual(file.status, 0, file.stderr)
            XCTAssertGreaterThan(db.stdout.split(separator: "\n").count, 3)
            XCTAssertEqual(db.stdout.precomposedStringWithCanonicalMapping, file.stdout.precomposedStringWithCanonicalMapping, tail)
        }
    }

    func testExplainSaysWhereItRuns() throws {
        let s = try setUpData()
        let r = try almanac(["explain", "from trade | where value_usd > 100"], s)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("runs in PostgreSQL") && r.stdout.contains("cli_trade"), r.stdout)
        let local = try almanac(["explain", "from trade_file | where value_usd > 100"], s)
        XCTAssertFalse(local.stdout.contains("runs in PostgreSQL"), local.stdout)
    }

    func testCheckUsesTheTablesRealColumns() throws {
        let s = try setUpData()
        let good = s.dir.appendingPathComponent("good.aq"), bad = s.dir.appendingPathComponent("bad.aq")
        try "from trade\nwhere note = \"x\"\nselect period, province, value_usd".write(to: good, atomically: true, encoding: .utf8)
        try "from trade\nselect period, provnce".write(to: bad, atomically: true, encoding: .utf8)
        let ok = try almanac(["check", good.path], s)
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        let no = try almanac(["check", bad.path], s)
        XCTAssertEqual(no.status, 1, no.stdout + no.stderr)
        XCTAssertTrue((no.stdout + no.stderr).contains("provnce"), no.stdout + no.stderr)
        // A catalog measure that is not a column of the table is named, with the table.
        try catalog(url: s.url, table: "cli_trade", measure: "value_vnd").write(to: s.dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        let cat = try almanac(["check", good.path], s)
        XCTAssertNotEqual(cat.status, 0)
        XCTAssertTrue((cat.stdout + cat.stderr).contains("no column 'value_vnd' in table 'cli_trade'"), cat.stdout + cat.stderr)
    }

    func testDatabaseFailuresAreOneSentenceAndAFailedExportLeavesNoFile() throws {
        let s = try setUpData()
        // A missing table.
        try catalog(url: s.url, table: "no_such_table").write(to: s.dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        let missing = try almanac(["query", "from trade"], s)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no table 'no_such_table'") && missing.stderr.contains("127.0.0.1:"), missing.stderr)
        // A refused connection, and an export over it: no file.
        try catalog(url: "postgresql://almanac@127.0.0.1:1/postgres", table: "cli_trade").write(to: s.dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        let refused = try almanac(["query", "from trade"], s)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("127.0.0.1:1 refused the connection"), refused.stderr)
        let workbook = s.dir.appendingPathComponent("w.toml"), out = s.dir.appendingPathComponent("w.xlsx")
        try """
            title = "Kiểm tra"
            output = "w.xlsx"
            [[sheets]]
            name = "Tệp"
            query = "q1.aq"
            [[sheets]]
            name = "CSDL"
            query = "q2.aq"
            """.write(to: workbook, atomically: true, encoding: .utf8)
        try "from trade_file".write(to: s.dir.appendingPathComponent("q1.aq"), atomically: true, encoding: .utf8)
        try "from trade | aggregate v = sum(value_usd) by province".write(to: s.dir.appendingPathComponent("q2.aq"), atomically: true, encoding: .utf8)
        let export = try almanac(["export", workbook.path, "-o", out.path], s)
        XCTAssertNotEqual(export.status, 0, export.stdout)
        XCTAssertTrue(export.stderr.contains("refused the connection"), export.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// `almanac sql` over a pivot: the values come from the database table (postgres) or from the CSV file the
    /// statement reads (duckdb); a table it cannot read (a catalog file named as a table in postgres) is an error
    /// saying the pivot needs its values.
    func testSQLReadsAPivotsValuesFromTheData() throws {
        let s = try setUpData()
        let db = try almanac(["sql", "--dialect", "postgres", "from trade | aggregate v = sum(value_usd) by province, year = year(period) | pivot year"], s)
        XCTAssertEqual(db.status, 0, db.stderr)
        for year in ["2022", "2023", "2024"] { XCTAssertTrue(db.stdout.contains("AS \"\(year)\""), db.stdout) }
        XCTAssertFalse(db.stdout.contains("AS \"2025\""), db.stdout)
        let file = try almanac(["sql", "--dialect", "duckdb", "from \"trade.csv\" | pivot province values value_usd"], s)
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertTrue(file.stdout.contains("read_csv(") && file.stdout.contains("AS \"Hà Giang\", MAX(CASE WHEN \"province\" = 'Huế'"), file.stdout)
        let refused = try almanac(["sql", "--dialect", "postgres", "from trade_file | pivot province"], s)
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("pivot needs its values to be compiled to SQL for postgres"), refused.stderr)
    }
}
