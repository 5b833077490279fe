import Foundation
import XCTest
@testable import AlmanacXLSX

final class WorksheetTests: XLSXTestCase {
    func testFormulaLikeTextStaysAString() throws {
        let risky = ["=SUM(A1:A2)", "+1+1", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")", "=1+1"]
        for constantMemory in [false, true] {
            let url = file("inject-\(constantMemory).xlsx")
            try XLSXWorkbook.write(to: url, options: .init(constantMemory: constantMemory)) { wb in
                let sheet = try wb.addWorksheet(name: "S")
                for (i, text) in risky.enumerated() { try sheet.write(string: text, row: i, col: 0) }
            }
            let package = XLSXPackage(url: url)
            let xml = try package.part("xl/worksheets/sheet1.xml")
            XCTAssertFalse(xml.contains("<f>"), "no formula element may be written: \(xml)")
            let cells = try package.cells()
            for (i, text) in risky.enumerated() {
                let cell = try XCTUnwrap(cells["A\(i + 1)"])
                XCTAssertEqual(cell.text, text)
                XCTAssertNil(cell.formula)
                XCTAssertEqual(cell.type, constantMemory ? "inlineStr" : "s")
            }
        }
    }

    func testFormulaWithCachedValue() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            try sheet.write(number: 1, row: 0, col: 0)
            try sheet.write(number: 2, row: 1, col: 0)
            try sheet.writeFormula("=SUM(A1:A2)", cachedNumber: 3, row: 2, col: 0)
            try sheet.writeFormula("A1*10", cachedNumber: 10, row: 3, col: 0)
            try sheet.writeFormula("=\"Tổng: \"&A3", cachedString: "Tổng: 3", row: 4, col: 0)
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells["A3"]?.formula, "SUM(A1:A2)")
        XCTAssertEqual(cells["A3"]?.value, "3")
        XCTAssertEqual(cells["A4"]?.formula, "A1*10")
        XCTAssertEqual(cells["A4"]?.value, "10")
        XCTAssertEqual(cells["A5"]?.formula, "\"Tổng: \"&A3")
        XCTAssertEqual(cells["A5"]?.type, "str")
        XCTAssertEqual(cells["A5"]?.text, "Tổng: 3")
    }

    func testBooleanDateAndBlank() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let date = try wb.format(for: CellStyle(numberFormat: .dayMonthYear))
            let shaded = try wb.format(for: CellStyle(backgroundColor: .lightGray))
            try sheet.writeBoolean(true, row: 0, col: 0)
            try sheet.writeBoolean(false, row: 0, col: 1)
            try sheet.writeDate(year: 2024, month: 3, day: 15, row: 1, col: 0, format: date)
            try sheet.writeDate(year: 1900, month: 3, day: 1, row: 1, col: 1, format: date)
            try sheet.writeBlank(row: 2, col: 0, format: shaded)
            try sheet.write(string: "", row: 2, col: 1)  // unformatted empty text: nothing
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells["A1"]?.type, "b")
        XCTAssertEqual(cells["A1"]?.value, "1")
        XCTAssertEqual(cells["B1"]?.value, "0")
        XCTAssertEqual(cells["A2"]?.value, "45366", "2024-03-15 is Excel serial 45366")
        XCTAssertEqual(cells["B2"]?.value, "61", "1900-03-01 is serial 61 (after Excel's 1900 leap bug)")
        XCTAssertNotNil(cells["A2"]?.style)
        XCTAssertNotNil(cells["A3"], "formatted blank is written")
        XCTAssertNil(cells["A3"]?.value)
        XCTAssertNil(cells["B3"], "unformatted empty string writes no cell")
    }

    func testInvalidDatesAreRejected() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let date = try wb.format(for: CellStyle(numberFormat: .dayMonthYear))
            assertThrows(.invalidDate(year: 2023, month: 2, day: 29)) {
                try sheet.writeDate(year: 2023, month: 2, day: 29, row: 0, col: 0, format: date)
            }
            assertThrows(.invalidDate(year: 1899, month: 12, day: 31)) {
                try sheet.writeDate(year: 1899, month: 12, day: 31, row: 0, col: 0, format: date)
            }
            assertThrows(.invalidDate(year: 2024, month: 13, day: 1)) {
                try sheet.writeDate(year: 2024, month: 13, day: 1, row: 0, col: 0, format: date)
            }
            try sheet.writeDate(year: 2024, month: 2, day: 29, row: 0, col: 0, format: date)
        }
    }

    func testLayoutFreezeAutofilterMergeWidthHeightComment() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let bold = try wb.format(for: CellStyle(bold: true, horizontalAlignment: .center))
            try sheet.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 2, string: "Báo cáo", format: bold)
            for c in 0..<3 { try sheet.write(string: "H\(c)", row: 1, col: c, format: bold) }
            try sheet.setColumnWidth(0, width: 20)
            try sheet.setColumnWidth(columns: 1...2, width: 12.5)
            try sheet.setRowHeight(1, height: 30)
            try sheet.freezePanes(row: 2, col: 1)
            try sheet.autofilter(firstRow: 1, firstCol: 0, lastRow: 10, lastCol: 2)
            try sheet.writeComment("Nguồn: Cục Thống kê", row: 1, col: 0)
            assertThrows(.invalidRange("a merged range needs at least two cells")) {
                try sheet.mergeRange(firstRow: 5, firstCol: 0, lastRow: 5, lastCol: 0, string: "x")
            }
            assertThrows(.invalidArgument("column width 300.0 is outside 0...255.0")) {
                try sheet.setColumnWidth(0, width: 300)
            }
        }
        let package = XLSXPackage(url: file())
        let xml = try package.part("xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains(#"<mergeCell ref="A1:C1"/>"#), xml)
        XCTAssertTrue(xml.contains(#"<autoFilter ref="A2:C11"/>"#), xml)
        XCTAssertTrue(xml.contains(#"state="frozen""#) && xml.contains(#"topLeftCell="B3""#), xml)
        XCTAssertTrue(xml.contains(#"<col min="1" max="1" width="20.7109375""#), xml)
        XCTAssertTrue(xml.contains(#"<col min="2" max="3" width="13.28515625""#), xml)
        XCTAssertTrue(xml.contains(#"ht="30""#), xml)
        XCTAssertEqual(try package.cells()["A1"]?.text, "Báo cáo")
        let comments = try package.part("xl/comments1.xml")
        XCTAssertTrue(comments.contains("Nguồn: Cục Thống kê"), comments)
        let workbookXML = try package.part("xl/workbook.xml")
        XCTAssertTrue(workbookXML.contains("S!$A$2:$C$11"), workbookXML)
    }

    func testInOrderIsNotRequiredInDefaultMode() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            try sheet.write(number: 2, row: 5, col: 0)
            try sheet.write(number: 1, row: 0, col: 0)
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells["A1"]?.value, "1")
        XCTAssertEqual(cells["A6"]?.value, "2")
    }
}
