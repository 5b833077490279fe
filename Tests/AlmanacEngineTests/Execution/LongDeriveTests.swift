import XCTest
import AlmanacDiagnostics
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// A derive of many assignments costs in proportion to their number: each one sets its column in place (binder
/// schema and executor columns), never copying the whole table. Before, 4,000 assignments took 6.6 s and 20,000 more
/// than two minutes; this test then ran for minutes (it takes about a second in a debug build).
final class LongDeriveTests: XCTestCase {
    func testTwentyThousandChainedAssignments() throws {
        let n = 20_000
        // x0 = num + 1, x1 = x0 + 1, …: x(n-1) = value + n, each reading the one before it.
        let assignments = (0..<n).map { i in i == 0 ? "x0 = num + 1" : "x\(i) = x\(i - 1) + 1" }.joined(separator: ", ")
        let r = try Fixtures.engine().run("from ratios\nderive \(assignments)\nselect k, last = x\(n - 1)")
        XCTAssertEqual(Render.table(r.table), """
            | k | last |
            | a | 20001 |
            | b | 20001 |
            | c | 20000 |
            | d | null |
            """)
        let plan = try Fixtures.engine().check(SourceFile(name: "q.aq", text: "from ratios\nderive \(assignments)"))
        XCTAssertEqual(plan.outputSchema.fields.count, 3 + n)
    }
}
