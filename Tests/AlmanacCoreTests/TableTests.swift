import XCTest
@testable import AlmanacCore

final class TableTests: XCTestCase {
    func testKeysMeasuresAndPeriodKey() throws {
        let t = try Table(columns: [
            .texts("province", ["Hà Giang", "Cao Bằng"]),
            .periods("period", [.month(2024, 1), .month(2024, 2)], frequency: .month),
            .floats("value", [1.5, nil]),
        ])
        XCTAssertEqual(t.keyColumns.map(\.name), ["province", "period"])
        XCTAssertEqual(t.measureColumns.map(\.name), ["value"])
        XCTAssertEqual(t.periodKey?.name, "period")
        XCTAssertEqual(t.row(1), [.text("Cao Bằng"), .period(.month(2024, 2)), .null])
    }

    func testRejectsRaggedAndDuplicateColumns() {
        XCTAssertThrowsError(try Table(columns: [.ints("a", [1]), .ints("b", [1, 2])]))
        XCTAssertThrowsError(try Table(columns: [.ints("a", [1]), .ints("a", [2])]))
    }

    func testGatherKeepsTypesAndNulls() throws {
        let t = try Table(columns: [.ints("a", [1, nil, 3]), .texts("b", ["x", "y", nil])])
        let g = t.gathering([2, 1, 1])
        XCTAssertEqual(g.row(0), [.int(3), .null])
        XCTAssertEqual(g.row(1), [.null, .text("y")])
        XCTAssertEqual(t.prefix(1).rowCount, 1)
    }
}
