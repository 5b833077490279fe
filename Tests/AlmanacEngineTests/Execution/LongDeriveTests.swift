import XCTest
import AlmanacDiagnostics
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax
import AlmanacCore
import Synchronization

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

    /// A pipeline of many derive steps (`| derive c1 = num + 1 | derive c2 = c1 + 1 | …`) costs in proportion to
    /// them: no step builds a name index over every column or looks at every formula. Twice the steps must do about
    /// twice the work (counted, not timed): a per-step pass over the columns makes it four times.
    func testChainedDeriveStepsWorkInProportionToTheirNumber() throws {
        func work(_ n: Int) throws -> (names: Int, lineage: Int) {
            let steps = (1...n).map { i in i == 1 ? "derive c1 = num + 1" : "derive c\(i) = c\(i - 1) + 1" }
            let names0 = WorkCounters.namesIndexed.load(ordering: .relaxed)
            let lineage0 = WorkCounters.lineageVisits.load(ordering: .relaxed)
            let r = try Fixtures.engine().run((["from ratios"] + steps).joined(separator: " | "))
            XCTAssertEqual(r.table.columns.count, 3 + n)
            // Each column keeps its formula (c2 = c1 + 1 reads c1, set one step before).
            XCTAssertEqual(r.lineage.count, n)
            return (WorkCounters.namesIndexed.load(ordering: .relaxed) - names0,
                    WorkCounters.lineageVisits.load(ordering: .relaxed) - lineage0)
        }
        let small = try work(300), large = try work(600)
        XCTAssertLessThan(Double(large.names), 2.5 * Double(max(small.names, 1)), "names indexed: \(small) then \(large)")
        XCTAssertLessThan(Double(large.lineage), 2.5 * Double(max(small.lineage, 1)) + 10, "formulas visited: \(small) then \(large)")
        // And the count itself is of the size of the steps, not of their square.
        XCTAssertLessThan(large.names, 20 * 600, "names indexed for 600 steps: \(large.names)")
    }
}
