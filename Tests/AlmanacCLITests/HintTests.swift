import XCTest
import AlmanacTestSupport

/// Hints that pointed the wrong way (issue 14 item 6).
final class HintTests: XCTestCase {
    func testFromWithTwoSourcesAndTheEmptyQuery() throws {
        let two = try CLIRunner.run(["query", "from \"a.csv\", \"b.csv\""])
        XCTAssertEqual(two.status, 1)
        XCTAssertTrue(two.stderr.contains("'from' reads one source; bring in another with a step such as join"), two.stderr)
        XCTAssertFalse(two.stderr.contains("separate the items of a step with ','"), two.stderr)
        let empty = try CLIRunner.run(["query", "  "])
        XCTAssertEqual(empty.status, 1)
        XCTAssertFalse(empty.stderr.contains("from trade\n"), "no dataset of that name exists: \(empty.stderr)")
        XCTAssertTrue(empty.stderr.contains("almanac datasets lists them"), empty.stderr)
    }

    func testAParameterThatIsNotAPeriodIsNamedAsTheMistake() throws {
        let r = try CLIRunner.run(["query", "from trade_monthly | where period = $p", "--param", "p=abc"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("hint: the parameter $p is 'abc', which is not a period: pass one such as --param p=2024-10"), r.stderr)
        XCTAssertFalse(r.stderr.contains("without quotes"), r.stderr)
        let n = try CLIRunner.run(["query", "from trade_monthly | where value_usd > $v", "--param", "v=lots"])
        XCTAssertTrue(n.stderr.contains("the parameter $v is 'lots', which is not a number"), n.stderr)
    }

    func testOneRowIsSingularAndALenientLoadWarnsOnce() throws {
        let dir = TestSupport.temporaryDirectory("cli-hints")
        let one = try CLIRunner.run(["query", "from trade_monthly | take 1", "-o", dir.appendingPathComponent("one.csv").path])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stderr.contains("wrote 1 row × 8 columns to"), one.stderr)
        try Data("period,v\n2024-01,1\n2024-13,2\n2024-03\n".utf8).write(to: dir.appendingPathComponent("len.csv"))
        let r = try CLIRunner.run(["query", "from \"len.csv\"", "--lenient"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "warning: 2 rows of 'len.csv' rejected; all listed in out/rejected/len.csv\n")
    }
}
