import XCTest
import AlmanacTestSupport

/// `almanac query`, `explain` and `check` as a user runs them.
final class QueryCommandTests: XCTestCase {
    let growthQuery = "from trade_annual | derive growth = yoy(turnover) | select province, period, turnover, growth"

    func testQueryPrintsAndSavesCSVJSONAndXLSX() throws {
        let table = try CLIRunner.run(["query", growthQuery])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("Hà Giang  2021       180.1    3.0%"), table.stdout)

        let dir = TestSupport.temporaryDirectory("query-out")
        for ext in ["csv", "json", "xlsx"] {
            let out = dir.appendingPathComponent("r.\(ext)").path
            let r = try CLIRunner.run(["query", growthQuery, "-o", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("wrote 2 rows × 4 columns to \(out)"), r.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        }
        let csv = try String(contentsOfFile: dir.appendingPathComponent("r.csv").path, encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("province,period,turnover,growth\nHà Giang,2020,174.8,\nHà Giang,2021,180.1,0.0303"), csv)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json"))) as! [[String: Any]]
        XCTAssertEqual(json.count, 2)
        XCTAssertEqual(json[1]["period"] as? String, "2021")
        XCTAssertTrue(json[0]["growth"] is NSNull)
        let xlsx = try Data(contentsOf: dir.appendingPathComponent("r.xlsx"))
        XCTAssertEqual(Array(xlsx.prefix(2)), [0x50, 0x4B], "a zip container")

        let bad = try CLIRunner.run(["query", growthQuery, "-o", dir.appendingPathComponent("r.txt").path])
        XCTAssertEqual(bad.status, 64, "an output type that cannot be written is a usage error")
        XCTAssertTrue(bad.stderr.contains("end its name in .csv, .json or .xlsx"), bad.stderr)
    }

    func testQueryErrorsShowTheCaretAndExitOne() throws {
        let r = try CLIRunner.run(["query", "from trade_annual | derive g = yoy(turnovr)"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("unknown column 'turnovr'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("^^^^^^^"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean 'turnover'?"), r.stderr)
        let missingParam = try CLIRunner.run(["query", "from trade_monthly | where period = $period"])
        XCTAssertEqual(missingParam.status, 1)
        XCTAssertTrue(missingParam.stderr.contains("parameter '$period' has no value"), missingParam.stderr)
        let badMonth = try CLIRunner.run(["query", "from trade_monthly | where period = $period", "--param", "period=2024-13"])
        XCTAssertEqual(badMonth.status, 1)
        XCTAssertTrue(badMonth.stderr.contains("parameter '$period' = '2024-13': month 13 does not exist"), badMonth.stderr)
        let withParam = try CLIRunner.run(["query", "from trade_monthly | where period = $period | aggregate n = count()", "--param", "period=2024-10", "--format", "csv"])
        XCTAssertEqual(withParam.status, 0, withParam.stderr)
        XCTAssertTrue(withParam.stdout.hasPrefix("n\n"), withParam.stdout)
    }

    func testExplainAndCheck() throws {
        let e = try CLIRunner.run(["explain", growthQuery])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("1. Scan trade_annual"), e.stdout)
        XCTAssertTrue(e.stdout.contains("Derive growth = yoy(turnover)"), e.stdout)
        XCTAssertTrue(e.stdout.contains("growth: number [ratio]"), e.stdout)
        let pivoted = try CLIRunner.run(["explain", "-f", "Queries/kim-ngach-luy-ke.aq"])
        XCTAssertEqual(pivoted.status, 0, pivoted.stderr)
        XCTAssertTrue(pivoted.stdout.contains("more steps after the pivot, bound when its columns are known"), pivoted.stdout)

        let dir = TestSupport.temporaryDirectory("check")
        try Data("# a broken saved query\nfrom trade_annual\nderive g = yoy(turnovr)\n".utf8).write(to: dir.appendingPathComponent("broken.aq"))
        try Data("# a good one\nfrom trade_annual\nderive g = yoy(turnover)\n".utf8).write(to: dir.appendingPathComponent("good.aq"))
        let c = try CLIRunner.run(["check", dir.path])
        XCTAssertEqual(c.status, 1)
        XCTAssertTrue(c.stdout.contains("1 passed, 1 failed"), c.stdout)
        XCTAssertTrue(c.stderr.contains("broken.aq:3:16"), c.stderr)
    }
}

extension QueryCommandTests {
    func testExportingAMonthWithoutDataSaysSo() throws {
        let dir = TestSupport.temporaryDirectory("empty-month")
        let out = dir.appendingPathComponent("m.xlsx").path
        let r = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "--param", "period=2025-01", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: sheet 'Kim ngạch tháng' has no rows for these parameters"), r.stderr)
        XCTAssertTrue(r.stdout.contains("Kim ngạch tháng: 0 rows, 6 columns, 1 warning (see Ghi chú)"), r.stdout)
        let early = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "--param", "period=1800-01", "-o", out])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("pivot: no rows to spread into columns"), early.stderr)
    }
}

