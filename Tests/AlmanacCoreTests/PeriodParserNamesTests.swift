import XCTest
@testable import AlmanacCore

/// Column names as periods (`PeriodParser.parseName`, read by `unpivot`).
final class PeriodParserNamesTests: XCTestCase {
    func n(_ s: String) -> PeriodParse { PeriodParser.parseName(s) }

    func testTheParsersSpellingsAndABareYear() {
        XCTAssertEqual(n("2019"), .period(.year(2019)))
        XCTAssertEqual(n("2019-Q1"), .period(.quarter(2019, 1)))
        XCTAssertEqual(n("T1/2024"), .period(.month(2024, 1)))
        XCTAssertEqual(n("Tháng 1/2023"), .period(.month(2023, 1)))
        XCTAssertEqual(n("Năm 2023"), .period(.year(2023)))
        XCTAssertEqual(n("năm 2023".decomposedStringWithCanonicalMapping), .period(.year(2023)))
        XCTAssertEqual(n("Quý IV/2022"), .period(.quarter(2022, 4)))
    }

    func testEnglishMonthNames() {
        XCTAssertEqual(n("Jan 2023"), .period(.month(2023, 1)))
        XCTAssertEqual(n("January 2023"), .period(.month(2023, 1)))
        XCTAssertEqual(n("SEPT 2023"), .period(.month(2023, 9)))
        XCTAssertEqual(n("sep-2023"), .period(.month(2023, 9)))
        XCTAssertEqual(n("Dec/1999"), .period(.month(1999, 12)))
        XCTAssertEqual(n("2023 May"), .period(.month(2023, 5)))
        XCTAssertEqual(n("1987 Jan"), .period(.month(1987, 1)), "R's yearmonth")
        XCTAssertEqual(n(" Oct 2024 "), .period(.month(2024, 10)))
        XCTAssertEqual(n("Jan-23"), .period(.month(2023, 1)), "Excel's mmm-yy header")
    }

    func testNamesThatAreNotPeriods() {
        for s in ["province", "Total", "Jan", "Ja 2023", "Janu 2023", "Jan 23", "Jan 2023 x", "Tháng 1", "Mayday 2023", "value_2023", ""] {
            XCTAssertEqual(n(s), .notAPeriod, s)
        }
        XCTAssertEqual(n("Jan 0000"), .invalid("year 0 is out of range"))
        XCTAssertEqual(n("2024-13"), .invalid("month 13 does not exist"))
        XCTAssertEqual(n("Augus 2023"), .notAPeriod)
        XCTAssertEqual(n("august 2023"), .period(.month(2023, 8)))
    }
}
