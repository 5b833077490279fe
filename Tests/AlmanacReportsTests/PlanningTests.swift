import AlmanacDiagnostics
import Foundation
import XCTest
import AlmanacCore
import AlmanacXLSX
@testable import AlmanacReports

/// The small decisions: cell references, number formats from data, presentation keywords, date serials.
final class PlanningTests: XCTestCase {
    func testColumnLetters() {
        XCTAssertEqual([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(CellReference.columnLetters),
                       ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"])
        XCTAssertEqual(CellReference.a1(row: 4, col: 2), "C5")
    }

    func testAmountDecimalsFollowTheData() {
        func code(_ values: [Double?]) -> String {
            SheetColumnPlanner.amountFormat(Column.floats("x", values)).code
        }
        XCTAssertEqual(code([1_234_567.5, 2_000_000.25, 900.5]), "#,##0", "mostly ≥ 1000")
        XCTAssertEqual(code([703.8, 599.3, 4_642]), "#,##0.0", "billion VND with one decimal")
        XCTAssertEqual(code([703.8, 92.96, 4_642]), "#,##0.00", "one value needs two decimals")
        XCTAssertEqual(code([1.5, 2.25, 3]), "#,##0.00", "mostly below 10")
        XCTAssertEqual(code([120, 340, 560]), "#,##0", "no fractions")
        XCTAssertEqual(code([nil, nil]), "#,##0")
        XCTAssertEqual(code([180.1, 174.8, .nan]), "#,##0.0", "NaN ignored")
        XCTAssertEqual(code([100.1 + 0.2, 10.7, 25.4]), "#,##0.0", "binary noise is not a second decimal")
        XCTAssertEqual(code([0.001235, 0.5, 2.25]), "#,##0.00000", "0.001235 shows as 0.00124, not 0.00")
        XCTAssertEqual(code([0.0000004, 0.1]), "#,##0.000000000", "three digits of the smallest")
        XCTAssertEqual(code([0.01, 0.5, 2.25]), "#,##0.00", "two decimals already show 0.01")
    }

    func testFormatsFromTypeUnitAndName() {
        func plan(_ c: Column, _ options: SheetOptions = SheetOptions()) -> (SheetColumnPlan.Kind, String?) {
            let p = SheetColumnPlanner.plan(c, index: 0, options: options)
            return (p.kind, p.format?.code)
        }
        XCTAssertEqual(plan(.ints("value", [1, 2], meta: ColumnMeta(unit: "million USD"))).1, "#,##0")
        XCTAssertEqual(plan(.ints("projects", [17], meta: ColumnMeta(unit: "projects"))).1, "#,##0")
        XCTAssertEqual(plan(.ints("x", [12], meta: ColumnMeta(unit: "%"))).0, .number(scale: 0.01))
        XCTAssertEqual(plan(.floats("share", [0.5], meta: ColumnMeta(unit: "ratio"))).1, "0.0%")
        XCTAssertEqual(plan(.floats("tăng trưởng", [0.5])).1, "0.0%", "Vietnamese name")
        XCTAssertEqual(plan(.floats("ty_trong", [0.5])).1, "0.0%")
        XCTAssertEqual(plan(.floats("exchange_rate", [24_500.5])).1, "#,##0", "'rate' is not taken for a ratio")
        XCTAssertEqual(plan(.ints("year", [2024])).1, "0")
        XCTAssertEqual(plan(.ints("code", [2001, 2002])).1, "0", "year-like values outside measures")
        XCTAssertEqual(plan(.ints("n", [2001, 2002], meta: ColumnMeta(role: .measure))).1, "#,##0")
        XCTAssertEqual(plan(.ints("n", [5, 12_000])).1, "#,##0")
        XCTAssertEqual(plan(.texts("t", ["a"])).0, .text)
        XCTAssertEqual(plan(.bools("b", [true])).0, .boolean)
        XCTAssertEqual(plan(.periods("p", [.quarter(2024, 3)], frequency: .quarter)).0, .periodText)
        XCTAssertEqual(plan(.periods("p", [.month(2024, 3)], frequency: .month)).1, "mm/yyyy")
        XCTAssertEqual(plan(.periods("p", [.day(2024, 3, 1)], frequency: .day)).1, "dd/mm/yyyy")
        XCTAssertEqual(plan(.periods("p", [.year(2024)], frequency: .year)).0, .periodYear)
        XCTAssertEqual(plan(.periods("p", [.year(2024)], frequency: .year), SheetOptions(periods: .text)).0, .periodText)
    }

    func testPresentationKeywordsAndRawCodes() throws {
        XCTAssertEqual(try ColumnPresentation.parse("percent").get(), .percent)
        XCTAssertEqual(try ColumnPresentation.parse(" Amount ").get(), .amount)
        XCTAssertEqual(try ColumnPresentation.parse("#,##0.000").get(), .numberFormat("#,##0.000"))
        XCTAssertEqual(try ColumnPresentation.parse("mmm yyyy").get(), .numberFormat("mmm yyyy"))
        guard case .failure(let e) = ColumnPresentation.parse("cout") else { return XCTFail() }
        XCTAssertTrue(e.hint?.hasPrefix("did you mean 'count'?") ?? false, "\(e)")
        guard case .failure = ColumnPresentation.parse("") else { return XCTFail() }
    }

    func testDisplayTextForWidths() {
        XCTAssertEqual(DisplayText.number(1_234_567.891, DisplayText.shape(of: "#,##0.00")), "1,234,567.89")
        XCTAssertEqual(DisplayText.number(-1_234.5, DisplayText.shape(of: "#,##0")), "-1,234")
        XCTAssertEqual(DisplayText.number(0.125, DisplayText.shape(of: "0.0%")), "12.5%")
        XCTAssertEqual(DisplayText.number(2024, DisplayText.shape(of: "0")), "2024")
        XCTAssertEqual(DisplayText.number(0.5, DisplayText.shape(of: nil)), "0.5")
        XCTAssertEqual(DisplayText.dateWidthSample("mm/yyyy"), "mm/yyyy")
        XCTAssertEqual(SheetWriter.sampleRows(5, 2), [0, 1, 3, 4])
        XCTAssertEqual(SheetWriter.sampleRows(3, 2), [0, 1, 2])
    }

    func testExcelDateSerials() {
        XCTAssertEqual(ExcelDate.serial(dayNumber: 0), 25_569, "1970-01-01")
        XCTAssertEqual(ExcelDate.serial(dayNumber: CivilDate.days(year: 1900, month: 3, day: 1)), 61)
        XCTAssertNil(ExcelDate.serial(dayNumber: CivilDate.days(year: 1900, month: 2, day: 28)))
        XCTAssertEqual(ExcelDate.serial(dayNumber: CivilDate.days(year: 2024, month: 10, day: 1)), 45_566)
        XCTAssertEqual(ExcelDate.serial(dayNumber: CivilDate.days(year: 9999, month: 12, day: 31)), 2_958_465)
        XCTAssertEqual(ExcelDate.firstDay(ofMonth: Period.month(2024, 10).ordinal), CivilDate.days(year: 2024, month: 10, day: 1))
    }

    func testJanuary1900UsesTheXLSXLayersDateWrite() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-1900-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try Table(columns: [.periods("d", [.day(1900, 1, 1), .day(1900, 2, 28), .day(1900, 3, 1)], frequency: .day)])
        let written = try XLSXWorkbook.write(to: url) { wb in try SheetWriter(workbook: wb).write(table, name: "D") }
        XCTAssertTrue(written.warnings.isEmpty)
        let s = try XCTUnwrap(OpenPyXL.read(url).sheet("D"))
        XCTAssertEqual(s["A2"]?.value.string, "1900-01-01T00:00:00")
        XCTAssertEqual(s["A3"]?.value.string, "1900-02-28T00:00:00")
        XCTAssertEqual(s["A4"]?.value.string, "1900-03-01T00:00:00")
    }

    func testSuggestionsCatchTyposAndSwaps() {
        XCTAssertEqual(Suggestions.closest(to: "tittle", among: ["title", "output"]), "title")
        XCTAssertEqual(Suggestions.closest(to: "tilte", among: ["title", "output"]), "title")
        XCTAssertEqual(Suggestions.closest(to: "Ha Giang", among: ["Hà Giang", "Cao Bằng"]), "Hà Giang")
        XCTAssertNil(Suggestions.closest(to: "xyz", among: ["title"]))
    }
}

final class NotesAndProgressTests: ReportsTestCase {
    func testOverlongNotesTextIsCutAndMarked() {
        let text = String(repeating: "ữ", count: 40_000)
        let cut = NotesSheet.fit(text)
        XCTAssertLessThanOrEqual(cut.utf16.count, ExcelLimits.maxCellTextLength)
        XCTAssertTrue(cut.hasSuffix("… (đã cắt bớt)"))
        XCTAssertEqual(NotesSheet.fit("ngắn"), "ngắn")
    }