extension QueryCommandTests {
    func testMissingDataFolderAndFractionalCounts() throws {
        let noData = try CLIRunner.run(["datasets", "--data-dir", "/nonexistent-almanac-data"])
        XCTAssertEqual(noData.status, 1)
        XCTAssertTrue(noData.stderr.contains("no data folder at /nonexistent-almanac-data"), noData.stderr)
        // A query over a file by path needs no catalog; naming a dataset then says why there is none.
        let folder = TestSupport.temporaryDirectory("no-data")
        try Data("period,v\n2024-01,4\n2025-01,5\n".utf8).write(to: folder.appendingPathComponent("x.csv"))
        let file = try CLIRunner.run(["query", "from \"x.csv\" | derive g = yoy(v)", "--format", "csv"], in: folder)
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertEqual(file.stdout, "period,v,g\n2024-01,4,\n2025-01,5,0.25\n")
        let named = try CLIRunner.run(["query", "from trade_annual"], in: folder)
        XCTAssertEqual(named.status, 1)
        XCTAssertTrue(named.stderr.contains("the catalog has no datasets: run almanac in the project folder"), named.stderr)
        let frac = try CLIRunner.run(["query", "from trade_annual | derive l = lag(turnover, 1.5)"])
        XCTAssertEqual(frac.status, 1)
        XCTAssertTrue(frac.stderr.contains("lag's number of periods must be a whole number"), frac.stderr)
    }
}

extension QueryCommandTests {
    func testCheckPrintsWarningsAndPasses() throws {
        let folder = TestSupport.temporaryDirectory("check-warn")
        let file = folder.appendingPathComponent("w.aq")
        try Data("# q\nfrom trade_annual\nderive x = \"turnover\"\n".utf8).write(to: file)
        let r = try CLIRunner.run(["check", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("1 passed, 0 failed"), r.stdout)
        XCTAssertTrue(r.stderr.contains("warning: \"turnover\" is the text \"turnover\", not the column 'turnover'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("w.aq:3:"), r.stderr)
    }

    func testReplHelpForOneFunctionFromPipedInput() throws {
        let r = try CLIRunner.run(["repl"], stdin: ".help yoy\n.help yyo\nfrom trade_annual | aggregate n = count();\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("yoy(x[, matched]) — growth on the same period one year earlier"), r.stdout)
        XCTAssertTrue(r.stdout.contains("no function 'yyo'; did you mean 'yoy'?"), r.stdout)
        XCTAssertTrue(r.stdout.contains("(1 row)"), r.stdout)
    }
}

extension QueryCommandTests {
    func testExportFromAnotherFolderFindsTheProjectsData() throws {
        let elsewhere = TestSupport.temporaryDirectory("elsewhere")
        let workbook = TestSupport.packageRoot.appendingPathComponent("Workbooks/annual-overview.toml").path
        let out = elsewhere.appendingPathComponent("a.xlsx").path
        let r = try CLIRunner.run(["export", workbook, "-o", out], in: elsewhere)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }
}
