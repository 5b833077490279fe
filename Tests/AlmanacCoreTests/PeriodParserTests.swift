import XCTest
@testable import AlmanacCore

final class PeriodParserTests: XCTestCase {
    func p(_ s: String, _ order: DayOrder = .dayFirst) -> PeriodParse { PeriodParser.parse(s, dayOrder: order) }

    func testEverySpellingPlannersUse() {
        XCTAssertEqual(p("2024"), .period(.year(2024)))
        XCTAssertEqual(p("2024-Q3"), .period(.quarter(2024, 3)))
        XCTAssertEqual(p("2024Q3"), .period(.quarter(2024, 3)))
        XCTAssertEqual(p("Q3/2024"), .period(.quarter(2024, 3)))
        XCTAssertEqual(p("2024-10"), .period(.month(2024, 10)))
        XCTAssertEqual(p("2024/1"), .period(.month(2024, 1)))
        XCTAssertEqual(p("10/2024"), .period(.month(2024, 10)))
        XCTAssertEqual(p("T10/2024"), .period(.month(2024, 10)))
        XCTAssertEqual(p("Tháng 10/2024"), .period(.month(2024, 10)))
        XCTAssertEqual(p("tháng 3 năm 2023"), .period(.month(2023, 3)))
        XCTAssertEqual(p("Quý 3/2024"), .period(.quarter(2024, 3)))
        XCTAssertEqual(p("Quý III/2024"), .period(.quarter(2024, 3)))
        XCTAssertEqual(p(" 2024-10 "), .period(.month(2024, 10)))
    }

    func testNFDVietnameseWordsParseLikeNFC() {
        let nfd = "Tháng 10/2024".decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfd.utf8), Array("Tháng 10/2024".utf8))
        XCTAssertEqual(p(nfd), .period(.month(2024, 10)))
        XCTAssertEqual(p("QUÝ 2/2021".decomposedStringWithCanonicalMapping), .period(.quarter(2021, 2)))
    }

    func testDays() {
        XCTAssertEqual(p("2024-10-15"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("2024-10-15T00:00:00"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("2024-10-15 00:00:00"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("2024-10-15T00:00:00.000Z"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("15/10/2024"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("15-10-2024"), .period(.day(2024, 10, 15)))
        XCTAssertEqual(p("05/10/2024"), .period(.day(2024, 10, 5)), "ambiguous: day first")
        XCTAssertEqual(p("05/10/2024", .monthFirst), .period(.day(2024, 5, 10)))
        XCTAssertEqual(p("2024-10-15T13:30:00"), .notAPeriod, "a time of day is not a day period")
    }

    func testImpossibleValuesAreInvalidWithAReason() {
        XCTAssertEqual(p("2024-13"), .invalid("month 13 does not exist"))
        XCTAssertEqual(p("2024-Q5"), .invalid("quarter 5 does not exist (quarters are 1–4)"))
        XCTAssertEqual(p("31/02/2024"), .invalid("day 31 does not exist in 2024-02"))
        XCTAssertEqual(p("15/13/2024"), .invalid("month 13 does not exist"))
    }

    func testNonPeriods() {
        for s in ["", "abc", "12", "123", "20241", "1.5", "Hà Giang", "2024-10-15-1", "Q/2024", "tháng mười"] {
            XCTAssertEqual(p(s), .notAPeriod, s)
        }
        XCTAssertEqual(PeriodParser.parse("2024", allowBareYear: false), .notAPeriod)
    }

    func testAmbiguity() {
        func amb(_ s: String) -> Bool? { var s = s; return s.withUTF8 { PeriodParser.isDayMonthAmbiguous($0) } }
        XCTAssertEqual(amb("05/10/2024"), true)
        XCTAssertEqual(amb("15/10/2024"), false)
        XCTAssertNil(amb("2024-10-15"))
    }
}
