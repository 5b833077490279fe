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
        XCTAssertEqual(lines[2], "40.912  6,423.08")
        XCTAssertEqual(lines[3], "  9.61    0.1235")
        XCTAssertEqual(lines[4], "21.675       835")
        XCTAssertEqual(lines[5], "   835")
        let huge = try Table(columns: [.floats("x", [1e308, -2.5e20, 123_456_789_012_345])])
        XCTAssertEqual(TerminalTable.render(huge).split(separator: "\n").dropFirst(2).prefix(3).map { $0.trimmingCharacters(in: .whitespaces) },
                       ["1e+308", "-2.5e+20", "123,456,789,012,345"])
    }
}
