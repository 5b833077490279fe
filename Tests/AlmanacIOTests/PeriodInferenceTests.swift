import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

final class PeriodInferenceTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "t.csv", options: options)
    }
    func col(_ r: LoadResult, _ c: String) -> Column { r.table.column(named: c)! }

    func testStatisticsOfficeMonths() throws {
        let r = try load("Tháng,Giá trị\nTháng 10/2024,5\nTháng 11/2024,6\nT12/2024,7\n")
        XCTAssertEqual(col(r, "Tháng").dataType, .period(.month))
        XCTAssertEqual(TestSupport.values(r.table, "Tháng"), [.period(.month(2024, 10)), .period(.month(2024, 11)), .period(.month(2024, 12))])
    }

    func testNFDTimeHeader() throws {
        let h = "Năm".decomposedStringWithCanonicalMapping
        let r = try load("\(h),v\n2020,1\n2021,2\n")
        XCTAssertEqual(r.table.columns[0].dataType, .period(.year))
    }

    func testYearHeaderWithGapsIsYearly() throws {
        let r = try load("year,population\n2000,1\n2005,2\n2010,3\n")
        XCTAssertEqual(col(r, "year").dataType, .period(.year))
    }

    func testQuarterColumnOfSmallIntegersStaysInteger() throws {
        let r = try load("year,quarter,v\n2020,1,5\n2020,2,6\n")
        XCTAssertEqual(col(r, "quarter").dataType, .int)
        XCTAssertEqual(col(r, "year").dataType, .period(.year))
    }

    func testTypoInATimeColumnIsAnErrorNotText() throws {
        XCTAssertThrowsError(try load("period,v\n2024-11,1\n2024-13,2\n")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.columnName, "period")
            XCTAssertEqual(err.message, "month 13 does not exist in '2024-13'")
        }
        XCTAssertThrowsError(try load("date,v\n15/10/2024,1\n32/10/2024,2\n")) { e in
            XCTAssertEqual((e as! CSVError).line, 3)
        }
    }

    func testDailyCustomsFileIsDaily() throws {
        let r = try load("ngày,v\n15/10/2024,1\n16/10/2024,2\n01/11/2024,3\n")
        XCTAssertEqual(col(r, "ngày").dataType, .period(.day))
        XCTAssertEqual(col(r, "ngày").value(at: 2), .period(.day(2024, 11, 1)))
    }

    func testMonthStartAndMonthEndStampsAreMonthly() throws {
        let start = try load("date,v\n2019-01-01,1\n2019-02-01,2\n2019-03-01,3\n")
        XCTAssertEqual(col(start, "date").dataType, .period(.month))
        XCTAssertEqual(col(start, "date").value(at: 1), .period(.month(2019, 2)))
        XCTAssertTrue(start.report.notes["date"]!.contains("first day of a month"))
        let end = try load("date,v\n2019-01-31,1\n2019-02-28,2\n2020-02-29,3\n")
        XCTAssertEqual(col(end, "date").dataType, .period(.month))
        let quarters = try load("date,v\n2019-03-31T00:00:00,1\n2019-06-30 00:00:00,2\n")
        XCTAssertEqual(col(quarters, "date").dataType, .period(.quarter))
        let years = try load("date,v\n2019-01-01,1\n2021-01-01,2\n")
        XCTAssertEqual(col(years, "date").dataType, .period(.year))
    }

    func testAmbiguousDatesAreDayFirstAndSaidSo() throws {
        let r = try load("date,v\n05/10/2024,1\n06/10/2024,2\n")
        XCTAssertEqual(col(r, "date").value(at: 0), .period(.day(2024, 10, 5)))
        XCTAssertTrue(r.report.notes["date"]!.contains("day-first, the Vietnamese convention"), r.report.notes["date"]!)
    }

    func testMonthFirstDatesAreDetected() throws {
        let r = try load("date,v\n10/05/2024,1\n10/25/2024,2\n")
        XCTAssertEqual(col(r, "date").value(at: 1), .period(.day(2024, 10, 25)))
        XCTAssertEqual(col(r, "date").value(at: 0), .period(.day(2024, 10, 5)))
    }

    func testUnmistakablePeriodsUnderOtherHeaders() throws {
        let r = try load("kỳ báo cáo,label,n\n2024-Q1,2024-01,2020\n2024-Q2,x,2021\n")
        XCTAssertEqual(r.table.columns[0].dataType, .period(.quarter))
        XCTAssertEqual(col(r, "label").dataType, .text)
        XCTAssertEqual(col(r, "n").dataType, .int, "bare integers stay integers")
    }

    func testMissingMarkersInPeriodColumns() throws {
        let r = try load("period,v\n2024-01,1\nNA,2\n")
        XCTAssertEqual(col(r, "period").value(at: 1), .null)
    }

    func testATypoInTheFirstValueOfATimeColumnIsStillAnError() throws {
        XCTAssertThrowsError(try load("period,v\n2024-13,1\n2024-12,2\n")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 2)
            XCTAssertEqual(err.message, "month 13 does not exist in '2024-13'")
        }
        // A quarter column of 1–4 is no typo: it keeps its plain type.
        XCTAssertEqual(try load("quarter,v\n1,1\n2,2\n").table.column(named: "quarter")?.dataType, .int)
    }

    func testASingleDateStaysADay() throws {
        let one = try load("date,v\n2024-10-01,1\n2024-10-01,2\n")
        XCTAssertEqual(col(one, "date").dataType, .period(.day))
        XCTAssertTrue(one.report.notes["date"]!.contains("a single date"), one.report.notes["date"]!)
    }

    func testDistinctMidMonthDatesAreDailyAndSayWhy() throws {
        let r = try load("x,v\n15/10/2024,1\n16/10/2024,2\n")
        XCTAssertEqual(col(r, "x").dataType, .period(.day))
        let note = r.report.notes["x"]!
        XCTAssertFalse(note.contains("a single date"), note)
        XCTAssertTrue(note.hasSuffix("'2024-10-15' is neither the first nor the last day of a month: daily"), note)
        // The first date on a month boundary, a later one not: the later one is named.
        let later = try load("date,v\n2024-10-01,1\n2024-10-01,2\n2024-10-20,3\n")
        XCTAssertTrue(later.report.notes["date"]!.hasSuffix("'2024-10-20' is neither the first nor the last day of a month: daily"), later.report.notes["date"]!)
    }
}

