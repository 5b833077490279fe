import XCTest
import AlmanacCore
@testable import AlmanacIO

/// Judging a date column's rhythm once per distinct date gives what the row-by-row walk gives, on every rhythm.
final class FrequencyRefinementTests: XCTestCase {
    func testTheDistinctDateShortcutAgreesWithTheRowByRowWalk() {
        func days(_ dates: [(Int32, Int32, Int32)]) -> [Int32] { dates.map { CivilDate.days(year: $0.0, month: $0.1, day: $0.2) } }
        var cases: [[Int32]] = [
            days((2015...2024).map { ($0, 1, 1) }),                                    // yearly
            days((2015...2024).map { ($0, 12, 31) }),
            days((2020...2024).flatMap { y in [1, 4, 7, 10].map { (y, Int32($0), 1) } }),   // quarterly
            days((2020...2024).flatMap { y in [3, 6, 9, 12].map { (y, Int32($0), CivilDate.daysInMonth(year: y, month: Int32($0))) } }),
            days((2020...2024).flatMap { y in (1...12).map { (y, Int32($0), 1) } }),     // monthly
            days([(2024, 1, 1), (2024, 1, 31), (2024, 2, 1)]),                          // first and last days: daily
            days([(2024, 1, 1), (2024, 1, 15), (2024, 2, 1)]),                          // mid-month: daily
            days([(2024, 3, 1), (2024, 3, 1)]),                                         // one date
            days([(1, 1, 1), (9999, 12, 1)]),                                           // too wide a span for a table
        ]
        cases.append(cases[4].reversed())
        for (k, d) in cases.enumerated() {
            for validity in [Validity.allValid(d.count), Validity(flags: d.indices.map { $0 % 3 != 1 })] {
                let walk = FrequencyRefinement.coarsestRowByRow(days: d, validity: validity)
                if let fast = FrequencyRefinement.coarsestOverDistinctDates(days: d, validity: validity) {
                    XCTAssertEqual(fast.0, walk.0, "case \(k)")
                    XCTAssertEqual(fast.1, walk.1, "case \(k)")
                    XCTAssertEqual(fast.2, walk.2, "case \(k)")
                }
                let both = FrequencyRefinement.coarsest(days: d, validity: validity)
                XCTAssertEqual(both.0, walk.0, "case \(k)")
                XCTAssertEqual(both.2, walk.2, "case \(k)")
            }
        }
        XCTAssertNotNil(FrequencyRefinement.coarsestOverDistinctDates(days: cases[4], validity: .allValid(cases[4].count)), "the shortcut serves monthly dates")
    }
}
