import XCTest
import AlmanacTestSupport
@testable import AlmanacIO

/// Files that are not workbooks Almanac reads get one clear sentence saying what they are and what to do.
final class WorkbookRefusalTests: XCTestCase {
    func message(_ bytes: [UInt8], name: String) -> String {
        let url = TestSupport.temporaryDirectory("refuse").appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        do { _ = try TableFile.load(path: url.path); return "loaded" } catch { return "\(error)" }
    }

    static let compoundMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    func testOldExcelWorkbook() {
        let m = message(Self.compoundMagic + [UInt8](repeating: 0, count: 1024), name: "old.xls")
        XCTAssertTrue(m.contains("Excel 97–2003 workbook (.xls)") && m.contains("save it as an Excel Workbook (.xlsx)"), m)
    }

    func testEncryptedWorkbook() {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let m = message(Self.compoundMagic + [UInt8](repeating: 0, count: 512) + name + [0, 0], name: "secret.xlsx")
        XCTAssertTrue(m.contains("encrypted") && m.contains("remove the password"), m)
    }

    func testOpenDocumentSpreadsheet() throws {
        let url = TestSupport.temporaryDirectory("refuse").appendingPathComponent("sheet.ods")
        try WorkbookFixtures.python("""
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
        """, [url.path])
        let m: String
        do { _ = try TableFile.load(path: url.path); m = "loaded" } catch { m = "\(error)" }
        XCTAssertTrue(m.contains("OpenDocument spreadsheet (.ods)") && m.contains("save it as Excel 2007–365 (.xlsx)"), m)
    }

    func testTextNamedAsAWorkbook() {
        let m = message(Array("period,value\n2024-01,1\n".utf8), name: "trade.xlsx")
        XCTAssertTrue(m.contains("not an Excel workbook (.xlsx)") && m.contains("a CSV file needs a name ending in .csv"), m)
    }

    func testAZipThatIsNotAWorkbook() throws {
        let url = TestSupport.temporaryDirectory("refuse").appendingPathComponent("photos.xlsx")
        try WorkbookFixtures.python("""
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w") as z: z.writestr("a.txt", "hello")
        """, [url.path])
        let m: String
        do { _ = try TableFile.load(path: url.path); m = "loaded" } catch { m = "\(error)" }
        XCTAssertTrue(m.contains("not an Excel workbook (it has no xl/workbook.xml)"), m)
    }

    func testASheetNamedForACSVFile() {
        let url = TestSupport.writeTemporary("a,b\n1,2\n", name: "t.csv")
        XCTAssertThrowsError(try TableFile.load(path: url, sheet: "Sheet1")) { e in
            XCTAssertTrue("\(e)".contains("this is a CSV file, not a workbook"), "\(e)")
        }
    }

    func testADamagedWorkbook() throws {
        // A real workbook cut short: the container no longer lists its parts.
        let good = try WorkbookFixtures.folder().appendingPathComponent("quirk1900.xlsx")
        let bytes = try Data(contentsOf: good)
        let m = message(Array(bytes.prefix(bytes.count / 2)), name: "cut.xlsx")
        XCTAssertTrue(m.contains("damaged"), m)
    }
}
