import XCTest
import AlmanacTestSupport

final class CLIBasicsTests: XCTestCase {
    func testSampleDescribeHeadAndFormats() throws {
        let dir = TestSupport.temporaryDirectory("cli")
        let csv = dir.appendingPathComponent("t.csv").path
        let s = try CLIRunner.run(["sample", "trade", "--rows", "300", "--out", csv, "--seed", "5"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout, "wrote 300 rows to \(csv)\n")

        let d = try CLIRunner.run(["describe", csv])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdout.contains("rows:    300"), d.stdout)
        XCTAssertTrue(d.stdout.contains("period:  'period', month, 2015-01"), d.stdout)

        let h = try CLIRunner.run(["head", csv, "-n", "2", "--format", "csv"])
        XCTAssertEqual(h.status, 0, h.stderr)
        let lines = h.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "period,province,partner,flow,product,value_usd")
        XCTAssertTrue(lines[1].hasPrefix("2015-01,Hà Giang,"), String(lines[1]))

        let j = try CLIRunner.run(["head", csv, "-n", "1", "--format", "json"])
        XCTAssertEqual(j.status, 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(parsed.count, 1)
        XCTAssertEqual(parsed[0]["period"] as? String, "2015-01")
        XCTAssertNotNil(parsed[0]["value_usd"] as? Double)

        let t = try CLIRunner.run(["head", csv, "-n", "1"])
        XCTAssertTrue(t.stdout.contains("value_usd"), t.stdout)
    }

    func testUserErrorsExitNonZeroWithOneMessage() throws {
        let dir = TestSupport.temporaryDirectory("cli")
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("a,b\n1,2\n3\n".utf8).write(to: bad)
        let r = try CLIRunner.run(["describe", bad.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: \(bad.path):3"), r.stderr)
        XCTAssertTrue(r.stderr.contains("expected 2 fields, found 1"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal"), r.stderr)

        let missing = try CLIRunner.run(["describe", dir.appendingPathComponent("none.csv").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("cannot open"), missing.stderr)

        let unknown = try CLIRunner.run(["describe", "nosuchdataset", "--data-dir", dir.path])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no dataset 'nosuchdataset'"), unknown.stderr)

        let usage = try CLIRunner.run(["head", bad.path, "-n", "-3"])
        XCTAssertNotEqual(usage.status, 0)
    }

    func testLenientDescribeListsRejectedRows() throws {
        let dir = TestSupport.temporaryDirectory("cli")
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("period,v\n2024-01,1\n2024-13,2\n2024-03,3,4\n".utf8).write(to: bad)
        let r = try CLIRunner.run(["describe", bad.path, "--lenient"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("rejected rows: 2 (all listed in out/rejected/bad.csv)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("line 3: field 1: month 13 does not exist in '2024-13'"), r.stdout)
        XCTAssertTrue(r.stdout.contains("line 4: expected 2 fields, found 3"), r.stdout)
    }
}

extension CLIBasicsTests {
    func testSampleDemoWritesTheBundledDemoData() throws {
        let dir = TestSupport.temporaryDirectory("demo-cli")
        let r = try CLIRunner.run(["sample", "demo", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["trade_monthly.csv", "tourism_monthly.csv", "aid_disbursement.csv", "plan_targets.csv"] {
            let fresh = try Data(contentsOf: dir.appendingPathComponent(name))
            let bundled = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Data/demo/\(name)"))
            XCTAssertEqual(fresh, bundled, name)
        }
        let unknown = try CLIRunner.run(["sample", "weather", "--out", dir.path])
        XCTAssertNotEqual(unknown.status, 0)
    }

    func testSampleRefusesMoreRowsThanItHolds() throws {
        let dir = TestSupport.temporaryDirectory("sample-cli")
        let out = dir.appendingPathComponent("t.csv").path
        let r = try CLIRunner.run(["sample", "trade", "--rows", "9000000000", "--out", out])
        XCTAssertEqual(r.status, 64, "an invalid option value is a usage error")
        XCTAssertTrue(r.stderr.contains("--rows 9000000000 is more than the trade sample holds: 75,000 series × 120 months"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written")
    }
}
