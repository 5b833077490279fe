import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Which rows a total totals, and when a total differs from them beyond rounding.
final class TotalRowCheckTests: XCTestCase {
    func check(_ text: String) throws -> TotalRowCheck.Result {
        let t = try CSVReader.load(text: text).table
        return TotalRowCheck.check(t, try XCTUnwrap(TotalRowFilter.find(t)))
    }

    func testATotalTotalsTheRowsOfItsOtherKeys() throws {
        // Two flows in one month. The province total of exports is 1 + 2 = 3 (written 3), of imports 10 + 20 = 30
        // (written 33: off by +3). The grand total (both keys total) is 1 + 2 + 10 + 20 = 33 (written 33).
        let r = try check("""
        period,province,flow,v
        2024-01,A,xk,1
        2024-01,B,xk,2
        2024-01,A,nk,10
        2024-01,B,nk,20
        2024-01,Tổng cộng,xk,3
        2024-01,Tổng cộng,nk,33
        2024-01,Tổng cộng,Tổng,33

        """)
        XCTAssertEqual(r.checked, 3)
        XCTAssertEqual(r.mismatches.map(\.row), [5])
        XCTAssertEqual(r.mismatches.first?.sum, 30)
        XCTAssertEqual(r.mismatches.first?.parts, 2)
    }

    func testAKeyLeftEmptyBesideTheTotalIsTotalledOver() throws {
        // A code column: `01`, `02` for the provinces, empty beside `Tổng cộng`. The total is 5 + 6 = 11.
        let r = try check("code,province,v\n01,A,5\n02,B,6\n,Tổng cộng,11\n")
        XCTAssertEqual(r.checked, 1)
        XCTAssertEqual(r.mismatches.count, 0)
    }

    func testRoundingIsHalfAUnitOfTheLastDecimalPerFigure() throws {
        // One decimal, two parts and the total: up to 0.5 × 0.1 × 3 = 0.15 is rounding.
        //   2024-01: 10.4 + 20.3 = 30.7, written 30.8: off by 0.1, rounding.
        //   2024-02: 10.4 + 20.3 = 30.7, written 31.0: off by 0.3, a mismatch.
        let r = try check("""
        period,province,v
        2024-01,A,10.4
        2024-01,B,20.3
        2024-01,Total,30.8
        2024-02,A,10.4
        2024-02,B,20.3
        2024-02,Total,31.0

        """)
        XCTAssertEqual(r.checked, 2)
        XCTAssertEqual(r.mismatches.map(\.row), [5])
        XCTAssertEqual(r.mismatches.first?.decimals, 1)
    }

    func testEveryMeasureIsChecked() throws {
        // Two measures: the total's value agrees (1 + 2 = 3), its count does not (4 + 5 = 9, written 12: beyond the
        // rounding of three whole figures, 0.5 × 3 = 1.5).
        let r = try check("province,value,count\nA,1,4\nB,2,5\nTotal,3,12\n")
        XCTAssertEqual(r.checked, 2)
        XCTAssertEqual(r.mismatches.map(\.measure), [2])
    }

    func testATotalWithNothingToTotalIsNotChecked() throws {
        // The 2024-02 total has no rows of 2024-02 beside it: nothing to compare.
        let r = try check("period,province,v\n2024-01,A,1\n2024-01,Total,1\n2024-02,Total,5\n")
        XCTAssertEqual(r.checked, 1)
        XCTAssertEqual(r.mismatches.count, 0)
    }

    func testDecimals() {
        XCTAssertEqual(TotalRowCheck.decimals(140), 0)
        XCTAssertEqual(TotalRowCheck.decimals(0.1), 1)
        XCTAssertEqual(TotalRowCheck.decimals(30.7), 1)
        XCTAssertEqual(TotalRowCheck.decimals(123456789.123), 3)
        XCTAssertEqual(TotalRowCheck.decimals(1.0 / 3), 6)
    }
}
