import XCTest
@testable import AlmanacCore

/// English month names as values: the spellings of English-language exports, R's yearmonth and Excel's `mmm-yy`.
final class PeriodParserEnglishTests: XCTestCase {
    func p(_ s: String) -> PeriodParse { PeriodParser.parse(s, dayOrder: .dayFirst, allowBareYear: false) }

    func testNamesAndAbbreviationsWithAFourDigitYear() {
        XCTAssertEqual(p("Jan 2023"), .period(.month(2023, 1)))
        XCTAssertEqual(p("January 2023"), .period(.month(2023, 1)))
        XCTAssertEqual(p("SEPT 2024"), .period(.month(2024, 9)))
        XCTAssertEqual(p("sep/2024"), .period(.month(2024, 9)))
        XCTAssertEqual(p("Dec-2024"), .period(.month(2024, 12)))
        XCTAssertEqual(p("2023 Jan"), .period(.month(2023, 1)))
        XCTAssertEqual(p("1987 Jan"), .period(.month(1987, 1)))     // R's yearmonth
        XCTAssertEqual(p("2023-Oct"), .period(.month(2023, 10)))
        XCTAssertEqual(p("  May 2023 "), .period(.month(2023, 5)))
    }

    func testExcelsTwoDigitYearsPivotAt1930() {
        XCTAssertEqual(p("Jan-23"), .period(.month(2023, 1)))
        XCTAssertEqual(p("Mar-29"), .period(.month(2029, 3)))
        XCTAssertEqual(p("Mar-30"), .period(.month(1930, 3)))
        XCTAssertEqual(p("Nov-99"), .period(.month(1999, 11)))
        // Only the abbreviation and a dash, as Excel displays it: `January 23` or `Jan 23` could be a day.
        XCTAssertEqual(p("January-23"), .notAPeriod)
        XCTAssertEqual(p("Jan 23"), .notAPeriod)
        XCTAssertEqual(p("23-Jan"), .notAPeriod)
    }

    func testWhatIsNotAMonth() {
        XCTAssertEqual(p("Janu 2023"), .notAPeriod)
        XCTAssertEqual(p("Jan 20234"), .notAPeriod)
        XCTAssertEqual(p("Jan  2023"), .notAPeriod)
        XCTAssertEqual(p("Jan 2023 x"), .notAPeriod)
        XCTAssertEqual(p("Marc 2023"), .notAPeriod)
        XCTAssertEqual(p("Hà Giang"), .notAPeriod)
        XCTAssertEqual(p("Mayor 2023"), .notAPeriod)
    }
}
