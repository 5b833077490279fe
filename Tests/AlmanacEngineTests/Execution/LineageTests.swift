import AlmanacCore
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

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

    // MARK: Same-row arithmetic

    func template(_ query: String, _ column: String, file: StaticString = #filePath, line: UInt = #line) throws -> FormulaTree? {
        let r = try engine.run(query)
        guard let l = r.lineage[column] else { return nil }
        guard case .expression(let t) = l else { XCTFail("\(column): not an expression: \(l)", file: file, line: line); return nil }
        return t
    }

    func testArithmeticOverColumnsOfTheRowIsRecordedAsItWasComputed() throws {
        let q = "from plan\nderive "
        // Golden: the recorded tree, printed with the parentheses it needs.
        let cases: [(String, String)] = [
            ("g = value / target - 1", "value / target - 1"),
            ("g = (value - target) / target", "(value - target) / target"),
            ("g = value * 100 / target", "value * 100 / target"),
            ("g = value - target", "value - target"),
            ("g = value / 1e6", "value / 1000000"),
            ("g = value - (target - 1)", "value - (target - 1)"),
            ("g = value + (target + 1)", "value + (target + 1)"),
            ("g = -(value + target) * 2", "-(value + target) * 2"),
            ("g = value * -1.5", "value * -1.5"),
            ("g = 0.25 * value", "0.25 * value"),
        ]
        for (derive, expected) in cases {
            let t = try XCTUnwrap(try template(q + derive, "g"), derive)
            XCTAssertEqual(t.description, expected, derive)
            XCTAssertEqual(Set(t.columns), Set(["value", "target"].filter { expected.contains($0) }), derive)
        }
        XCTAssertEqual(try template(q + "g = value / target - 1", "g"),
                       .binary(.subtract, .binary(.divide, .column("value"), .column("target")), .number(1)))
    }

    func testTheMonthlyReportsGrowthOverLastYearsColumnIsAFormulaAfterTheFilter() throws {
        let r = try engine.run("from monthly\nderive last_year = lag(value, 12), growth = value / last_year - 1\nwhere period >= 2024-01\nsort province, period")
        XCTAssertEqual(r.table.rowCount, 5)
        guard case .expression(let t)? = r.lineage["growth"] else { return XCTFail("\(r.lineage)") }
        XCTAssertEqual(t.description, "value / last_year - 1")
        XCTAssertNil(r.lineage["last_year"], "a lag is a value from another row, gone after the filter")
        // yoy over the same rows would have its base rows filtered away: no formula.
        let yoy = try engine.run("from monthly\nderive growth = yoy(value)\nwhere period >= 2024-01")
        guard case .growth(_, let base)? = yoy.lineage["growth"] else { return XCTFail() }
        XCTAssertTrue(base.allSatisfy { $0 < 0 })
    }

    func testOnlyPlainArithmeticOverNumericColumnsIsAFormula() throws {
        let q = "from plan\nderive "
        for derive in ["g = round(value / target, 2)", "g = abs(value - target)", "g = coalesce(value, 0) / target",
                       "g = if(value > 0, value, target)", "g = yoy(value) * 100", "g = lag(value, 1) / value",
                       "g = value", "g = 5", "g = 2 * 3", "g = year(period) - 2000"] {
            XCTAssertNil(try engine.run(q + derive).lineage["g"], derive)
        }
        // Time functions keep their own lineage.
        let r = try engine.run("from monthly\nderive g = yoy(value)")
        guard case .growth? = r.lineage["g"] else { return XCTFail("\(r.lineage)") }
    }

    func testAFormulaOverItselfOrOverAReplacedColumnIsDropped() throws {
        XCTAssertNil(try engine.run("from plan\nderive value = value * 2").lineage["value"], "reads the value it replaces")
        let later = try engine.run("from plan\nderive g = value / target - 1\nderive target = target * 2")
        XCTAssertNil(later.lineage["g"], "target changed after g was computed")
        XCTAssertNil(later.lineage["target"], "target * 2 reads the old target: no formula")
        let sameStep = try engine.run("from plan\nderive g = value / target, target = 1")
        XCTAssertNil(sameStep.lineage["g"])
        let replacedG = try engine.run("from plan\nderive g = value / target\nderive g = round(value, 0)")
        XCTAssertNil(replacedG.lineage["g"], "g is no longer the ratio")
        let chained = try engine.run("from plan\nderive d = value - target, g = d / target")
        XCTAssertEqual((chained.lineage["g"]).flatMap { if case .expression(let t) = $0 { return t.description } else { return nil } }, "d / target")
        XCTAssertNotNil(chained.lineage["d"])
    }

    func testSortFilterAndTakeKeepTheFormulaAggregatePivotAndCompareDropIt() throws {
        let kept = try engine.run("from plan\nderive g = value / target - 1\nwhere value > 90\nsort value desc\ntake 1")
        XCTAssertNotNil(kept.lineage["g"])
        XCTAssertNil(try engine.run("from plan\nderive g = value / target\naggregate g = sum(g), value = sum(value), target = sum(target) by province").lineage["g"])
        XCTAssertNil(try engine.run("from plan\nderive g = value / target\naggregate s = sum(value) / sum(target) by province").lineage["s"],
                     "an aggregate's arithmetic is over groups, not cells")
        let pivoted = try engine.run("from plan\nderive g = value / target\nselect province, period, g\npivot period")
        XCTAssertTrue(pivoted.lineage.isEmpty, "\(pivoted.lineage)")
    }

    func testSelectKeepsArithmeticOnlyWithItsColumnsUnderTheSameNames() throws {
        let both = try engine.run("from plan\nderive g = value / target - 1\nselect province, value, target, g")
        XCTAssertNotNil(both.lineage["g"])
        XCTAssertNil(try engine.run("from plan\nderive g = value / target - 1\nselect province, value, g").lineage["g"], "target dropped")
        XCTAssertNil(try engine.run("from plan\nderive g = value / target - 1\nselect province, v = value, target, g").lineage["g"], "value renamed")
        XCTAssertNil(try engine.run("from plan\nderive g = value / target - 1\nselect province, value = target, target = value, g").lineage["g"],
                     "names swapped: the cells would be the wrong ones")
        // Arithmetic written in the select itself, over passed-through columns.
        let inSelect = try engine.run("from plan\nselect province, value, target, gap = target - value")
        XCTAssertEqual((inSelect.lineage["gap"]).flatMap { if case .expression(let t) = $0 { return t.description } else { return nil } }, "target - value")
        XCTAssertNil(try engine.run("from plan\nselect province, target, gap = target - value").lineage["gap"], "value is not in the result")
    }

    func testAJoinKeepsFormulasAndNeverReplacesAColumn() throws {
        let r = try engine.run("from trade\nderive half = value_usd / 2\njoin flow_targets on province, flow\nderive share = value_usd / target")
        XCTAssertNotNil(r.lineage["half"])
        XCTAssertNotNil(r.lineage["share"])
        // The looked-up `target` meets an input `target` and an input `target_flow_targets`: it comes in as
        // `target_flow_targets_2`, so both input columns — and the formulas over them — stay as they were.
        let kept = try engine.run("from trade\nderive target = value_usd * 2, target_flow_targets = value_usd / 2, g = target_flow_targets + 1\njoin flow_targets on province, flow")
        XCTAssertEqual(kept.table.column(named: "target_flow_targets_2")?.value(at: 0).number, 10_000_000, "the looked-up target")
        XCTAssertNotEqual(kept.table.column(named: "target_flow_targets")?.value(at: 0).number, 10_000_000, "the derived column is untouched")
        XCTAssertNotNil(kept.lineage["target"])
        XCTAssertNotNil(kept.lineage["target_flow_targets"])
        XCTAssertNotNil(kept.lineage["g"])
        XCTAssertNil(kept.lineage["target_flow_targets_2"], "a looked-up column has no formula")
    }
}
