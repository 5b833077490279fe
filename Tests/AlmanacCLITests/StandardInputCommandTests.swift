import XCTest
import AlmanacTestSupport

/// `from "-"` and `describe -` read CSV piped on standard input, through the same reader as a file, including its
/// re-read of a column whose sample misled inference (which once saw zeros in memory read from a pipe).
final class StandardInputCommandTests: XCTestCase {
    /// About 1.6 MiB: 40,000 rows whose `code` column is integers until the last row, so it is read twice.
    func pipedCSV() -> String {
        var text = "period,province,code,value\n"
        let provinces = ["Hà Giang", "Cao Bằng"]
        for i in 0..<40_000 { text += "2024-\(String(format: "%02d", i % 12 + 1)),\(provinces[i % 2]),\(100_000 + i),\(i % 7)\n" }
        text += "2024-12,Cao Bằng,A-17,5\n"
        return text
    }

    func testAQueryReadsStandardInput() throws {
        let r = try CLIRunner.run(["query", "from \"-\" | aggregate n = count(), total = sum(value), last = max(code) by province | sort province",
                                   "--format", "csv"], stdin: pipedCSV())
        XCTAssertEqual(r.status, 0, r.stderr)
        // Sums worked by hand: i % 7 over 40,000 rows; even i are Hà Giang, odd i Cao Bằng, plus the last row's 5.
        var sums = [0, 0]
        for i in 0..<40_000 { sums[i % 2] += i % 7 }
        sums[1] += 5
        let rows = CSVText.parse(r.stdout)
        XCTAssertEqual(rows.first, ["province", "n", "total", "last"])
        // Vietnamese order: Cao Bằng before Hà Giang. The code column became text: its largest value is "A-17".
        XCTAssertEqual(rows.dropFirst().map { $0 }, [["Cao Bằng", "20001", "\(sums[1])", "A-17"], ["Hà Giang", "20000", "\(sums[0])", "139998"]])
    }

    func testDescribeReadsStandardInput() throws {
        let r = try CLIRunner.run(["describe", "-"], stdin: pipedCSV())
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("file:    <stdin>"), r.stdout)
        XCTAssertTrue(r.stdout.contains("rows:    40,001"), r.stdout)
        // The re-read saw the real text of the pipe, not zeros.
        XCTAssertTrue(r.stdout.contains("text: 'A-17' is not a number (line 40002)"), r.stdout)
    }

    func testAnEmptyPipeIsAPlainError() throws {
        let r = try CLIRunner.run(["query", "from \"-\" | take 1"], stdin: "")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.stderr.contains("NSError") || r.stderr.contains("Fatal error"), r.stderr)
        XCTAssertFalse(r.stderr.isEmpty)
    }
}
