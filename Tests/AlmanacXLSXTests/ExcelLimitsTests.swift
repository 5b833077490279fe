import Foundation
import XCTest
@testable import AlmanacXLSX

final class ExcelLimitsTests: XLSXTestCase {
    func testRowAndColumnLimits() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            assertThrows(.rowOutOfRange(row: 1_048_576)) { try sheet.write(number: 1, row: 1_048_576, col: 0) }
            assertThrows(.rowOutOfRange(row: -1)) { try sheet.write(string: "x", row: -1, col: 0) }
            assertThrows(.columnOutOfRange(column: 16_384)) { try sheet.write(number: 1, row: 0, col: 16_384) }
            assertThrows(.columnOutOfRange(column: 70_000)) { try sheet.writeBoolean(true, row: 0, col: 70_000) }
            assertThrows(.columnOutOfRange(column: 16_384)) { try sheet.setColumnWidth(16_384, width: 10) }
            assertThrows(.rowOutOfRange(row: 1_048_576)) {
                try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: 1_048_576, lastCol: 1)
            }
            // The very last cell is fine.
            try sheet.write(number: 7, row: 1_048_575, col: 16_383)
        }
        XCTAssertEqual(try XLSXPackage(url: file()).cells()["XFD1048576"]?.value, "7")
    }

    func testCellTextLimitCountsUTF16Units() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let longest = String(repeating: "ằ", count: 32_767)
            try sheet.write(string: longest, row: 0, col: 0)
            assertThrows(.textTooLong(row: 1, column: 0, length: 32_768)) {
                try sheet.write(string: longest + "a", row: 1, col: 0)
            }
            // 16,384 emoji are 16,384 code points (libxlsxwriter's count) but 32,768
            // UTF-16 units (Excel's count): must be rejected.
            let emoji = String(repeating: "😀", count: 16_384)
            assertThrows(.textTooLong(row: 2, column: 0, length: 32_768)) {
                try sheet.write(string: emoji, row: 2, col: 0)
            }
            assertThrows(.textTooLong(row: 3, column: 1, length: 32_768)) {
                try sheet.writeComment(emoji, row: 3, col: 1)
            }
            assertThrows(.textTooLong(row: 4, column: 0, length: 32_768)) {
                try sheet.mergeRange(firstRow: 4, firstCol: 0, lastRow: 4, lastCol: 1, string: emoji)
            }
        }
        XCTAssertEqual(try XLSXPackage(url: file()).cells()["A1"]?.text?.count, 32_767)
        XCTAssertNil(try XLSXPackage(url: file()).cells()["A2"], "rejected cell must not be written")
    }

    func testNonFiniteNumbersAndBadFormulas() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            assertThrows(.nonFiniteNumber(row: 0, column: 0)) { try sheet.write(number: .nan, row: 0, col: 0) }
            assertThrows(.nonFiniteNumber(row: 0, column: 1)) { try sheet.write(number: -.infinity, row: 0, col: 1) }
            assertThrows(.nonFiniteNumber(row: 0, column: 2)) {
                try sheet.writeFormula("=1/0", cachedNumber: .infinity, row: 0, col: 2)
            }
            assertThrows(.invalidFormula(row: 1, column: 0, reason: "the formula is empty")) {
                try sheet.writeFormula("=", cachedNumber: 0, row: 1, col: 0)
            }
            let long = "=" + String(repeating: "1+", count: 4_096) + "1"
            XCTAssertThrowsError(try sheet.writeFormula(long, cachedNumber: 0, row: 2, col: 0)) { error in
                guard case .invalidFormula(2, 0, _)? = error as? XLSXError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertTrue(try XLSXPackage(url: file()).cells().isEmpty)
    }

    func testCellErrorsNameTheCellAsExcelDoes() {
        XCTAssertEqual(XLSXError.textTooLong(row: 2, column: 0, length: 40_000).description,
                       "text in cell A3 has 40000 UTF-16 characters; Excel allows at most 32767")
        XCTAssertTrue(XLSXError.nonFiniteNumber(row: 0, column: 27).description.hasPrefix("cell AB1:"))
        XCTAssertTrue(XLSXError.invalidFormula(row: 1_048_575, column: 16_383, reason: "empty").description.contains("XFD1048576"))
        XCTAssertTrue(XLSXError.rowOutOfOrder(sheet: "S", row: 1, currentRow: 3).description.contains("cannot write row 2 after row 4"))
    }

    func testConstants() {
        XCTAssertEqual(ExcelLimits.maxRows, 1_048_576)
        XCTAssertEqual(ExcelLimits.maxColumns, 16_384)
        XCTAssertEqual(ExcelLimits.maxCellTextLength, 32_767)
        XCTAssertEqual(ExcelLimits.maxSheetNameLength, 31)
    }

    func testEmbeddedNULIsRejectedNotTruncated() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            XCTAssertThrowsError(try sheet.write(string: "Hà\u{0}Giang", row: 0, col: 0)) { error in
                guard case .invalidArgument(let text)? = error as? XLSXError else { return XCTFail("\(error)") }
                XCTAssertTrue(text.contains("NUL"), text)
            }
            XCTAssertThrowsError(try sheet.writeComment("a\u{0}b", row: 1, col: 0))
            XCTAssertThrowsError(try sheet.writeFormula("=1\u{0}+1", cachedNumber: 2, row: 2, col: 0))
            XCTAssertThrowsError(try sheet.writeFormula("=\"a\"", cachedString: "a\u{0}", row: 3, col: 0))
            try sheet.write(string: "Hà Giang", row: 4, col: 0)
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells.count, 1)
        XCTAssertEqual(cells["A5"]?.text, "Hà Giang")
    }
}
