import XCTest
@testable import AlmanacCore

/// The total words, and how a total that differs from its parts prints its figures and its place.
final class TotalRowsTests: XCTestCase {
    func testTotalWords() {
        for s in ["Tổng cộng", "TỔNG CỘNG", "tổng số", "Cộng", "Tổng", "Total", "GRAND TOTAL", " Tổng cộng: ", "Tổng  cộng",
                  "Tổng cộng".decomposedStringWithCanonicalMapping, "Cộng.".decomposedStringWithCanonicalMapping] {
            XCTAssertTrue(TotalWords.isTotal(s), s)
        }
        for s in ["", "Hà Giang", "Tổng cục Hải quan", "Cộng hoà", "Totalisator", "Subtotal", "tổng cộng xuất khẩu", "Cao Bằng"] {
            XCTAssertFalse(TotalWords.isTotal(s), s)
        }
    }

    func testFiguresAreWrittenWithTheirDecimalsInBothLanguages() {
        let m = TotalMismatch(place: .cell("C6"), label: "2024-01, Tổng số", measure: "value", total: 1531.5, sum: 1530.25, parts: 2, decimals: 2)
        XCTAssertEqual(m.figure(m.total), "1,531.5")
        XCTAssertEqual(m.figure(m.sum, vietnamese: true), "1.530,25")
        XCTAssertEqual(m.difference(), "+1.25")
        let under = TotalMismatch(place: .line(3), label: "x", measure: "v", total: 9, sum: 12, parts: 3, decimals: 0)
        XCTAssertEqual(under.difference(vietnamese: true), "-3")
    }

    func testPlaces() {
        XCTAssertEqual(RowPlace.inFile("xk-2024-02.csv", .line(4)).english, "xk-2024-02.csv line 4")
        XCTAssertEqual(RowPlace.inFile("t.xlsx", .cell("C6")).vietnamese, "t.xlsx ô C6")
        XCTAssertEqual(RowPlace.sheetRow(6).vietnamese, "hàng 6")
    }
}
