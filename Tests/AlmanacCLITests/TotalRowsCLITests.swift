import XCTest
import AlmanacTestSupport

/// Total rows and codes that look like months, as a planner meets them on the command line (issue 11 items 4, 7).
final class TotalRowsCLITests: XCTestCase {
    /// 2024-01: Hà Giang 100 + Cao Bằng 40 = 140, the total row says 140. 2024-02: 110 + 30 = 140, it says 150.
    let monthly = "period,province,value\n2024-01,Hà Giang,100\n2024-01,Cao Bằng,40\n2024-01,Tổng cộng,140\n2024-02,Hà Giang,110\n2024-02,Cao Bằng,30\n2024-02,Tổng cộng,150\n"

    func testShareIgnoresTheTotalRowAndTheQueryWarnsOfTheTotalThatDiffers() throws {
        let path = TestSupport.writeTemporary(monthly, name: "tong.csv")
        let r = try CLIRunner.run(["query", "from \"\(path)\" | derive s = share(value) | select period, province, s", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Within each month, of 140: 100/140 = 0.714…, 40/140 = 0.286…; 110/140 = 0.786…, 30/140 = 0.214…
        // (with the total row kept, Hà Giang's January share would be 100/280 and the total's 50%).
        let rows = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 5, r.stdout)
        XCTAssertFalse(r.stdout.contains("Tổng cộng"), r.stdout)
        for (k, expected) in [100.0 / 140, 40.0 / 140, 110.0 / 140, 30.0 / 140].enumerated() {
            let share = Double(rows[k + 1].split(separator: ",").last.map(String.init) ?? "") ?? -1
            XCTAssertEqual(share, expected, accuracy: 1e-9, rows[k + 1])
        }
        XCTAssertTrue(r.stderr.contains("1 of 2 figures of its total rows (set aside at load) differ from the sum of the rows they total"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 7 (2024-02, Tổng cộng): value = 150, but its 2 rows sum to 140 (off by +10)"), r.stderr)

        // `aggregate` reads no province, and the totals are still out: 140 a month, not 280 or 290.
        let sums = try CLIRunner.run(["query", "from \"\(path)\" | aggregate v = sum(value) by period", "--format", "csv"])
        XCTAssertEqual(sums.status, 0, sums.stderr)
        XCTAssertEqual(sums.stdout, "period,v\n2024-01,140\n2024-02,140\n")
    }

    func testDescribeSaysWhichRowsWereSetAsideAndWhy() throws {
        let path = TestSupport.writeTemporary(monthly, name: "tong-describe.csv")
        let r = try CLIRunner.run(["describe", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("rows:    4\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("totals:  2 total rows set aside: 'province' says they are totals ('Tổng cộng') — line 4, line 7"), r.stdout)
        XCTAssertTrue(r.stdout.contains("warning: line 7: the total row (2024-02, Tổng cộng) has value = 150"), r.stdout)
        let j = try CLIRunner.run(["describe", path, "--format", "json"])
        XCTAssertEqual(j.status, 0, j.stderr)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any], j.stdout)
        let totals = try XCTUnwrap(obj["totals"] as? [String: Any], j.stdout)
        XCTAssertEqual(totals["rows"] as? Int, 2)
        XCTAssertEqual(totals["places"] as? [String], ["line 4", "line 7"])
        let mismatches = try XCTUnwrap(totals["mismatches"] as? [[String: Any]])
        XCTAssertEqual(mismatches.first?["total"] as? Int, 150)
        XCTAssertEqual(mismatches.first?["sum"] as? Int, 140)
    }

    func testCodesShapedAsMonthsAreNotPeriods() throws {
        let path = TestSupport.writeTemporary("code,value\n1/2023,5\n2/2023,6\n", name: "codes.csv")
        // Two codes of one table: 5/11 and 6/11 (as months, each would be the whole of its month: 100%).
        let r = try CLIRunner.run(["query", "from \"\(path)\" | derive s = share(value)", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let shares = r.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        XCTAssertEqual(shares.count, 2, r.stdout)
        XCTAssertEqual(shares[0], 5.0 / 11, accuracy: 1e-9)
        XCTAssertEqual(shares[1], 6.0 / 11, accuracy: 1e-9)
        let d = try CLIRunner.run(["describe", path])
        XCTAssertTrue(d.stdout.contains("kept as text: values look like periods (such as '1/2023') but the header 'code' does not name time"), d.stdout)
    }
}
