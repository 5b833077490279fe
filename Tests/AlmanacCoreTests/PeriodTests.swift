import XCTest
@testable import AlmanacCore

final class PeriodTests: XCTestCase {
    func testOrdinalsMakeYearEarlierIntegerArithmetic() {
        XCTAssertEqual(Period.month(2024, 10).oneYearEarlier, .month(2023, 10))
        XCTAssertEqual(Period.quarter(2024, 1).oneYearEarlier, .quarter(2023, 1))
        XCTAssertEqual(Period.year(2021).oneYearEarlier, .year(2020))
        XCTAssertEqual(Period.month(2024, 1).advanced(by: -1), .month(2023, 12))
        XCTAssertEqual(Period.quarter(2024, 1).advanced(by: -1), .quarter(2023, 4))
        XCTAssertEqual(Period.day(2024, 3, 1).advanced(by: -1), .day(2024, 2, 29))
    }

    func testDayOneYearEarlierSkips29February() {
        XCTAssertNil(Period.day(2024, 2, 29).oneYearEarlier)
        XCTAssertEqual(Period.day(2024, 2, 28).oneYearEarlier, .day(2023, 2, 28))
        XCTAssertEqual(Period.day(2025, 3, 1).oneYearEarlier, .day(2024, 3, 1))
    }

    func testComponentsAndConversion() {
        let d = Period.day(2024, 10, 15)
        XCTAssertEqual(d.year, 2024)
        XCTAssertEqual(d.monthOfYear, 10)
        XCTAssertEqual(d.quarterOfYear, 4)
        XCTAssertEqual(d.converted(to: .month), .month(2024, 10))
        XCTAssertEqual(d.converted(to: .quarter), .quarter(2024, 4))
        XCTAssertEqual(d.converted(to: .year), .year(2024))
        XCTAssertEqual(Period.month(2024, 3).converted(to: .quarter), .quarter(2024, 1))
        XCTAssertNil(Period.year(2024).converted(to: .month))
        XCTAssertEqual(Period.month(-1, 12).year, -1)
    }

    func testCanonicalText() {
        XCTAssertEqual(Period.year(2024).description, "2024")
        XCTAssertEqual(Period.quarter(2024, 3).description, "2024-Q3")
        XCTAssertEqual(Period.month(2024, 1).description, "2024-01")
        XCTAssertEqual(Period.day(2024, 2, 9).description, "2024-02-09")
        XCTAssertEqual(Period.day(999, 3, 1).description, "0999-03-01", "four-digit years read back as periods")
        XCTAssertEqual(PeriodParser.parse(Period.month(1, 2).description), .period(.month(1, 2)))
    }

    func testCivilDateRoundTripsEveryDayOf400Years() {
        var z = CivilDate.days(year: 1900, month: 1, day: 1)
        let end = CivilDate.days(year: 2300, month: 1, day: 1)
        while z < end {
            let c = CivilDate.civil(fromDays: z)
            XCTAssertTrue(CivilDate.isValid(year: c.year, month: c.month, day: c.day))
            if CivilDate.days(year: c.year, month: c.month, day: c.day) != z { XCTFail("day \(z)"); return }
            z += 1
        }
        XCTAssertEqual(CivilDate.days(year: 1970, month: 1, day: 1), 0)
    }

    func testDayRange() {
        let r = Period.month(2024, 2).dayRange
        XCTAssertEqual(r.upperBound - r.lowerBound + 1, 29)
        XCTAssertEqual(Period.quarter(2023, 4).dayRange.upperBound, CivilDate.days(year: 2023, month: 12, day: 31))
    }
}
