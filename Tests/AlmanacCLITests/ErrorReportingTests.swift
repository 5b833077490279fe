import XCTest
import AlmanacTestSupport

/// What a new user met (issue 14): errors that hid, leaked system text, or exited with the wrong code.
final class ErrorReportingTests: XCTestCase {
    func testHeadFailsOnAQuotingErrorAsQueryAndDescribeDo() throws {
        let dir = TestSupport.temporaryDirectory("cli-head")
        for (name, text) in [("first.csv", "a,b\n1,\"x\"y\n2,3\n"), ("third.csv", "a,b\n1,2\n3,4\n5,\"x\"y\n7,8\n")] {
            let path = dir.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let head = try CLIRunner.run(["head", path])
            let describe = try CLIRunner.run(["describe", path])
            XCTAssertEqual(head.status, 1, head.stdout)
            XCTAssertEqual(head.stdout, "")
            XCTAssertTrue(head.stderr.contains("unexpected text after a closing quote"), head.stderr)
            XCTAssertEqual(head.stderr, describe.stderr)
        }
    }
}
