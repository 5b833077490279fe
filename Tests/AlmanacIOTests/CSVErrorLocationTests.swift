import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Strict-mode errors name file, line and field, quote the offending text, and suggest `--lenient` only where a
/// lenient load would get past the problem.
final class CSVErrorLocationTests: XCTestCase {
    func error(_ text: String, _ options: CSVOptions = CSVOptions()) -> CSVError? {
        do { _ = try CSVReader.load(text: text, name: "t.csv", options: options); return nil } catch { return error as? CSVError }
    }

    func testTextAfterAClosingQuoteNamesTheFieldAndQuotesIt() throws {
        let err = try XCTUnwrap(error("a,b,c\n1,\"ab\"c,3\n"))
        XCTAssertEqual(err.description.components(separatedBy: "\n")[0], "t.csv:2:2 (column 'b'): unexpected text after a closing quote in '\"ab\"c'")
        XCTAssertFalse(err.hint?.contains("--lenient") ?? false, "a lenient load fails the same way: no such hint")
        let lenient = try XCTUnwrap(error("a,b,c\n1,\"ab\"c,3\n", CSVOptions(lenient: true)))
        XCTAssertEqual(lenient.message, err.message)
    }

    func testAQuoteErrorAfterAQuotedFieldWithADelimiterInsideCountsFieldsRight() throws {
        let err = try XCTUnwrap(error("a,b,c\n\"x,y\",2,\"z\"\"\"w\n"))
        XCTAssertEqual(err.column, 3)
        XCTAssertEqual(err.columnName, "c")
        XCTAssertEqual(err.message, "unexpected text after a closing quote in '\"z\"\"\"w'")
    }

    func testAnUnclosedQuoteSaysWhereItOpens() throws {
        let err = try XCTUnwrap(error("a,b\n1,2\n3,\"abc\n4,5\n"))
        XCTAssertEqual(err.line, 3)
        XCTAssertEqual(err.column, 2)
        XCTAssertEqual(err.message, "a quoted field is never closed: it opens at '\"abc'")
        XCTAssertFalse(err.hint?.contains("--lenient") ?? false)
    }

    func testAQuoteErrorInTheHeaderIsLocated() throws {
        let err = try XCTUnwrap(error("a,\"b\"x\n1,2\n"))
        XCTAssertEqual(err.line, 1)
        XCTAssertEqual(err.column, 2)
        XCTAssertTrue(err.message.contains("'\"b\"x'"), err.message)
    }

    func testTooManyFieldsPointsPastTheLastColumnAndQuotesTheRow() throws {
        let err = try XCTUnwrap(error("a,b\n1,2,3\n"))
        XCTAssertEqual(err.description.components(separatedBy: "\n")[0], "t.csv:2:3: expected 2 fields, found 3 in '1,2,3'")
    }

    func testALongRowIsShortened() throws {
        let long = String(repeating: "x", count: 200)
        let err = try XCTUnwrap(error("a,b,c\n\(long),1\n"))
        XCTAssertTrue(err.message.hasSuffix("…'"), err.message)
        XCTAssertLessThan(err.message.count, 120, err.message)
    }

    func testInvalidUTF8InAPeriodColumnIsTheUTF8Error() throws {
        var bytes = Array("period,b\n2024-10,2\n2024-1".utf8)
        bytes.append(0xFF)
        bytes += Array(",3\n".utf8)
        XCTAssertThrowsError(try CSVReader.load(bytes: bytes, name: "p.csv")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.columnName, "period")
            XCTAssertEqual(err.message, "invalid UTF-8 at byte offset 25 (byte 0xFF); save the file as UTF-8")
        }
    }

    func testInvalidUTF8InADeclaredBooleanOrNumberColumnIsTheUTF8Error() throws {
        for type in [DataType.bool, .float] {
            var bytes = Array("x\n".utf8)
            bytes += [0x74, 0xC3, 0x28]
            bytes += Array("\n".utf8)
            XCTAssertThrowsError(try CSVReader.load(bytes: bytes, name: "b.csv", options: CSVOptions(declaredTypes: ["x": type]))) { e in
                XCTAssertEqual((e as! CSVError).message, "invalid UTF-8 at byte offset 3 (byte 0xC3); save the file as UTF-8", "\(type)")
            }
        }
    }
}