    func testTimestampsCarryTheirOffset() {
        let date = Date(timeIntervalSince1970: 1_730_790_187)
        XCTAssertEqual(NotesSheet.timestamp(date, timeZone: TimeZone(secondsFromGMT: 7 * 3600)!), "05/11/2024 14:03:07 UTC+07:00")
        XCTAssertEqual(NotesSheet.timestamp(date, timeZone: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!), "05/11/2024 03:33:07 UTC-03:30")
    }

    func testSheetWriterReportsProgressAndAVeryLongQueryStillSaves() throws {
        let table = try Table(columns: [.ints("n", (0..<25).map { Int64($0) })])
        var seen: [Int] = []
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            var writer = SheetWriter(workbook: wb)
            writer.progressInterval = 10
            _ = try writer.write(table, name: "P") { seen.append($0) }
            try NotesSheet.write(WorkbookNotes(generatedAt: Date(), sheets: [
                SheetNotes(sheetName: "P", query: SourceText(name: "q", text: String(repeating: "from trade | ", count: 4_000)),
                           generatedAt: Date(), rows: 25, columns: 1)]), into: wb)
        }
        XCTAssertEqual(seen, [10, 20, 25])
        let book = try OpenPyXL.read(file())
        XCTAssertEqual(book.sheets.map(\.name), ["P", "Ghi chú"])
        let notes = try XCTUnwrap(book.sheet("Ghi chú"))
        let query = try XCTUnwrap(notes.cells.values.first { $0.value.string?.hasPrefix("from trade") ?? false })
        XCTAssertTrue(query.value.string!.hasSuffix("… (đã cắt bớt)"))
        XCTAssertEqual(notes.row_heights.values.max(), 409, "tall rows are capped at Excel's limit")
    }
}
