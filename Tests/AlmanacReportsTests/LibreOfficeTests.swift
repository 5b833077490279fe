import Foundation
import XCTest
import AlmanacTestSupport
import AlmanacCore
import AlmanacXLSX
@testable import AlmanacReports

/// Opens what we write in a real spreadsheet application: LibreOffice loads each workbook, recalculates
/// every formula, and saves every sheet as CSV. One conversion covers all checks (LibreOffice is slow to start).
final class LibreOfficeTests: ReportsTestCase {
    func testLibreOfficeRecalculatesOurFormulasToTheCachedValuesAndReadsEverySheet() throws {
        // 1. A full export: formulas, chart, Notes.
        let runner = FakeRunner()
        let (trade, hints) = Fixtures.tradeMonths()
        runner.results["from trade"] = SheetResult(table: trade, formulaHints: hints,
                                                   warnings: [SheetWarning(message: "Thiếu số liệu tháng 06/2023.")],
                                                   datasets: [Fixtures.dataset("trade_monthly", synthetic: true)])
        runner.results["from mixed"] = SheetResult(table: Fixtures.mixed())
        let (sameRow, sameRowHints) = Fixtures.sameRow()
        runner.results["from same_row"] = SheetResult(table: sameRow, formulaHints: sameRowHints)
        let spec = try WorkbookSpec.parse("""
        title = "Báo cáo tháng"
        [[sheets]]
        name = "Xuất nhập khẩu"
        query = "from trade"
        formulas = true
        title = "Kim ngạch Hà Giang"
        [sheets.chart]
        x = "period"
        y = ["value", "value_vnd"]
        [[sheets]]
        name = "Tổng hợp"
        query = "from mixed"
        [[sheets]]
        name = "Cùng dòng"
        query = "from same_row"
        formulas = true
        """, file: "thang.toml", projectDirectory: folder.path)
        let exported = try WorkbookExporter(runner: runner, options: ExportOptions(syncBeforeRename: false))
            .export(spec, output: file("thang.xlsx"))
        // 2. The same data in constant-memory mode.
        let streamed = try WorkbookExporter(runner: runner, options: ExportOptions(constantMemory: true, syncBeforeRename: false))
            .export(spec, output: file("streamed.xlsx"))
        // 3. A canary: a formula whose cached value is deliberately wrong. If LibreOffice shows 999, it did not
        //    recalculate and the comparisons below would prove nothing.
        let canary = file("canary.xlsx")
        try XLSXWorkbook.write(to: canary) { wb in
            let s = try wb.addWorksheet(name: "Canary")
            try s.write(number: 2, row: 0, col: 0)
            try s.writeFormula("=A1*10", cachedNumber: 999, row: 0, col: 1)
        }

        let converted = try LibreOfficeCSV.convert([exported.output, streamed.output, canary], in: folder)
        XCTAssertEqual(converted[canary]?["Canary"]?.first, ["2", "20"], "LibreOffice did not recalculate formulas on load")

        for url in [exported.output, streamed.output] {
            let sheets = try XCTUnwrap(converted[url], url.lastPathComponent)
            XCTAssertEqual(Set(sheets.keys), ["Xuất nhập khẩu", "Tổng hợp", "Cùng dòng", "Ghi chú"], url.lastPathComponent)
            let book = try OpenPyXL.read(url)
            try compare(book.sheet("Xuất nhập khẩu")!, with: try XCTUnwrap(sheets["Xuất nhập khẩu"]), file: url.lastPathComponent)
            try compare(book.sheet("Tổng hợp")!, with: try XCTUnwrap(sheets["Tổng hợp"]), file: url.lastPathComponent)
            // Same-row arithmetic (=A2/B2-1, =-(A2+B2)*0.5, =A2-(B2-C2), …) recalculated by LibreOffice.
            try compare(book.sheet("Cùng dòng")!, with: try XCTUnwrap(sheets["Cùng dòng"]), file: url.lastPathComponent)

            let tradeCSV = sheets["Xuất nhập khẩu"]!
            XCTAssertEqual(tradeCSV[0].first, "Kim ngạch Hà Giang")
            XCTAssertEqual(tradeCSV[2].prefix(3), ["Kỳ", "Tỉnh", "Kim ngạch (USD)"])
            XCTAssertEqual(tradeCSV[3][8], "=SUM(A1:A3)", "text stays text in a real client")
            let notes = sheets["Ghi chú"]!.flatMap { $0 }
            XCTAssertTrue(notes.contains("Trang tính"))
            XCTAssertTrue(notes.contains("Xuất nhập khẩu"))
            XCTAssertTrue(notes.contains { $0.contains("Dữ liệu mô phỏng (synthetic)") })
            XCTAssertTrue(notes.contains("Thiếu số liệu tháng 06/2023."))
        }
    }

    /// Every non-empty cell openpyxl saw must appear in LibreOffice's CSV: numbers (formula results recalculated
    /// by LibreOffice) equal to the cached values, text identical code point by code point, dates the same day.
    func compare(_ sheet: ReadBook.Sheet, with csv: [[String]], file: String) throws {
        var formulas = 0
        for (ref, cell) in sheet.cells {
            let r = rowOf(ref) - 1
            let c = columnIndex(columnOf(ref))
            let context = "\(file) \(sheet.name)!\(ref) \(cell)"
            guard r < csv.count, c < csv[r].count else { XCTFail("missing in CSV: \(context)"); continue }
            let text = csv[r][c]
            switch cell.type {
            case "int", "float":
                let expected = try XCTUnwrap(cell.value.number)
                let actual = try XCTUnwrap(Self.number(text), "not a number: '\(text)' \(context)")
                XCTAssertLessThanOrEqual(abs(actual - expected), 1e-12 * max(1, abs(expected)), "\(actual) vs \(expected) \(context)")
                if cell.formula != nil { formulas += 1 }
            case "str":
                XCTAssertEqual(scalars(text), scalars(cell.value.string!), context)
            case "bool":
                XCTAssertEqual(text, cell.value.bool! ? "TRUE" : "FALSE", context)
            case "datetime":
                // openpyxl: 2023-02-01T00:00:00; LibreOffice (locale-dependent order): 02/01/2023 or 01/02/2023.
                let iso = cell.value.string!
                let y = String(iso.prefix(4)), m = String(iso.dropFirst(5).prefix(2)), d = String(iso.dropFirst(8).prefix(2))
                XCTAssertTrue(["\(m)/\(d)/\(y)", "\(d)/\(m)/\(y)", "\(y)-\(m)-\(d)"].contains(text), "'\(text)' \(context)")
            default:
                XCTFail("unexpected type \(context)")
            }
        }
        if sheet.name == "Xuất nhập khẩu" { XCTAssertEqual(formulas, 45, file) }
        if sheet.name == "Cùng dòng" { XCTAssertEqual(formulas, 39, file) }
    }

    static func number(_ text: String) -> Double? {
        if text.hasSuffix("%"), let v = Double(text.dropLast()) { return v / 100 }
        return Double(text)
    }

    func columnIndex(_ letters: String) -> Int {
        letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}
