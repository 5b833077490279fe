import Foundation
import XCTest
@testable import AlmanacXLSX

final class WorkbookTests: XLSXTestCase {
    let vietnamese = ["Hà Giang", "Cao Bằng", "lũy kế từ đầu năm", "Đắk Lắk", "Thừa Thiên Huế"]

    func testNumbersAndVietnameseTextRoundTrip() throws {
        for constantMemory in [false, true] {
            let url = file("roundtrip-\(constantMemory).xlsx")
            try XLSXWorkbook.write(to: url, options: .init(constantMemory: constantMemory)) { wb in
                let sheet = try wb.addWorksheet(name: "Tỉnh thành")
                try sheet.write(string: "Tỉnh", row: 0, col: 0)
                try sheet.write(string: "Giá trị", row: 0, col: 1)
                for (i, name) in vietnamese.enumerated() {
                    try sheet.write(string: name, row: i + 1, col: 0)
                    try sheet.write(number: Double(i) * 1_000.5 - 1, row: i + 1, col: 1)
                }
                try sheet.write(number: 0.1 + 0.2, row: 10, col: 1)
                try sheet.write(number: -1e-300, row: 11, col: 1)
            }
            let package = XLSXPackage(url: url)
            let cells = try package.cells()
            XCTAssertEqual(cells["A1"]?.text, "Tỉnh")
            for (i, name) in vietnamese.enumerated() {
                XCTAssertEqual(cells["A\(i + 2)"]?.text, name, "constantMemory=\(constantMemory)")
                XCTAssertEqual(cells["B\(i + 2)"]?.value.flatMap(Double.init), Double(i) * 1_000.5 - 1)
            }
            // libxlsxwriter prints numbers with "%.16G": 16 significant digits survive.
            XCTAssertEqual(try XCTUnwrap(cells["B11"]?.value.flatMap(Double.init)), 0.1 + 0.2, accuracy: 1e-16)
            XCTAssertEqual(cells["B11"]?.value, "0.3")
            XCTAssertEqual(cells["B12"]?.value.flatMap(Double.init), -1e-300)
            // Constant memory writes inline strings, the default mode shares them.
            XCTAssertEqual(cells["A2"]?.type, constantMemory ? "inlineStr" : "s")
            let workbookXML = try package.part("xl/workbook.xml")
            XCTAssertTrue(workbookXML.contains(#"<sheet name="Tỉnh thành""#), workbookXML)
        }
    }

    func testDecomposedTextIsWrittenAsGiven() throws {
        let nfd = "Ha\u{0300} Giang"
        try XLSXWorkbook.write(to: file()) { wb in
            try wb.addWorksheet(name: "S").write(string: nfd, row: 0, col: 0)
        }
        let text = try XCTUnwrap(XLSXPackage(url: file()).cells()["A1"]?.text)
        XCTAssertEqual(Array(text.unicodeScalars), Array(nfd.unicodeScalars))
    }

    func testDocumentPropertiesAppearInCoreXML() throws {
        let created = Date(timeIntervalSince1970: 1_704_164_645)  // 2024-01-02T03:04:05Z
        let properties = DocumentProperties(
            title: "Báo cáo GRDP", subject: "Tăng trưởng", author: "Sở Kế hoạch và Đầu tư",
            company: "UBND tỉnh Hà Giang", keywords: "grdp, 2024", comments: "lũy kế từ đầu năm",
            created: created)
        try XLSXWorkbook.write(to: file(), properties: properties) { wb in
            _ = try wb.addWorksheet(name: "Data")
        }
        let package = XLSXPackage(url: file())
        let core = try package.part("docProps/core.xml")
        XCTAssertTrue(core.contains("<dc:title>Báo cáo GRDP</dc:title>"), core)
        XCTAssertTrue(core.contains("<dc:subject>Tăng trưởng</dc:subject>"), core)
        XCTAssertTrue(core.contains("<dc:creator>Sở Kế hoạch và Đầu tư</dc:creator>"), core)
        XCTAssertTrue(core.contains("<cp:keywords>grdp, 2024</cp:keywords>"), core)
        XCTAssertTrue(core.contains("<dc:description>lũy kế từ đầu năm</dc:description>"), core)
        XCTAssertTrue(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:05Z</dcterms:created>"#), core)
        let app = try package.part("docProps/app.xml")
        XCTAssertTrue(app.contains("<Company>UBND tỉnh Hà Giang</Company>"), app)
    }

    func testWorksheetsKeepOrderAndNames() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let a = try wb.addWorksheet(name: "Tổng hợp")
            let b = try wb.addWorksheet(name: "Ha\u{0300} Giang")  // stored as NFC
            XCTAssertEqual(a.index, 0)
            XCTAssertEqual(b.index, 1)
            XCTAssertEqual(Array(b.name.unicodeScalars), Array("Hà Giang".precomposedStringWithCanonicalMapping.unicodeScalars))
            XCTAssertEqual(wb.worksheetNames.count, 2)
        }
        let xml = try XLSXPackage(url: file()).part("xl/workbook.xml")
        let names = matches(#"<sheet name="([^"]*)""#, in: xml).compactMap { $0[1] }
        XCTAssertEqual(names, ["Tổng hợp", "Hà Giang"])
        XCTAssertEqual(names[1].unicodeScalars.count, 8, "sheet name written in NFC")
    }

    func testDerivedWorksheetNameReportsAdjustment() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            _ = try wb.addWorksheet(name: "Data")
            let made = try wb.addWorksheet(derivedFrom: "DATA")
            XCTAssertEqual(made.worksheet.name, "DATA (2)")
            XCTAssertTrue(made.adjusted)
            XCTAssertNotNil(made.reason)
            let plain = try wb.addWorksheet(derivedFrom: "Cao Bằng")
            XCTAssertFalse(plain.adjusted)
            XCTAssertNil(plain.reason)
        }
    }

    func testHandlesThrowOutsideTheirScope() throws {
        var escapedSheet: XLSXWorksheet?
        var escapedBook: XLSXWorkbook?
        try XLSXWorkbook.write(to: file()) { wb in
            escapedSheet = try wb.addWorksheet(name: "S")
            escapedBook = wb
        }
        assertThrows(.outsideScope("worksheet \"S\"")) { try escapedSheet?.write(number: 1, row: 0, col: 0) }
        assertThrows(.outsideScope("the workbook")) { _ = try escapedBook?.addWorksheet(name: "T") }
        assertThrows(.outsideScope("the workbook")) { _ = try escapedBook?.format(for: .plain) }
    }

    func testBodyResultIsReturnedAndEmptyWorkbookGetsASheet() throws {
        let value = try XLSXWorkbook.write(to: file()) { _ in 42 }
        XCTAssertEqual(value, 42)
        XCTAssertTrue(try XLSXPackage(url: file()).partNames().contains("xl/worksheets/sheet1.xml"))
    }

    func testLibraryVersionIsReported() {
        XCTAssertTrue(XLSXWorkbook.libraryVersion.hasPrefix("1."), XLSXWorkbook.libraryVersion)
    }

    func testErrorsDescribeThemselves() {
        XCTAssertTrue(XLSXError.rowOutOfRange(row: 1_048_576).description.contains("1048576"))
        XCTAssertTrue(XLSXError.rowOutOfOrder(sheet: "S", row: 1, currentRow: 5).description.contains("in order"))
    }
}
