import Foundation
import XCTest
@testable import AlmanacXLSX

final class FormatCacheTests: XLSXTestCase {
    func testOneFormatPerDistinctStyle() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let header = CellStyle(bold: true, backgroundColor: .lightGray, horizontalAlignment: .center, border: .thin)
            let money = CellStyle(numberFormat: .oneDecimalGrouped)
            let percent = CellStyle(italic: true, numberFormat: .percentOneDecimal)
            XCTAssertEqual(wb.distinctFormatCount, 0)
            let h1 = try wb.format(for: header)
            let h2 = try wb.format(for: CellStyle(bold: true, backgroundColor: .lightGray, horizontalAlignment: .center, border: .thin))
            XCTAssertEqual(h1, h2, "equal styles share one handle")
            XCTAssertEqual(wb.distinctFormatCount, 1)
            for r in 0..<500 {
                // Asking per cell is allowed and still creates nothing new.
                try sheet.write(number: Double(r), row: r, col: 0, format: try wb.format(for: money))
                try sheet.write(number: Double(r) / 1000, row: r, col: 1, format: try wb.format(for: percent))
                try sheet.write(string: "h", row: r, col: 2, format: h1)
            }
            XCTAssertEqual(wb.distinctFormatCount, 3)
            XCTAssertNotEqual(try wb.format(for: money), try wb.format(for: percent))
        }
        let package = XLSXPackage(url: file())
        let styles = try package.part("xl/styles.xml")
        // Default format + the three used ones.
        XCTAssertEqual(firstMatch(#"<cellXfs count="(\d+)""#, in: styles), "4", styles)
        XCTAssertTrue(styles.contains(##"formatCode="#,##0.0""##), styles)
        XCTAssertTrue(styles.contains(#"formatCode="0.0%""#), styles)
        XCTAssertTrue(styles.contains("<b/>"), styles)
        XCTAssertTrue(styles.contains("<i/>"), styles)
        XCTAssertTrue(styles.contains(#"<fgColor rgb="FFD9D9D9"/>"#), styles)
        XCTAssertTrue(styles.contains(#"<left style="thin">"#), styles)
        let cells = try package.cells()
        XCTAssertEqual(cells["A1"]?.style, cells["A500"]?.style)
        XCTAssertNotEqual(cells["A1"]?.style, cells["B1"]?.style)
    }

    func testNumberFormatConstants() {
        XCTAssertEqual(NumberFormat.integerGrouped.code, "#,##0")
        XCTAssertEqual(NumberFormat.oneDecimalGrouped.code, "#,##0.0")
        XCTAssertEqual(NumberFormat.twoDecimalsGrouped.code, "#,##0.00")
        XCTAssertEqual(NumberFormat.percentOneDecimal.code, "0.0%")
        XCTAssertEqual(NumberFormat.integer.code, "0")
        XCTAssertEqual(NumberFormat.monthYear.code, "mm/yyyy")
        XCTAssertEqual(NumberFormat.dayMonthYear.code, "dd/mm/yyyy")
        XCTAssertEqual(NumberFormat.year.code, "yyyy")
    }

    func testBlackIsNotTreatedAsUnset() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            try sheet.write(string: "x", row: 0, col: 0, format: try wb.format(for: CellStyle(fontColor: .black)))
        }
        let styles = try XLSXPackage(url: file()).part("xl/styles.xml")
        XCTAssertTrue(styles.contains(#"<color rgb="FF000000"/>"#), styles)
    }

    func testForeignAndInvalidFormats() throws {
        var foreign: XLSXFormat?
        try XLSXWorkbook.write(to: file("other.xlsx")) { wb in
            foreign = try wb.format(for: CellStyle(bold: true))
        }
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            assertThrows(.foreignFormat) { try sheet.write(number: 1, row: 0, col: 0, format: foreign) }
            XCTAssertThrowsError(try wb.format(for: CellStyle(fontSize: 0)))
            XCTAssertThrowsError(try wb.format(for: CellStyle(numberFormat: NumberFormat(String(repeating: "0", count: 200)))))
            XCTAssertThrowsError(try wb.format(for: CellStyle(indent: 16)))
            XCTAssertEqual(wb.distinctFormatCount, 0, "invalid styles create nothing")
        }
    }
}
