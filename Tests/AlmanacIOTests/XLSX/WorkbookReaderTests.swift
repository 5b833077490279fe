import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// The reader on workbooks openpyxl wrote: every cell type and number format, both date systems and Excel's
/// 1900 leap-year quirk, merged header cells, error cells, formulas without saved values, sheet choice.
final class WorkbookReaderTests: XCTestCase {
    func fixture(_ name: String) throws -> String { try WorkbookFixtures.folder().appendingPathComponent(name).path }

    func testCellsAreTypedByCellTypeAndNumberFormat() throws {
        let r = try WorkbookReader.load(path: fixture("typed.xlsx"))
        let t = r.table
        XCTAssertEqual(t.columns.map(\.name), ["period", "province", "code", "value", "ok", "day", "when", "clock", "total"])
        XCTAssertEqual(r.report.sheet, "Dữ liệu")
        XCTAssertEqual(r.report.sheets, ["Dữ liệu", "Du lịch"])
        XCTAssertEqual(t.rowCount, 24)
        // mm/yyyy dates on the first of each month: a monthly period; d-m-y dates of any day: days.
        XCTAssertEqual(t.column(named: "period")?.dataType, .period(.month))
        XCTAssertEqual(t.column(named: "period")?.value(at: 13), .period(.month(2024, 2)))
        XCTAssertEqual(t.column(named: "day")?.dataType, .period(.day))
        XCTAssertEqual(t.column(named: "day")?.value(at: 1), .period(.day(2024, 2, 4)))
        // Codes with leading zeros stay text; a rich-text cell is its runs joined.
        XCTAssertEqual(t.column(named: "code")?.dataType, .text)
        XCTAssertEqual(t.column(named: "code")?.value(at: 2), .text("0902"))
        XCTAssertEqual(t.column(named: "province")?.value(at: 9), .text("Hà Giang"))
        // Numbers, a `-` marker, an error cell and a blank as nulls.
        XCTAssertEqual(t.column(named: "value")?.dataType, .float)
        XCTAssertEqual(t.column(named: "value")?.value(at: 1), .float(1.35))
        for row in [3, 5, 7] { XCTAssertEqual(t.column(named: "value")?.value(at: row), .null, "row \(row + 2)") }
        XCTAssertEqual(r.report.markerNulls["value"], 1)
        XCTAssertEqual(r.report.errorCells["value"], 1)
        XCTAssertEqual(t.column(named: "ok")?.dataType, .bool)
        XCTAssertEqual(t.column(named: "ok")?.value(at: 3), .bool(true))
        // Date-times and times keep their time, as text (Almanac has no time type).
        XCTAssertEqual(t.column(named: "when")?.value(at: 1), .text("2024-03-01 13:30:00"))
        XCTAssertEqual(t.column(named: "clock")?.value(at: 0), .text("07:15:00"))
    }

    func testAFormulaWithoutASavedValueIsALocatedWarning() throws {
        let r = try WorkbookReader.load(path: fixture("typed.xlsx"))
        XCTAssertEqual(r.table.column(named: "total")?.nullCount, 24)
        XCTAssertEqual(r.report.warnings.count, 1)
        let w = r.report.warnings[0]
        XCTAssertTrue(w.contains("typed.xlsx, sheet 'Dữ liệu'") && w.contains("I2, I3") && w.contains("19 more"), w)
        XCTAssertTrue(w.contains("open and save it in Excel"), w)
    }

    func testAMergedHeaderCellNamesEveryColumnItSpans() throws {
        let r = try WorkbookReader.load(path: fixture("typed.xlsx"), sheet: "Du lịch")
        XCTAssertEqual(r.table.columns.map(\.name), ["Tỉnh", "Năm 2023", "Năm 2023_2", "Năm 2023_3"])
        XCTAssertEqual(r.table.row(1), [.text("Cao Bằng"), .int(150), .null, .int(350)])
        // A preview (the first rows only) names them alike, so that a query's schema matches its load.
        var o = CSVOptions(); o.maxRows = 1
        XCTAssertEqual(try WorkbookReader.load(path: fixture("typed.xlsx"), sheet: "Du lịch", options: o).table.columns.map(\.name), r.table.columns.map(\.name))
    }

    func testSheetsByNameInNFCOrNFDAndAnyCase() throws {
        let nfd = "Du lịch".decomposedStringWithCanonicalMapping
        XCTAssertEqual(try WorkbookReader.load(path: fixture("typed.xlsx"), sheet: nfd).report.sheet, "Du lịch")
        XCTAssertEqual(try WorkbookReader.load(path: fixture("typed.xlsx"), sheet: "DU LỊCH").report.sheet, "Du lịch")
        XCTAssertEqual(try WorkbookReader.sheetNames(path: fixture("typed.xlsx")), ["Dữ liệu", "Du lịch"])
        XCTAssertThrowsError(try WorkbookReader.load(path: fixture("typed.xlsx"), sheet: "Du lich 2")) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("no sheet 'Du lich 2'") && text.contains("sheets: 'Dữ liệu', 'Du lịch'"), text)
        }
    }

    func test1904DateSystem() throws {
        let t = try WorkbookReader.load(path: fixture("epoch1904.xlsx")).table
        XCTAssertEqual(TestSupport.values(t, "day"), [.period(.day(1904, 1, 2)), .period(.day(2000, 2, 29)), .period(.day(2024, 12, 31))])
    }

    func test1900LeapYearQuirk() throws {
        let t = try WorkbookReader.load(path: fixture("quirk1900.xlsx")).table
        XCTAssertEqual(TestSupport.values(t, "day"), [.period(.day(1900, 1, 15)), .period(.day(1900, 2, 28)), .period(.day(1900, 3, 1)), .period(.day(1999, 12, 31))])
    }

    func testColumnsRowLimitAndDeclaredTypes() throws {
        var o = CSVOptions()
        o.columns = ["code", "value"]
        o.maxRows = 5
        o.declaredTypes = ["code": .text, "value": .float]
        let t = try WorkbookReader.load(path: fixture("typed.xlsx"), options: o).table
        XCTAssertEqual(t.columns.map(\.name), ["code", "value"])
        XCTAssertEqual(t.rowCount, 5)
        XCTAssertThrowsError(try WorkbookReader.load(path: fixture("typed.xlsx"), options: { var x = CSVOptions(); x.declaredTypes = ["province": .int]; return x }())) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("sheet 'Dữ liệu', cell B2 (column 'province')") && text.contains("'Hà Giang' is not a number"), text)
        }
        // Leniently, each bad row is set aside with its sheet row and cell.
        var lenient = CSVOptions(lenient: true)
        lenient.declaredTypes = ["code": .bool]
        let r = try WorkbookReader.load(path: fixture("typed.xlsx"), options: lenient)
        XCTAssertEqual(r.table.rowCount, 0)
        XCTAssertEqual(r.report.rejected.map(\.line), Array(2...25))
        XCTAssertEqual(r.report.rejected.first?.reason, "cell C2: '0900' is not true or false")
    }
}
