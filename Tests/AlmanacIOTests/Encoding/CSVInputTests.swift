import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Which encoding a file is read in: the byte-order mark, the declaration, and the errors for files that are not
/// UTF-8 and say nothing (naming the encoding they look like and how to declare it).
final class CSVInputTests: XCTestCase {
    func failure(_ bytes: [UInt8], encoding: TextEncoding? = nil) -> CSVError? {
        var o = CSVOptions()
        o.encoding = encoding
        do { _ = try CSVReader.load(bytes: bytes, name: "x.csv", options: o); return nil } catch let e as CSVError { return e } catch { XCTFail("\(error)"); return nil }
    }

    /// Undeclared Windows-1258 (`Hà Nội` as H 0xE0, N 0xF4 0xF2 i; `Đà Nẵng` as 0xD0 0xE0, N 0xE3 0xDE ng): 0xE0
    /// then a space is not UTF-8, on line 2. Of the six bytes above ASCII, 0xF2, 0xD0, 0xE3 and 0xDE are Vietnamese
    /// (a fifth or more): it looks like Windows-1258.
    func testUndeclaredVietnameseNamesWindows1258() {
        let bytes: [UInt8] = Array("province,value\nH".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i,1\n".utf8)
            + [0xD0, 0xE0] + Array(" N".utf8) + [0xE3, 0xDE] + Array("ng,2\n".utf8)
        let e = failure(bytes)
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.columnName, "province")
        XCTAssertEqual(e?.message, "invalid UTF-8 at byte offset 16 (byte 0xE0); save the file as UTF-8")
        XCTAssertTrue(e?.hint?.contains("it looks like Windows-1258 (Vietnamese): declare it with encoding = \"windows-1258\" in the catalog entry or --encoding windows-1258") == true,
                      String(describing: e?.hint))
    }

    /// Undeclared Western text (é 0xE9, ü 0xFC: no Vietnamese byte) looks like Windows-1252.
    func testUndeclaredWesternNamesWindows1252() {
        let bytes: [UInt8] = Array("name,v\nJos".utf8) + [0xE9] + Array(",1\nM".utf8) + [0xFC] + Array("ller,2\n".utf8)
        XCTAssertTrue(failure(bytes)?.hint?.contains("it looks like Windows-1258") == false)
        XCTAssertTrue(failure(bytes)?.hint?.contains("it looks like Windows-1252 (Western European): declare it with encoding = \"windows-1252\"") == true)
    }

    /// UTF-16 saved without a byte-order mark: valid UTF-8 (ASCII and zero bytes), but not text; the zeros at odd
    /// offsets say little-endian.
    func testUTF16WithoutMarkIsNamed() {
        var bytes: [UInt8] = []
        for u in "a,b\n1,2\n".utf16 { bytes += [UInt8(u), 0] }
        let e = failure(bytes)
        XCTAssertEqual(e?.message, "the file is not UTF-8 text (it holds zero bytes)")
        XCTAssertTrue(e?.hint?.contains("UTF-16 LE without a byte-order mark: declare it with encoding = \"utf-16le\"") == true, String(describing: e?.hint))
    }

    /// Bytes that are not UTF-8 past the first 64 KiB (checked as values are read) get the same advice.
    func testInvalidUTF8FarIntoTheFileGetsTheEncodingHint() {
        var bytes = Array("id,name\n".utf8)
        for i in 0..<9_000 { bytes += Array("\(i),Ha Noi\n".utf8) }
        XCTAssertGreaterThan(bytes.count, CSVInput.checkedPrefix)
        bytes += Array("9000,H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i\n".utf8)
        let e = failure(bytes)
        XCTAssertEqual(e?.line, 9_002)
        XCTAssertEqual(e?.columnName, "name")
        XCTAssertTrue(e?.message.contains("invalid UTF-8") == true, String(describing: e))
        XCTAssertTrue(e?.hint?.contains("windows-1258") == true, String(describing: e?.hint))
    }

    /// A declaration the byte-order mark contradicts is an error; a UTF-8 mark with UTF-8 declared is fine.
    func testDeclarationAndMark() throws {
        let e = failure([0xEF, 0xBB, 0xBF] + Array("a\nb\n".utf8), encoding: .windows1258)
        XCTAssertEqual(e?.message, "the file is declared Windows-1258 (Vietnamese) but starts with the byte-order mark of UTF-8")
        var o = CSVOptions(); o.encoding = .utf8
        let r = try CSVReader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("a\nb\n".utf8), name: "x", options: o)
        XCTAssertEqual(TestSupport.values(r.table, "a"), [.text("b")])
        XCTAssertNil(r.report.encoding)
        XCTAssertNotNil(failure([0xFF, 0xFE, 0x61, 0, 0x0A, 0], encoding: .utf16BE))
    }

    func testEncodingNames() {
        XCTAssertEqual(TextEncoding(name: "CP1258"), .windows1258)
        XCTAssertEqual(TextEncoding(name: "Windows-1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "UTF-16LE"), .utf16LE)
        XCTAssertEqual(TextEncoding(name: "utf8"), .utf8)
        XCTAssertNil(TextEncoding(name: "tcvn3"))
    }

    /// A catalog entry declares the encoding; `describe` says which was read; an unknown name is a catalog error.
    func testCatalogDeclaresTheEncodingAndDescribeSaysIt() throws {
        let dir = TestSupport.temporaryDirectory("encoding-catalog")
        let bytes: [UInt8] = Array("province,value\nH".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i,1\n".utf8)
        try Data(bytes).write(to: dir.appendingPathComponent("vn.csv"))
        try "[datasets.vn]\nfile = \"vn.csv\"\nencoding = \"windows-1258\"\n".write(to: dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(dataDirectory: dir.path)
        let r = try catalog.load("vn")
        XCTAssertEqual(TestSupport.values(r.table, "province"), [.text("Hà Nội")])
        let text = DatasetDescription.render(name: "vn", spec: catalog.datasets["vn"], result: r)
        XCTAssertTrue(text.contains("encoding: Windows-1258 (Vietnamese) (declared), transcoded to UTF-8\n"), text)
        XCTAssertEqual(try Catalog.load(dataDirectory: dir.path).reading(encoding: .utf8).datasets["vn"]?.csv.encoding, .utf8)
        do {
            _ = try Catalog.parse("[datasets.vn]\nfile = \"vn.csv\"\nencoding = \"tcvn3\"\n", file: "c.toml", directory: dir.path)
            XCTFail("an unknown encoding")
        } catch let e as CatalogError {
            XCTAssertTrue(e.description.contains("'tcvn3' is not an encoding Almanac reads"), e.description)
        }
    }
}
