import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Files in other encodings, transcoded to UTF-8 before the parse: Excel's "Unicode Text" (UTF-16 with a
/// byte-order mark, tab-separated), UTF-16 BE, and Windows-1258 (Vietnamese, tone marks composed to NFC) and
/// Windows-1252 when declared.
final class TranscoderTests: XCTestCase {
    func utf16(_ text: String, bigEndian: Bool = false, mark: Bool = true) -> [UInt8] {
        var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in text.utf16 { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return out
    }
    func load(_ bytes: [UInt8], encoding: TextEncoding? = nil, lenient: Bool = false) throws -> LoadResult {
        var o = CSVOptions(lenient: lenient)
        o.encoding = encoding
        return try CSVReader.load(bytes: bytes, name: "t.csv", options: o)
    }
    func error(_ body: () throws -> Any) -> CSVError? {
        do { _ = try body(); return nil } catch let e as CSVError { return e } catch { XCTFail("\(error)"); return nil }
    }

    /// Windows-1258 as Vietnamese offices save it: letters with their vowel marks are one byte (ơ 0xF5, ư 0xFD,
    /// ă 0xE3, đ 0xD0, ê 0xEA, ô 0xF4, and á à precomposed), tone marks the code page lacks precomposed follow as
    /// combining bytes (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook above, 0xF2 dot below). Worked by hand:
    ///   `ti` 0xD2 `nh` = t, i + hook above → ỉ U+1EC9, nh: "tỉnh"
    ///   `N` 0xF4 0xF2 `i` = N, ô + dot below → ộ U+1ED9, i: "Nội"
    ///   0xD0 0xE0 ` N` 0xE3 0xDE `ng` = Đ, à, space, N, ă + tilde → ẵ U+1EB5, ng: "Đà Nẵng"
    ///   `Th` 0xFD 0xCC `a Thi` 0xEA `n Hu` 0xEA 0xEC = Th, ư + grave → ừ U+1EEB, a Thi, ê, n Hu, ê + acute → ế U+1EBF
    /// (Python's `bytes.decode('cp1258')` then `unicodedata.normalize('NFC', …)` gives the same strings.)
    func testWindows1258ComposesToneMarksToNFC() throws {
        let bytes: [UInt8] = Array("ti".utf8) + [0xD2] + Array("nh,gi".utf8) + [0xE1] + Array(" tri".utf8) + [0xF2] + Array(",th".utf8) + [0xE1] + Array("ng\n".utf8)
            + Array("H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i,1,Th".utf8) + [0xE1] + Array("ng 1/2024\n".utf8)
            + [0xD0, 0xE0] + Array(" N".utf8) + [0xE3, 0xDE] + Array("ng,2,Th".utf8) + [0xE1] + Array("ng 2/2024\n".utf8)
            + Array("Th".utf8) + [0xFD, 0xCC] + Array("a Thi".utf8) + [0xEA] + Array("n Hu".utf8) + [0xEA, 0xEC] + Array(",3,Th".utf8) + [0xE1] + Array("ng 3/2024\n".utf8)
        let r = try load(bytes, encoding: .windows1258)
        XCTAssertEqual(r.table.columns.map(\.name), ["t\u{1EC9}nh", "giá tr\u{1ECB}", "tháng"])
        XCTAssertEqual(TestSupport.values(r.table, "tỉnh"), [.text("Hà N\u{1ED9}i"), .text("Đà N\u{1EB5}ng"), .text("Th\u{1EEB}a Thiên Hu\u{1EBF}")])
        for case .text(let s) in TestSupport.values(r.table, "tỉnh") { XCTAssertEqual(s.unicodeScalars.count, s.nfc.unicodeScalars.count, "NFC: \(s)") }
        XCTAssertEqual(TestSupport.values(r.table, "giá trị"), [.int(1), .int(2), .int(3)])
        // The Vietnamese month words parse as periods once composed.
        XCTAssertEqual(r.table.column(named: "tháng")?.dataType, .period(.month))
        XCTAssertEqual(TestSupport.values(r.table, "tháng"), [.period(.month(2024, 1)), .period(.month(2024, 2)), .period(.month(2024, 3))])
        XCTAssertEqual(r.report.encoding, "Windows-1258 (Vietnamese) (declared), transcoded to UTF-8")
    }

    /// The bytes Windows-1258 shares with Latin-1 and its own (0x80 €, 0xFE ₫, 0xC3 Ă, 0xD5 Ơ, 0xDD Ư), and a mark
    /// that follows no letter (after a digit) stays a combining mark.
    func testWindows1258TableAndAStrayMark() throws {
        let bytes: [UInt8] = Array("a\n".utf8) + [0x80, 0x20, 0xFE, 0x20, 0xC3, 0xD5, 0xDD, 0x20, 0x31, 0xEC, 0x0A]
        let r = try load(bytes, encoding: .windows1258)
        XCTAssertEqual(TestSupport.values(r.table, "a"), [.text("€ ₫ ĂƠƯ 1\u{301}")])
    }

    /// Windows-1252: é (0xE9), ü (0xFC), the curly quotes 0x93/0x94 and the euro 0x80.
    func testWindows1252() throws {
        let bytes: [UInt8] = Array("name;note\nJos".utf8) + [0xE9] + Array(";".utf8) + [0x93] + Array("ok".utf8) + [0x94, 0x0A]
            + Array("M".utf8) + [0xFC] + Array("ller;5 ".utf8) + [0x80, 0x0A]
        let r = try load(bytes, encoding: .windows1252)
        XCTAssertEqual(TestSupport.values(r.table, "name"), [.text("José"), .text("Müller")])
        XCTAssertEqual(TestSupport.values(r.table, "note"), [.text("“ok”"), .text("5 €")])
    }

    /// A byte the code page leaves undefined (0x81) is an error with its line, never a silent character.
    func testUndefinedByteIsLocated() {
        let bytes: [UInt8] = Array("a,b\n1,x\n2,y".utf8) + [0x81] + Array("\n".utf8)
        let e = error { try self.load(bytes, encoding: .windows1258) }
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.message.contains("byte 0x81 is not a character of Windows-1258") == true, "\(String(describing: e))")
    }

