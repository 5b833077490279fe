import XCTest
import AlmanacTestSupport

/// `describe --format`, `explain` without a data folder, and a catalog entry whose file is missing (issue 14 item 4).
final class DescribeExplainDatasetsTests: XCTestCase {
    var csv: String { TestSupport.packageRoot.appendingPathComponent("Data/demo/trade_monthly.csv").path }

    func testDescribeTakesFormatJSONAndCSV() throws {
        let j = try CLIRunner.run(["describe", csv, "--format", "json"])
        XCTAssertEqual(j.status, 0, j.stderr)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any], j.stdout)
        XCTAssertEqual(obj["rows"] as? Int, 4602)
        XCTAssertEqual((obj["period"] as? [String: Any])?["frequency"] as? String, "month")
        let columns = try XCTUnwrap(obj["columns"] as? [[String: Any]])
        XCTAssertEqual(columns.map { $0["name"] as? String }, ["period", "province", "border_gate", "partner", "flow", "product", "hs_code", "value_usd"])
        XCTAssertEqual(columns[1]["distinct"] as? Int, 2)

        let c = try CLIRunner.run(["describe", csv, "--format", "csv"])
        XCTAssertEqual(c.status, 0, c.stderr)
        let lines = c.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "column,type,role,unit,nulls,marker_nulls,distinct,note")
        XCTAssertEqual(lines.count, 9)
        XCTAssertTrue(lines[2].hasPrefix("province,text,key,,0,,2,"), String(lines[2]))
        XCTAssertFalse(c.stdout.contains("rows:"), "not the text")
    }

    func testExplainReadsAFileByPathWithoutADataFolder() throws {
        let empty = TestSupport.temporaryDirectory("explain")
        let e = try CLIRunner.run(["explain", "from \"\(csv)\" | take 1"], in: empty)
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("1. Scan \(csv)"), e.stdout)
        let q = try CLIRunner.run(["query", "from \"\(csv)\" | take 1"], in: empty)
        XCTAssertEqual(q.status, 0, q.stderr)
    }

    func testAMissingCatalogFileFailsOnlyTheQueriesThatUseIt() throws {
        let dir = TestSupport.temporaryDirectory("missing-entry")
        let data = dir.appendingPathComponent("Data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("period,v\n2024-01,1\n2024-02,2\n".utf8).write(to: data.appendingPathComponent("here.csv"))
        try Data("period,v\n2024-01,5\n".utf8).write(to: dir.appendingPathComponent("other.csv"))
        try Data("[datasets.here]\nfile = \"here.csv\"\n[datasets.gone]\nfile = \"gone/gone.csv\"\n".utf8)
            .write(to: data.appendingPathComponent("catalog.toml"))

        let other = try CLIRunner.run(["query", "from \"other.csv\" | aggregate n = sum(v)", "--format", "csv"], in: dir)
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertEqual(other.stdout, "n\n5\n")
        let here = try CLIRunner.run(["query", "from here | aggregate n = sum(v)", "--format", "csv"], in: dir)
        XCTAssertEqual(here.status, 0, here.stderr)
        XCTAssertEqual(here.stdout, "n\n3\n")
        XCTAssertEqual(try CLIRunner.run(["describe", "here"], in: dir).status, 0)

        let gone = try CLIRunner.run(["query", "from gone"], in: dir)
        XCTAssertEqual(gone.status, 1)
        XCTAssertTrue(gone.stderr.contains("dataset 'gone', field 'file': no such file"), gone.stderr)
        XCTAssertTrue(gone.stderr.contains("gone/gone.csv"), gone.stderr)

        let list = try CLIRunner.run(["datasets", "--format", "csv"], in: dir)
        XCTAssertEqual(list.status, 0, list.stderr)
        let rows = list.stdout.split(separator: "\n")
        XCTAssertTrue(rows[0].hasSuffix(",status"), String(rows[0]))
        XCTAssertTrue(rows.contains { $0.hasPrefix("gone,") && $0.contains("missing file: ") }, list.stdout)
        XCTAssertTrue(rows.contains { $0.hasPrefix("here,") && $0.hasSuffix(",ok") }, list.stdout)
    }
}
