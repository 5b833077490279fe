import AlmanacCore
import XCTest
@testable import AlmanacQuery

/// Lineage lets a workbook write growth and differences as live formulas; it must never point at a column that
/// is gone or changed, and its base rows must follow sorts and filters.
final class LineageTests: XCTestCase {
    let engine = Fixtures.engine()

    func testGrowthBaseRowsFollowTheSort() throws {
        let r = try engine.run("from monthly\nwhere province = \"Hà Giang\"\nderive g = yoy(value)\nsort period")
        // Rows: 2023-01, 2023-02, 2023-03, 2024-01, 2024-03, 2024-04; bases of 2024-01 and 2024-03 are rows 0 and 2.
        guard case .growth(let of, let base)? = r.lineage["g"] else { return XCTFail("no growth lineage: \(r.lineage)") }
        XCTAssertEqual(of, "value")
        XCTAssertEqual(base, [-1, -1, -1, 0, 2, -1])
    }

    func testReplacingTheSourceColumnDropsTheFormula() throws {
        let r = try engine.run("from monthly\nderive d = diff(value), p = progress(value, value)\nderive value = value * 2")
        XCTAssertNil(r.lineage["d"], "d = diff(value) no longer holds once value is doubled")
        XCTAssertNil(r.lineage["p"])
        let s = try engine.run("from monthly\nderive value = yoy(value)")
        XCTAssertNil(s.lineage["value"], "a growth of itself is not a formula")
    }

    func testSelectKeepsAFormulaOnlyWithItsColumns() throws {
        let kept = try engine.run("from monthly\nderive g = pop(value)\nselect province, period, value, g")
        XCTAssertNotNil(kept.lineage["g"])
        let dropped = try engine.run("from monthly\nderive g = pop(value)\nselect province, period, g")
        XCTAssertNil(dropped.lineage["g"], "value is gone: the formula cannot be written")
        let renamed = try engine.run("from monthly\nderive g = pop(value)\nselect province, period, v = value, g")
        XCTAssertNil(renamed.lineage["g"])
    }
}
