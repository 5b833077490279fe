import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Number forms offices write: percentages (`12,5%`), accounting negatives (`(123)`), no-break spaces between
/// digit groups. Each read as the number it writes, or left as text with a reason when a column mixes forms.
final class NumberFormsTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "t.csv", options: options)
    }
    func vals(_ r: LoadResult, _ c: String) -> [Value] { TestSupport.values(r.table, c) }

    func parse(_ s: String, _ style: NumberStyle = .standard) -> NumberParse {
        var s = s
        return s.withUTF8 { NumberParsing.parse($0.baseAddress!, $0.count, style: style) }
    }

    func testPercentagesAreFractionsWhateverTheDecimalMark() {
        XCTAssertEqual(parse("12,5%"), .percent(0.125))          // a decimal comma in a file that otherwise uses `.`
        XCTAssertEqual(parse("12.5%"), .percent(0.125))
        XCTAssertEqual(parse("-3 %"), .percent(-0.03))
        XCTAssertEqual(parse("12,5%", .vietnamese), .percent(0.125))
        XCTAssertEqual(parse("1.234,5%", .vietnamese), .percent(12.345))
        XCTAssertEqual(parse("%"), .notANumber)
        XCTAssertEqual(parse("12%%"), .notANumber)
        XCTAssertEqual(parse("1,2,3%"), .notANumber)
    }

    func testAccountingNegativesAndNoBreakSpaces() {
        XCTAssertEqual(parse("(123)"), .int(-123))
        XCTAssertEqual(parse("(1.234,5)", .vietnamese), .float(-1234.5))
        XCTAssertEqual(parse("()"), .notANumber)
        XCTAssertEqual(parse("(-5)"), .notANumber)
        XCTAssertEqual(parse("(12"), .notANumber)
        XCTAssertEqual(parse("1\u{00A0}234\u{00A0}567"), .int(1_234_567))
        XCTAssertEqual(parse("1\u{202F}234,5", .vietnamese), .float(1234.5))
        XCTAssertEqual(parse("\u{00A0}42\u{00A0}"), .int(42))
        // Groups keep their shape: a no-break space before two digits is not a thousands separator.
        XCTAssertEqual(parse("1\u{00A0}23"), .notANumber)
        // A plain space still parts words, not digit groups.
        XCTAssertEqual(parse("1 234"), .notANumber)
    }

    func testAPercentColumnIsARatioOfFractions() throws {
        let r = try load("province,share\nHà Giang,\"12,5%\"\nCao Bằng,3%\nLào Cai,-\nTuyên Quang,0 %\n")
        XCTAssertEqual(vals(r, "share"), [.float(0.125), .float(0.03), .null, .float(0)])
        XCTAssertEqual(r.table.column(named: "share")?.meta.unit, "ratio")
        XCTAssertTrue(r.report.notes["share"]?.contains("percentages") == true, r.report.notes.description)
    }

    func testPercentagesMixedWithPlainNumbersStayTextWithAReason() throws {
        let r = try load("province,share\nHà Giang,12%\nCao Bằng,15\n")
        XCTAssertEqual(vals(r, "share"), [.text("12%"), .text("15")])
        let note = r.report.notes["share"] ?? ""
        XCTAssertTrue(note.contains("'12%' is a percentage but '15' (line 3) is not"), note)
    }

    func testAccountingNegativesAndGroupedDigitsInAColumn() throws {
        var o = CSVOptions()
        o.numberStyle = .vietnamese
        let r = try load("province;value\nHà Giang;(1.234,5)\nCao Bằng;2\u{00A0}000\nLào Cai;7\n", o)
        XCTAssertEqual(vals(r, "value"), [.float(-1234.5), .float(2000), .float(7)])
    }

    func testAPlainNumberAfterTheSampleInAPercentColumnReReadsAsText() throws {
        // Far past the sample: the plan said percentages, the value says otherwise; the column is re-read as text.
        var text = "id,share\n"
        for i in 0..<30_000 { text += "\(i),\(i % 100)%\n" }
        text += "30000,17\n"
        let r = try load(text)
        let values = vals(r, "share")
        XCTAssertEqual(values.first, .text("0%"))
        XCTAssertEqual(values.last, .text("17"))
        XCTAssertTrue(r.report.notes["share"]?.contains("no % among percentages") == true, r.report.notes.description)
    }
}
