import Foundation
import XCTest
@testable import AlmanacXLSX

final class ColumnWidthTests: XCTestCase {
    func testDisplayWidthCountsGraphemesAndWideCharacters() {
        XCTAssertEqual(ColumnWidth.displayWidth(of: "Hà Giang"), 8)
        XCTAssertEqual(ColumnWidth.displayWidth(of: "Ha\u{0300} Giang"), 8, "decomposed marks don't add width")
        XCTAssertEqual(ColumnWidth.displayWidth(of: "lũy kế từ đầu năm"), 17)
        XCTAssertEqual(ColumnWidth.displayWidth(of: "東京"), 4)
        XCTAssertEqual(ColumnWidth.displayWidth(of: "한국어"), 6)
        XCTAssertEqual(ColumnWidth.displayWidth(of: "ＡＢ"), 4, "fullwidth forms")
        XCTAssertEqual(ColumnWidth.displayWidth(of: "📈"), 2)
        XCTAssertEqual(ColumnWidth.displayWidth(of: "👨‍👩‍👧"), 2, "one ZWJ family is one wide cluster")
        XCTAssertEqual(ColumnWidth.displayWidth(of: "1,234,567.8"), 11)
        XCTAssertEqual(ColumnWidth.displayWidth(of: ""), 0)
    }

    func testFitClampsPadsAndReservesFilterButton() {
        XCTAssertEqual(ColumnWidth.fit(["ab"]), 6, "minimum")
        XCTAssertEqual(ColumnWidth.fit(["Thừa Thiên Huế", "Hà Giang"]), 15)
        XCTAssertEqual(ColumnWidth.fit(["Thừa Thiên Huế"], autofilterButton: true), 17)
        XCTAssertEqual(ColumnWidth.fit([String(repeating: "x", count: 500)]), 60, "maximum")
        XCTAssertEqual(ColumnWidth.fit([String(repeating: "x", count: 500)], maximum: 1_000), 255, "Excel's limit")
        XCTAssertEqual(ColumnWidth.fit(["dòng một\ndòng hai dài hơn"]), 17, "widest line (16) + padding")
        XCTAssertEqual(ColumnWidth.fit([String]()), 6)
        XCTAssertEqual(ColumnWidth.fit(header: "Tỉnh", values: ["Bà Rịa – Vũng Tàu"], autofilter: true), 18)
        XCTAssertEqual(ColumnWidth.fit(header: "Giá trị sản xuất", values: ["1"], autofilter: true), 19)
    }
}
