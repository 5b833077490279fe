import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Which rows are totals: a text key whose value is a total word, read once per distinct value.
final class TotalRowFilterTests: XCTestCase {
    func load(_ text: String) throws -> Table { try CSVReader.load(text: text).table }

    func testEveryWayOfWritingATotalMarksItsRow() throws {
        let nfd = "Tổng cộng".decomposedStringWithCanonicalMapping
        // Rows 1–7 are totals (spaces, capitals, NFD, a colon, English); rows 0 and 8 are data ("Tổng cục Hải
        // quan" only opens with a total word; "Cộng hoà" neither).
        let t = try load("""
        unit,v
        Hà Giang,1
        "  Tổng cộng  ",2
        TỔNG SỐ,3
        \(nfd),4
        Cộng:,5
        Tổng,6
        Grand Total,7
        total,8
        Tổng cục Hải quan,9
        Cộng hoà,10

        """)
        let found = try XCTUnwrap(TotalRowFilter.find(t))
        XCTAssertEqual(found.rows, [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(found.columns, [0])
    }

    func testAColumnThatSaysTotalOnEveryRowMarksNothing() throws {
        // `scope` is `Tổng` everywhere: those rows are the table. `province` still marks row 2.
        let t = try load("scope,province,v\nTổng,A,1\nTổng,B,2\nTổng,Tổng cộng,3\n")
        let found = try XCTUnwrap(TotalRowFilter.find(t))
        XCTAssertEqual(found.rows, [2])
        XCTAssertEqual(found.columns, [1])
        XCTAssertNil(TotalRowFilter.find(try load("scope,v\nTổng,1\nTổng,2\n")))
    }

    func testNumbersAndPeriodsAndTablesWithoutTotalsMarkNothing() throws {
        XCTAssertNil(TotalRowFilter.find(try load("period,v\n2024-01,1\n2024-02,2\n")))
        XCTAssertNil(TotalRowFilter.find(try load("province,v\nHà Giang,1\nCao Bằng,2\n")))
    }

    func testAnAttributeIsNotAKey() throws {
        var t = try load("province,note,v\nA,x,1\nB,Total,2\n")
        t.setRole("note", .attribute)
        XCTAssertNil(TotalRowFilter.find(t))
    }
}
