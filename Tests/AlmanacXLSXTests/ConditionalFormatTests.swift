import Foundation
import XCTest
@testable import AlmanacXLSX

final class ConditionalFormatTests: XLSXTestCase {
    func testNegativeRedPositiveGreen() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "Tăng trưởng")
            for r in 1...9 {
                for c in 1...3 { try sheet.write(number: Double(r - 5) * Double(c), row: r, col: c) }
            }
            try sheet.addConditionalFormat(.negativeInRed, firstRow: 1, firstCol: 1, lastRow: 9, lastCol: 3)
            try sheet.addConditionalFormat(.positiveInGreen, firstRow: 1, firstCol: 1, lastRow: 9, lastCol: 3)
            try sheet.addConditionalFormat(ConditionalFormat(.between(-1, 1), style: CellStyle(bold: true, backgroundColor: .lightGray)),
                                           firstRow: 1, firstCol: 1, lastRow: 9, lastCol: 1)
        }
        let package = XLSXPackage(url: file())
        let xml = try package.part("xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains(#"<conditionalFormatting sqref="B2:D10">"#), xml)
        XCTAssertTrue(xml.contains(#"<cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule>"#), xml)
        XCTAssertTrue(xml.contains(#"<cfRule type="cellIs" dxfId="1" priority="2" operator="greaterThan"><formula>0</formula></cfRule>"#), xml)
        XCTAssertTrue(xml.contains(#"operator="between"><formula>-1</formula><formula>1</formula>"#), xml)
        let styles = try package.part("xl/styles.xml")
        let dxfs = try XCTUnwrap(firstMatch(#"<dxfs count="3">(.*?)</dxfs>"#, in: styles), styles)
        let entries = matches("<dxf>(.*?)</dxf>", in: dxfs).compactMap { $0[1] }
        XCTAssertEqual(entries.count, 3)
        XCTAssertTrue(entries[0].contains(#"<color rgb="FFFF0000"/>"#), entries[0])
        XCTAssertTrue(entries[1].contains(#"<color rgb="FF00B050"/>"#), entries[1])
        XCTAssertTrue(entries[2].contains("<b/>"), entries[2])
    }

    func testInvalidConditionalFormats() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            XCTAssertThrowsError(try sheet.addConditionalFormat(ConditionalFormat(.between(2, 1), style: .plain),
                                                                firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 1))
            XCTAssertThrowsError(try sheet.addConditionalFormat(ConditionalFormat(.lessThan(.nan), style: .plain),
                                                                firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 1))
            assertThrows(.columnOutOfRange(column: 16_384)) {
                try sheet.addConditionalFormat(.negativeInRed, firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 16_384)
            }
            XCTAssertThrowsError(try sheet.addConditionalFormat(.negativeInRed, firstRow: 5, firstCol: 0, lastRow: 1, lastCol: 1))
        }
        XCTAssertFalse(try XLSXPackage(url: file()).part("xl/worksheets/sheet1.xml").contains("conditionalFormatting"))
    }
}
