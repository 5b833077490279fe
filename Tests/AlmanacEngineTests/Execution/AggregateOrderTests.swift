import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport

/// An aggregate without `sort` lists its groups in key order, then period order, whatever order its input rows
/// came in (issue 14 item 11).
final class AggregateOrderTests: XCTestCase {
    func testGroupsComeInKeyThenPeriodOrder() throws {
        // Fixtures.monthly's rows start with Cao Bằng 2024-02 and Hà Giang 2023-02.
        let r = try Fixtures.engine().run("from monthly\naggregate total = sum(value) by period, province")
        XCTAssertEqual(Render.table(r.table), """
            | period | province | total |
            | 2023-01 | Cao Bằng | 50 |
            | 2023-02 | Cao Bằng | 0 |
            | 2024-01 | Cao Bằng | 60 |
            | 2024-02 | Cao Bằng | 30 |
            | 2023-01 | Hà Giang | 100 |
            | 2023-02 | Hà Giang | 110 |
            | 2023-03 | Hà Giang | 120 |
            | 2024-01 | Hà Giang | 150 |
            | 2024-03 | Hà Giang | 180 |
            | 2024-04 | Hà Giang | 200 |
            """)
        let years = try Fixtures.engine().run("from trade\naggregate v = sum(value_usd) by y = year(period)")
        XCTAssertEqual(Render.table(years.table), """
            | y | v |
            | 2018 | 9000000 |
            | 2023 | 11500000 |
            | 2024 | 11000000 |
            """)
        let sorted = try Fixtures.engine().run("from monthly\naggregate total = sum(value) by province\nsort total desc")
        XCTAssertEqual(Render.table(sorted.table), "| province | total |\n| Hà Giang | 860 |\n| Cao Bằng | 140 |", "a sort still decides")
    }
}
