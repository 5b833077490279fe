import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

final class CSVReaderTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "t.csv", options: options)
    }
    func vals(_ r: LoadResult, _ c: String) -> [Value] { TestSupport.values(r.table, c) }

    func testQuotedFieldsDoubledQuotesAndEmbeddedNewlines() throws {
        let r = try load("a,b,c\n1,\"Anytown, WW\",\"ha \"\"ha\"\" ha\"\n\"Once upon \na time\",5,\"\"\n")
        XCTAssertEqual(vals(r, "a"), [.text("1"), .text("Once upon \na time")])
        XCTAssertEqual(vals(r, "b"), [.text("Anytown, WW"), .text("5")])
        XCTAssertEqual(vals(r, "c"), [.text("ha \"ha\" ha"), .null])
    }

    func testCRLFAndBareCRAndBOMAndNoFinalNewline() throws {
        let r = try load("\u{FEFF}a,b\r\n1,2\r3,4\r\n5,6")
        XCTAssertEqual(r.table.columnNames, ["a", "b"])
        XCTAssertEqual(vals(r, "a"), [.int(1), .int(3), .int(5)])
        XCTAssertEqual(vals(r, "b"), [.int(2), .int(4), .int(6)])
    }

    func testEmbeddedCRLFInQuotesIsKept() throws {
        let r = try load("a,b\r\n\"x\r\ny\",2\r\n")
        XCTAssertEqual(vals(r, "a"), [.text("x\r\ny")])
    }

    func testBareQuoteInsideUnquotedFieldIsACharacter() throws {
        let r = try load("loc,city\n37°36'37.8\"N 121°2'17.9\"W,Modesto\n")
        XCTAssertEqual(vals(r, "loc"), [.text("37°36'37.8\"N 121°2'17.9\"W")])
    }

    func testEmptyFileAndHeaderOnly() throws {
        XCTAssertThrowsError(try load("")) { e in
            XCTAssertTrue("\(e)".contains("empty"), "\(e)")
        }
        let r = try load("a,b\n")
        XCTAssertEqual(r.table.rowCount, 0)
        XCTAssertEqual(r.table.columnNames, ["a", "b"])
    }

    func testRaggedRowIsALocatedError() throws {
        XCTAssertThrowsError(try load("a,b\n1,2\n3\n4,5\n")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.column, 2, "the first missing field")
            XCTAssertEqual(err.columnName, "b")
            XCTAssertEqual(err.message, "expected 2 fields, found 1 in '3'")
            XCTAssertEqual(err.file, "t.csv")
            XCTAssertTrue(err.hint?.contains("--lenient") == true, "a lenient load gets past a ragged row")
        }
    }

    func testLenientLoadSetsBadRowsAsideWithReasons() throws {
        let r = try load("period,value\n2024-01,1\n2024-02,2,3\n2024-13,4\n2024-04,5\n", CSVOptions(lenient: true))
        XCTAssertEqual(r.table.rowCount, 2)
        XCTAssertEqual(vals(r, "value"), [.int(1), .int(5)])
        XCTAssertEqual(r.report.rejected.map(\.line), [3, 4])
        XCTAssertEqual(r.report.rejected[0].reason, "expected 2 fields, found 3")
        XCTAssertEqual(r.report.rejected[1].reason, "field 1: month 13 does not exist in '2024-13'")
        XCTAssertEqual(r.report.rejected[1].text, "2024-13,4")
    }

    func testInvalidUTF8IsAnErrorWithOffset() throws {
        var bytes = Array("a,b\n1,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        XCTAssertThrowsError(try CSVReader.load(bytes: bytes, name: "bad.csv")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 2)
            XCTAssertTrue(err.message.contains("invalid UTF-8 at byte offset 6"), err.message)
        }
    }

    func testDelimiterDetection() throws {
        XCTAssertEqual(try load("a;b\n1,5;2\n").report.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(try load("a\tb\n1\t2\n").report.delimiter, UInt8(ascii: "\t"))
        XCTAssertEqual(try load("a,b\n\"x;y\",2\n").report.delimiter, UInt8(ascii: ","))
    }

    func testDecimalCommaOnlyWhenDeclared() throws {
        let text = "tỉnh;giá trị\nHà Giang;1.234,5\nCao Bằng;703,8\n"
        let plain = try load(text)
        XCTAssertEqual(plain.table.column(named: "giá trị")?.dataType, .text, "never guessed silently")
        XCTAssertNotNil(plain.report.notes["giá trị"]?.range(of: "thousands"), plain.report.notes.description)
        let vi = try load(text, CSVOptions(numberStyle: .vietnamese))
        XCTAssertEqual(vals(vi, "giá trị"), [.float(1234.5), .float(703.8)])
    }

    func testThousandsSeparatorsWhenDeclared() throws {
        let r = try load("value\n\"1,234,567\"\n\"12\"\n", CSVOptions(numberStyle: NumberStyle(thousandsSeparator: UInt8(ascii: ","))))
        XCTAssertEqual(vals(r, "value"), [.int(1234567), .int(12)])
    }

    func testNFDTextEqualsNFC() throws {
        let nfd = "Hà Giang".decomposedStringWithCanonicalMapping
        let r = try load("province,v\nHà Giang,1\n\(nfd),2\n")
        guard case .text(let codes, let dict) = r.table.column(named: "province")!.storage else { return XCTFail() }
        XCTAssertEqual(codes, [0, 0])
        XCTAssertEqual(dict.values, ["Hà Giang"])
    }

    func testNumbersAndNullMarkers() throws {
        let r = try load("a,b,c\n1,1.5,NA\n-2,,3\n3,1e3,-\n4,..,5\n")
        XCTAssertEqual(vals(r, "a"), [.int(1), .int(-2), .int(3), .int(4)])
        XCTAssertEqual(vals(r, "b"), [.float(1.5), .null, .float(1000), .null])
        XCTAssertEqual(vals(r, "c"), [.null, .int(3), .null, .int(5)])
        XCTAssertEqual(r.report.markerNulls["c"], 2)
        XCTAssertEqual(r.report.markerNulls["b"], 1)
    }

    func testLeadingZerosAndLongDigitStringsStayText() throws {
        let r = try load("hs,code,id,x\n0902,02,12345678901234567890,0\n8471,15,12,0.5\n")
        XCTAssertEqual(vals(r, "hs"), [.text("0902"), .text("8471")])
        XCTAssertEqual(vals(r, "code"), [.text("02"), .text("15")])
        XCTAssertEqual(vals(r, "id"), [.text("12345678901234567890"), .text("12")])
        XCTAssertEqual(vals(r, "x"), [.float(0), .float(0.5)])
        XCTAssertTrue(r.report.notes["hs"]!.contains("leading zero in '0902' (line 2)"), r.report.notes["hs"]!)
        XCTAssertTrue(r.report.notes["id"]!.contains("more than 15 significant digits"), r.report.notes["id"]!)
    }

    func testTrueFalseColumnLoadsAsBoolean() throws {
        let r = try load("flag,n\ntrue,1\nFALSE,2\n,3\nTrue,4\n")
        XCTAssertEqual(r.table.column(named: "flag")?.dataType, .bool)
        XCTAssertEqual(vals(r, "flag"), [.bool(true), .bool(false), .null, .bool(true)])
        // A value that is neither after the sample: the column is re-read as text, nothing lost.
        var text = "flag\n"
        for i in 0..<20 { text += i % 2 == 0 ? "true\n" : "false\n" }
        text += "yes\n"
        let late = try load(text, CSVOptions(sampleRows: 5))
        XCTAssertEqual(late.table.column(named: "flag")?.dataType, .text)
        XCTAssertEqual(late.table.column(named: "flag")?.value(at: 20), .text("yes"))
    }

    func testFloatParsingIsBitIdenticalToSwift() throws {
        var g = SystemRandomNumberGenerator()
        var text = "v\n"
        var expected: [Double] = []
        for _ in 0..<2000 {
            let v = Double(Int.random(in: -10_000_000...10_000_000, using: &g)) / [1, 10, 100, 1000, 1e6][Int.random(in: 0..<5, using: &g)]
            let s = "\(v)"
            text += s + "\n"
            expected.append(Double(s)!)
        }
        text += "0.30000000000000004\n123456789.123456789\n"
        expected += [0.30000000000000004, 123456789.123456789]
        let r = try load(text)
        XCTAssertEqual(vals(r, "v"), expected.map { .float($0) })
    }

    func testTypeChangeAfterTheSampleReReadsTheColumn() throws {
        var text = "code,v\n"
        for i in 0..<50 { text += "\(100 + i),\(i)\n" }
        text += "0902,7\n"
        let r = try load(text, CSVOptions(sampleRows: 10))
        XCTAssertEqual(r.table.column(named: "code")?.dataType, .text)
        XCTAssertEqual(r.table.column(named: "code")?.value(at: 50), .text("0902"))
        XCTAssertEqual(r.table.column(named: "code")?.value(at: 0), .text("100"))
        XCTAssertEqual(r.report.rereads, 1)
        XCTAssertTrue(r.report.notes["code"]!.contains("line 52"), r.report.notes["code"]!)
    }

    func testIntWidensToFloatAfterTheSample() throws {
        var text = "v\n"
        for i in 0..<30 { text += "\(i)\n" }
        text += "2.5\n"
        let r = try load(text, CSVOptions(sampleRows: 5))
        XCTAssertEqual(r.table.column(named: "v")?.dataType, .float)
        XCTAssertEqual(r.table.column(named: "v")?.value(at: 30), .float(2.5))
        XCTAssertEqual(r.table.column(named: "v")?.value(at: 3), .float(3))
    }

    func testDeclaredTypeOverridesInference() throws {
        let r = try load("code,v\n1,2\n", CSVOptions(declaredTypes: ["code": .text, "v": .float]))
        XCTAssertEqual(vals(r, "code"), [.text("1")])
        XCTAssertEqual(vals(r, "v"), [.float(2)])
    }

    func testUnterminatedQuoteIsLocated() throws {
        XCTAssertThrowsError(try load("a,b\n1,\"abc\n2,3\n")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 2)
            XCTAssertTrue(err.message.contains("never closed"), err.message)
        }
    }

    func testDuplicateAndEmptyHeaderNames() throws {
        let r = try load("a,a,\n1,2,3\n")
        XCTAssertEqual(r.table.columnNames, ["a", "a_2", "column_3"])
    }

    func testProjectionParsesOnlyNamedColumns() throws {
        let r = try load("a,b,c\n1,x,3\n", CSVOptions(columns: ["c", "a"]))
        XCTAssertEqual(r.table.columnNames, ["a", "c"])
        XCTAssertThrowsError(try load("a\n1\n", CSVOptions(columns: ["zz"])))
    }

    func testMaxRowsReadsOnlyTheFirstRecordsTypedAsAFullLoad() throws {
        var text = "period,v\n"
        for i in 0..<100 { text += "2024-\(String(format: "%02d", i % 12 + 1)),\(i)\n" }
        text += "2024-13,7\n"   // beyond the rows read: never parsed
        var o = CSVOptions()
        o.maxRows = 5
        let r = try load(text, o)
        XCTAssertEqual(r.table.rowCount, 5)
        XCTAssertEqual(r.table.column(named: "period")?.dataType, .period(.month))
        XCTAssertEqual(vals(r, "v"), [.int(0), .int(1), .int(2), .int(3), .int(4)])
        XCTAssertThrowsError(try load(text), "the full load reaches the bad month")
    }

    func testMaxRowsFailsOnAQuotingErrorAsAFullLoadDoes() throws {
        var o = CSVOptions()
        o.maxRows = 10
        for text in ["a,b\n1,\"x\"y\n2,3\n", "a,b\n1,2\n3,4\n5,\"x\"y\n7,8\n"] {
            XCTAssertThrowsError(try load(text, o)) { e in
                XCTAssertTrue("\(e)".contains("unexpected text after a closing quote"), "\(e)")
            }
        }
        o.maxRows = 1   // the error lies beyond the rows read
        XCTAssertEqual(try load("a,b\n1,2\n3,4\n5,\"x\"y\n", o).table.rowCount, 1)
    }

    func testThousandsGroupsMustBeWellFormed() throws {
        let vi = CSVOptions(numberStyle: .vietnamese)
        let good = try load("v;k\n1.234,5;a\n12.345.678;b\n703,8;c\n", vi)
        XCTAssertEqual(vals(good, "v"), [.float(1234.5), .float(12345678), .float(703.8)])
        // `12.34` is no number in a file with `.` for thousands: the column is kept as text, and says why.
        let bad = try load("v;k\n1.234,5;a\n12.34;b\n", vi)
        XCTAssertEqual(bad.table.column(named: "v")?.dataType, .text)
        XCTAssertTrue(bad.report.notes["v"]?.contains("'12.34'") == true, bad.report.notes.description)
        let worse = try load("v\n\"1,2,3\"\n\"1,234\"\n", CSVOptions(numberStyle: NumberStyle(thousandsSeparator: UInt8(ascii: ","))))
        XCTAssertEqual(worse.table.column(named: "v")?.dataType, .text)
    }
}
