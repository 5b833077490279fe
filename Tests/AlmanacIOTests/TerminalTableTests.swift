import XCTest
import AlmanacCore
@testable import AlmanacIO

final class TerminalTableTests: XCTestCase {
    func testAlignmentGroupingRatiosAndNulls() throws {
        let t = try Table(columns: [
            .texts("tỉnh", ["Hà Giang", "Cao Bằng".decomposedStringWithCanonicalMapping]),
            .floats("value", [1234567.891, nil]),
            .floats("growth", [0.030320366, -0.0125], meta: ColumnMeta(role: .measure, unit: "ratio")),
            .ints("n", [1200, 7]),
        ])
        let text = TerminalTable.render(t)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "tỉnh              value  growth      n")
        XCTAssertEqual(lines[2], "Hà Giang  1,234,567.891    3.0%  1,200", "a figure with three decimals prints as written")
        XCTAssertEqual(lines[3], "Cao Bằng                  -1.2%      7", "NFD text is as wide as NFC; null is empty")
        XCTAssertEqual(lines.last, "(2 rows)")
        XCTAssertTrue(TerminalTable.render(t, maxRows: 1).contains("… 1 more row (2 in all)"))
    }

    func testStatedFiguresPrintAsWrittenAndComputedOnesRounded() throws {
        let t = try Table(columns: [
            .floats("stated", [40.912, 9.61, 21.675, 835]),
            .floats("computed", [6423.076923076923, 0.123456789, 835, nil]),
        ])
        let lines = TerminalTable.render(t).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[2], " 40.912  6,423.08")
        XCTAssertEqual(lines[3], "  9.610      0.12", "a column's figures share its decimals")
        XCTAssertEqual(lines[4], " 21.675    835.00")
        XCTAssertEqual(lines[5], "835.000")
        let huge = try Table(columns: [.floats("x", [1e308, -2.5e20, 123_456_789_012_345])])
        XCTAssertEqual(TerminalTable.render(huge).split(separator: "\n").dropFirst(2).prefix(3).map { $0.trimmingCharacters(in: .whitespaces) },
                       ["1e+308", "-2.5e+20", "123,456,789,012,345"])
    }
}

extension TerminalTableTests {
    func testALongCellIsCutWithAnEllipsis() throws {
        let long = String(repeating: "đường ", count: 200_000)
        let t = try Table(columns: [.texts("note", [long, "ngắn"]), .ints("n", [1, 2])])
        let text = TerminalTable.render(t)
        XCTAssertLessThan(text.utf8.count, 600, "one long cell does not flood the terminal")
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[2].hasPrefix("đường đường"), lines[2])
        XCTAssertTrue(lines[2].contains("…"), lines[2])
        XCTAssertEqual(TerminalTable.displayWidth(lines[2]), TerminalTable.maxCellWidth + 3)
        XCTAssertEqual(TerminalTable.cut("ngắn", width: 60), "ngắn")
        XCTAssertEqual(TerminalTable.cut("abcdef", width: 4), "abc…")
        XCTAssertEqual(TerminalTable.cut("中文字符", width: 5), "中文…", "wide characters count two columns")
        XCTAssertTrue(CSVWriter.bytes(t).count > long.utf8.count, "CSV keeps the value whole")
    }

    func testDescribeCutsLongValuesAndNotes() throws {
        let long = String(repeating: "x", count: 1_000_000)
        let r = try CSVReader.load(text: "province,v\n\(long),1\nHà Giang,2\n")
        let text = DatasetDescription.render(name: "t", spec: nil, result: r)
        XCTAssertLessThan(text.utf8.count, 2_000, text.prefix(300).description)
        XCTAssertTrue(text.contains("xxxxxxxxxx…"), text)
        XCTAssertTrue(DatasetDescription.json(name: "t", spec: nil, result: r).utf8.count < 2_000, "JSON lists columns, not values")
    }
}

extension TerminalTableTests {
    func testAColumnsNumbersShareOneNumberOfDecimals() throws {
        let t = try Table(columns: [
            .floats("mixed", [9.583912, 10.9412, 134.2277]),
            .floats("small", [0.123456, 9.87654, nil]),
            .floats("stated", [1.5, 2.25, 3]),
        ])
        let lines = TerminalTable.render(t).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[2], "  9.58  0.1235    1.50")
        XCTAssertEqual(lines[3], " 10.94  9.8765    2.25")
        XCTAssertEqual(lines[4], "134.23            3.00")
    }
}
