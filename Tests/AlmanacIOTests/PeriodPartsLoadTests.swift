import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// A catalog period built from two columns (`period = ["year", "month"]`): a bad part is located on its real
/// source line (embedded newlines and blank lines counted), and a lenient load sets its row aside into the report.
final class PeriodPartsLoadTests: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = TestSupport.temporaryDirectory("parts")
    }

    func catalog(_ file: String, _ text: String, lenient: Bool = false) throws -> Catalog {
        try Data(text.utf8).write(to: dir.appendingPathComponent(file))
        return try Catalog.parse("[datasets.d]\nfile = \"\(file)\"\nperiod = [\"year\", \"month\"]\n" + (lenient ? "lenient = true\n" : ""),
                                 file: "catalog.toml", directory: dir.path)
    }

    static let multiline = "year,month,note,v\n2024,1,\"multi\nline\",1\n\n2024,2,x,2\n2024,13,y,3\n"

    func testABadMonthIsLocatedOnItsRealLine() throws {
        let cat = try catalog("ym.csv", Self.multiline)
        XCTAssertThrowsError(try cat.load("d")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 6, "line 2 holds a record over two lines, line 4 is blank")
            XCTAssertEqual(err.column, 2)
            XCTAssertEqual(err.columnName, "month")
            XCTAssertEqual(err.message, "month 13 does not exist (months are 1–12) in the row '2024,13,y,3'")
        }
    }

    func testABadYearIsLocatedInItsColumn() throws {
        // Headers that name no time: plain integers, checked only when the period is built.
        try Data("y,m,v\n2024,1,1\n0,2,2\n".utf8).write(to: dir.appendingPathComponent("y.csv"))
        let cat = try Catalog.parse("[datasets.d]\nfile = \"y.csv\"\nperiod = [\"y\", \"m\"]\n", file: "catalog.toml", directory: dir.path)
        XCTAssertThrowsError(try cat.load("d")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.column, 1)
            XCTAssertEqual(err.columnName, "y")
            XCTAssertTrue(err.message.hasPrefix("year 0 is out of range"), err.message)
        }
    }

    func testALenientLoadSetsTheRowAsideWithItsLineReasonAndText() throws {
        let cat = try catalog("ym2.csv", "year,month,v\n2024,1,1\n2024,2\n2024,13,3\n\n2024,3,4\n", lenient: true)
        let r = try cat.load("d")
        XCTAssertEqual(TestSupport.values(r.table, "period"), [.period(.month(2024, 1)), .period(.month(2024, 3))])
        XCTAssertEqual(TestSupport.values(r.table, "v"), [.int(1), .int(4)])
        XCTAssertEqual(r.report.rejected, [
            RejectedRow(line: 3, reason: "expected 3 fields, found 2", text: "2024,2"),
            RejectedRow(line: 4, reason: "field 2: month 13 does not exist (months are 1–12)", text: "2024,13,3"),
        ])
    }

    func testALenientLoadCountsRowsAfterValueRejectsRight() throws {
        // Row 2 is rejected by the reader (bad number in a declared column), so table row 1 is source line 4.
        try Data("year,month,v\n2024,1,1\n2024,2,x\n2024,14,3\n".utf8).write(to: dir.appendingPathComponent("v.csv"))
        let cat = try Catalog.parse("[datasets.d]\nfile = \"v.csv\"\nperiod = [\"year\", \"month\"]\nlenient = true\n[datasets.d.types]\nv = \"integer\"\n",
                                    file: "catalog.toml", directory: dir.path)
        let r = try cat.load("d")
        XCTAssertEqual(r.table.rowCount, 1)
        XCTAssertEqual(r.report.rejected.map(\.line), [3, 4])
        XCTAssertEqual(r.report.rejected[1].text, "2024,14,3")
    }
}