    /// Excel's "Unicode Text": UTF-16 LE with its mark, tab-separated, found without a declaration; Vietnamese and a
    /// character outside the BMP (a surrogate pair) come through; the row count and a located error count lines as
    /// the source has them.
    func testExcelUnicodeTextIsReadFromItsMark() throws {
        let text = "tỉnh\tgiá trị\tghi chú\r\nHà Nội\t1.5\tlên 📈\r\nĐà Nẵng\t2\t\r\n"
        for big in [false, true] {
            let r = try load(utf16(text, bigEndian: big))
            XCTAssertEqual(r.table.columns.map(\.name), ["tỉnh", "giá trị", "ghi chú"])
            XCTAssertEqual(TestSupport.values(r.table, "tỉnh"), [.text("Hà Nội"), .text("Đà Nẵng")])
            XCTAssertEqual(TestSupport.values(r.table, "giá trị"), [.float(1.5), .float(2)])
            XCTAssertEqual(TestSupport.values(r.table, "ghi chú"), [.text("lên 📈"), .null])
            XCTAssertEqual(r.report.encoding, big ? "UTF-16 BE (from its byte-order mark), transcoded to UTF-8" : "UTF-16 LE (from its byte-order mark), transcoded to UTF-8")
        }
        var o = CSVOptions()
        o.declaredTypes = ["giá trị": .int]
        do {
            _ = try CSVReader.load(bytes: utf16("tỉnh\tgiá trị\nA\t1\nB\t2\nC\tba\n"), name: "u.txt", options: o)
            XCTFail("a text in a declared integer column")
        } catch let e as CSVError {
            XCTAssertEqual(e.file, "u.txt"); XCTAssertEqual(e.line, 4); XCTAssertEqual(e.column, 2); XCTAssertEqual(e.columnName, "giá trị")
            XCTAssertTrue(e.message.contains("'ba'"), e.message)
        }
    }

    /// A long UTF-16 file (more than one parse chunk) reads the same as its UTF-8 text: the fast ASCII path (four
    /// units at a time) and the slow path alternate.
    func testLongUTF16MatchesUTF8() throws {
        var text = "id\tname\tv\n"
        for i in 0..<60_000 { text += "\(i)\t\(i % 3 == 0 ? "Hải Phòng" : "x\(i % 17)")\t\(i % 7).25\n" }
        var o = CSVOptions(); o.threads = 3
        let a = try CSVReader.load(bytes: utf16(text), name: "a", options: o), b = try CSVReader.load(text: text, name: "b", options: o)
        XCTAssertEqual(a.table.rowCount, 60_000)
        for c in ["id", "name", "v"] { XCTAssertEqual(TestSupport.values(a.table, c), TestSupport.values(b.table, c), c) }
    }

    /// A declared UTF-16 file without a mark is little-endian unless declared BE; a lone surrogate is located.
    func testUTF16WithoutMarkAndALoneSurrogate() throws {
        let r = try load(utf16("a,b\n1,2\n", mark: false), encoding: .utf16)
        XCTAssertEqual(TestSupport.values(r.table, "b"), [.int(2)])
        let be = try load(utf16("a,b\n1,2\n", bigEndian: true, mark: false), encoding: .utf16BE)
        XCTAssertEqual(TestSupport.values(be.table, "a"), [.int(1)])
        let lone = [0xFF, 0xFE] + utf16("a\nx\n", mark: false) + [0x00, 0xD8, 0x41, 0x00, 0x0A, 0x00]
        let e = error { try self.load(lone) }
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.message.contains("lone UTF-16 surrogate (0xD800)") == true, "\(String(describing: e))")
        let odd = error { try self.load([0xFF, 0xFE, 0x41, 0x00, 0x0A]) }
        XCTAssertTrue(odd?.message.contains("odd number of bytes") == true, "\(String(describing: odd))")
    }
}
