import XCTest
@testable import AlmanacIO
import AlmanacCore

/// Which number formats make dates, date-times and times of Excel's numbers.
final class NumberFormatKindTests: XCTestCase {
    func testBuiltInFormats() {
        for id in 14...16 { XCTAssertEqual(NumberFormatKind.builtIn(id), .date, "\(id)") }
        XCTAssertEqual(NumberFormatKind.builtIn(17), .month, "mmm-yy")
        for id in 18...21 { XCTAssertEqual(NumberFormatKind.builtIn(id), .time, "\(id)") }
        XCTAssertEqual(NumberFormatKind.builtIn(22), .dateTime)
        for id in 45...47 { XCTAssertEqual(NumberFormatKind.builtIn(id), .time, "\(id)") }
        for id in [0, 1, 3, 9, 12, 13, 37, 38, 49] { XCTAssertEqual(NumberFormatKind.builtIn(id), .number, "\(id)") }
        for id in [2, 4, 10, 11, 39, 40] { XCTAssertEqual(NumberFormatKind.builtIn(id), .decimal, "\(id)") }
    }

    func testCustomFormats() {
        let cases: [(String, NumberFormatKind)] = [
            ("mm/yyyy", .month), ("dd/mm/yyyy", .date), ("yyyy-mm-dd", .date), ("mmm-yy", .month), ("d-mmm", .date),
            ("[$-42A]dd/mm/yyyy", .date), ("mmmm yyyy", .month), ("yyyy", .year), ("\"Năm\" yyyy", .year),
            ("dd/mm/yyyy hh:mm", .dateTime), ("yyyy-mm-dd h:mm:ss AM/PM", .dateTime),
            ("h:mm", .time), ("mm:ss", .time), ("[h]:mm:ss", .time), ("hh:mm AM/PM", .time),
            ("General", .number), ("0.0%", .decimal), ("#,##0", .number), ("#,##0.00 \"đ\"", .decimal), ("0%", .number),
            ("\"ngày\" 0", .number), ("[Red]#,##0;[Blue]-#,##0", .number), ("0.00E+00", .decimal), ("#,##0_);(#,##0)", .number),
            ("\"v.0\" 0", .number),
            ("@", .number),
        ]
        for (code, kind) in cases { XCTAssertEqual(NumberFormatKind.custom(code), kind, code) }
    }

    func testSerialDays() {
        XCTAssertEqual(CellText.day(serial: 1, date1904: false), CivilDate.days(year: 1900, month: 1, day: 1))
        XCTAssertEqual(CellText.day(serial: 59, date1904: false), CivilDate.days(year: 1900, month: 2, day: 28))
        XCTAssertNil(CellText.day(serial: 60, date1904: false), "1900-02-29 never was")
        XCTAssertEqual(CellText.day(serial: 61, date1904: false), CivilDate.days(year: 1900, month: 3, day: 1))
        XCTAssertEqual(CellText.day(serial: 45_292, date1904: false), CivilDate.days(year: 2024, month: 1, day: 1))
        XCTAssertEqual(CellText.day(serial: 0, date1904: true), CivilDate.days(year: 1904, month: 1, day: 1))
        XCTAssertEqual(CellText.day(serial: 43_830, date1904: true), CivilDate.days(year: 2024, month: 1, day: 1))
    }

    func testNotesColumnLines() {
        XCTAssertEqual(AlmanacNotes.parse("Kim ngạch (USD) [value_usd] — đơn vị: USD — định dạng: #,##0"),
                       AlmanacNotes.ColumnLine(header: "Kim ngạch (USD)", name: "value_usd", unit: "USD", format: "#,##0"))
        XCTAssertEqual(AlmanacNotes.parse("province — định dạng: General"),
                       AlmanacNotes.ColumnLine(header: "province", name: "province", unit: nil, format: "General"))
    }
}