extension PeriodInferenceTests {
    /// Periods off the fast path are parsed once per distinct text: every row still gets its own value, a repeated
    /// bad value is rejected every time, and a repeated coarsened date is counted every time.
    func testRepeatedNonISOPeriodsAndBooleansReadAsEachRowSays() throws {
        var text = "quý,ngày,ok,v\n"
        let quarters = ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024"]
        for i in 0..<400 { text += "\(quarters[i % 4]),\(String(format: "%02d", i % 28 + 1))/10/2024,\(["TRUE", "false", "True", "FALSE"][i % 4]),\(i)\n" }
        let r = try CSVReader.load(text: text)
        XCTAssertEqual(r.table.column(named: "quý")?.dataType, .period(.quarter))
        XCTAssertEqual(r.table.column(named: "ngày")?.dataType, .period(.day))
        XCTAssertEqual(r.table.column(named: "ok")?.dataType, .bool)
        for i in [0, 1, 2, 3, 397, 398, 399] {
            XCTAssertEqual(r.table.column(named: "quý")?.value(at: i).description, "\(2024)-Q\(i % 4 + 1)")
            XCTAssertEqual(r.table.column(named: "ngày")?.value(at: i).description, "2024-10-\(String(format: "%02d", i % 28 + 1))")
            XCTAssertEqual(r.table.column(named: "ok")?.value(at: i), .bool(i % 2 == 0))
        }
        // A value in error, repeated, is rejected every time (never served from the memo).
        var bad = "quý,v\n"
        for i in 0..<300 { bad += (i % 3 == 2 ? "Quý V/2024" : quarters[i % 2]) + ",\(i)\n" }
        let lenient = try CSVReader.load(text: bad, options: CSVOptions(lenient: true))
        XCTAssertEqual(lenient.report.rejected.count, 100)
        XCTAssertEqual(lenient.table.rowCount, 200)
    }

    func testEnglishMonthNamesMakeAMonthlyColumnUnderAnyHeader() throws {
        // As an English export writes them, as R's yearmonth prints them, as Excel's mmm-yy displays them.
        let r = try load("when,value\nJan 2023,1\nFebruary 2023,2\n2023 Mar,3\nApr-23,4\n")
        XCTAssertEqual(col(r, "when").dataType, .period(.month))
        XCTAssertEqual(TestSupport.values(r.table, "when"), [.period(.month(2023, 1)), .period(.month(2023, 2)), .period(.month(2023, 3)), .period(.month(2023, 4))])
        // A word that is not a month keeps the column text.
        XCTAssertEqual(col(try load("when,value\nJan 2023,1\nHà Giang 2023,2\n"), "when").dataType, .text)
    }
}
