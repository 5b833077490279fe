import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Periods only where meant (issue 11 item 7): a number and a year (`1/2023`) is a month under a header that names
/// time, a code under any other; unmistakable shapes are periods under any header; the note says which and why.
final class PeriodHeaderRuleTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "t.csv", options: options)
    }

    func testANumberAndAYearUnderACodeHeaderIsACode() throws {
        let r = try load("code,value\n1/2023,5\n2/2023,6\n")
        XCTAssertEqual(r.table.column(named: "code")?.dataType, .text)
        XCTAssertEqual(TestSupport.values(r.table, "code"), [.text("1/2023"), .text("2/2023")])
        XCTAssertEqual(r.report.notes["code"], "kept as text: values look like periods (such as '1/2023') but the header 'code' does not name time; set period = \"code\" in the catalog to use it")
        // Every separator a month could be written with: never a month (`3.2023` alone is the number it writes).
        for v in ["01-2023", "12/2024"] {
            XCTAssertEqual(try load("mã lô,v\n\(v),1\n").table.column(named: "mã lô")?.dataType, .text, v)
        }
        XCTAssertEqual(try load("mã lô,v\n3.2023,1\n").table.column(named: "mã lô")?.dataType, .float)
    }

    func testTheSameValuesUnderATimeHeaderAreMonths() throws {
        for header in ["period", "tháng", "Tháng", "kỳ", "month", "date", "ngày", "Kỳ báo cáo"] {
            let r = try load("\(header),value\n1/2023,5\n2/2023,6\n")
            XCTAssertEqual(r.table.columns[0].dataType, .period(.month), header)
            XCTAssertEqual(r.table.columns[0].value(at: 1), .period(.month(2023, 2)), header)
        }
        let r = try load("tháng,value\n1/2023,5\n2/2023,6\n")
        XCTAssertEqual(r.report.notes["tháng"], "period (month): header 'tháng' names time and its first value '1/2023' is shaped as one")
    }

    func testTheCatalogCanNameACodeColumnThePeriod() throws {
        var o = CSVOptions()
        o.periodNames = ["code"]
        let r = try load("code,value\n1/2023,5\n2/2023,6\n", o)
        XCTAssertEqual(r.table.column(named: "code")?.dataType, .period(.month))
        XCTAssertEqual(r.report.notes["code"], "period (month): the catalog names 'code' the period and its first value '1/2023' is shaped as one")
        // Through the catalog's `period = "code"`.
        let dir = TestSupport.temporaryDirectory("period-code")
        try Data("code,value\n1/2023,5\n2/2023,6\n".utf8).write(to: dir.appendingPathComponent("c.csv"))
        let catalog = try Catalog.parse("[datasets.c]\nfile = \"c.csv\"\nperiod = \"code\"\n", file: dir.appendingPathComponent("catalog.toml").path, directory: dir.path)
        let loaded = try catalog.load("c").table
        XCTAssertEqual(loaded.column(named: "code")?.dataType, .period(.month))
        XCTAssertEqual(loaded.column(named: "code")?.meta.role, .period)
    }

    func testUnmistakableShapesArePeriodsUnderAnyHeaderAndSaySo() throws {
        // ISO months, quarters, full dates and words: no code is written so.
        for (v, f) in [("2024-10", Frequency.month), ("2024-Q3", .quarter), ("Q3/2024", .quarter), ("T10/2024", .month),
                       ("Tháng 10/2024", .month), ("Quý III/2024", .quarter)] {
            XCTAssertEqual(try load("x,v\n\(v),1\n").table.columns[0].dataType, .period(f), v)
        }
        let r = try load("label,v\n2024-10,1\n2024-11,2\n")
        XCTAssertEqual(r.report.notes["label"], "period (month): every value is shaped as one, such as '2024-10' (a shape codes do not take), though the header 'label' does not name time")
        // A column mixing ISO months and number/year pairs holds periods: some of them are unmistakable.
        XCTAssertEqual(try load("x,v\n2024-10,1\n11/2024,2\n").table.columns[0].dataType, .period(.month))
    }

    func testNumberAndYearShape() {
        for s in ["1/2023", "01/2023", " 12-2024 ", "3.2023"] { XCTAssertTrue(PeriodHeaderRule.isNumberAndYear(s), s) }
        for s in ["2023-01", "1/2/2023", "123/2023", "1/23", "T1/2023", "1//2023", "/2023", "1/2023x"] { XCTAssertFalse(PeriodHeaderRule.isNumberAndYear(s), s) }
    }
}
