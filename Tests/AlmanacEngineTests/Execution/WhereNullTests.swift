import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// `where` over a null condition: null counts as false, so no row is kept and nothing fails.
final class WhereNullTests: XCTestCase {
    func testNullConditionsKeepNoRows() throws {
        for condition in ["null", "(null)", "coalesce(null, null)", "if(value > 1, null, null)", "not null", "null and value > 1"] {
            let r = try Fixtures.engine().run("from monthly\nwhere \(condition)")
            XCTAssertEqual(r.table.rowCount, 0, condition)
            XCTAssertEqual(r.table.columnNames, ["province", "period", "value"], condition)
        }
    }

    func testANonBooleanConditionIsALocatedError() {
        let text = Fixtures.engine().errorText("from monthly\nwhere value")
        XCTAssertEqual(text, """
            error: 'where' needs a true/false condition, found a number
             --> q.aq:2:7
              |
            2 | where value
              |       ^^^^^
              = hint: compare it: e.g. where value > 0, or where value is not null
            """)
    }
}
