import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// Kernels must not trap on empty, all-null or odd inputs.
final class EdgeCaseTests: XCTestCase {
    func testEmptyInputs() throws {
        let p = months([])
        let x = Column.floats("x", [])
        let k = Column.texts("k", [])
        let g = try Grouping.build(keys: [k])
        XCTAssertEqual(g.groupCount, 0)
        XCTAssertEqual(try Aggregates.sum(x, g).count, 0)
        XCTAssertEqual(try Aggregates.median(x, g).count, 0)
        let grid = try SeriesGrid.build(seriesKeys: [k], period: p)
        XCTAssertEqual(try TimeFunctions.yoy(x, grid: grid).count, 0)
        XCTAssertEqual(try TimeFunctions.ytd(x, grid: grid).values.count, 0)
        XCTAssertEqual(try TimeFunctions.rolling(x, 3, grid: grid).count, 0)
        XCTAssertEqual(try Sorting.sortedIndices([SortColumn(k)]), [])
        XCTAssertEqual(try PeriodShare.rank(x, period: p).count, 0)
        XCTAssertEqual(try PeriodShare.share(x, period: nil).count, 0)
        XCTAssertEqual(try Pivot.pivot(rowKeys: [k], pivot: p, values: [x]).table.rowCount, 0)
        XCTAssertEqual(try HashJoin.left(leftKeys: [k], lookupKeys: [k]).lookupRows, [])
    }

    func testAllNullInputs() throws {
        let p = Column.periods("p", [nil, nil], frequency: .month)
        let x = Column.floats("x", [nil, nil])
        let grid = try SeriesGrid.build(seriesKeys: [], period: p)
        XCTAssertFalse(grid.hasPeriods)
        XCTAssertEqual(opt(try TimeFunctions.yoy(x, grid: grid)), [nil, nil])
        XCTAssertEqual(opt(try TimeFunctions.cumsum(x, grid: grid).values), [nil, nil])
        let g = try Grouping.build(keys: [p])
        XCTAssertEqual(g.groupCount, 1)
        XCTAssertEqual(vals(try Aggregates.sum(x, g)), [.null])
        XCTAssertEqual(opt(try Aggregates.cagr(x, period: p, g)), [nil])
        XCTAssertEqual(try Sorting.sortedIndices([SortColumn(x)]), [0, 1])
        XCTAssertEqual(try Pivot.pivot(rowKeys: [], pivot: p, values: [x]).nullPivotRows, 2)
    }

    func testExtremeDayOrdinalsDoNotTrap() throws {
        let p = Column(name: "d", storage: .period([Int32.max, Int32.min, 0], .day))
        let grid = try SeriesGrid.build(seriesKeys: [], period: p)
        XCTAssertFalse(grid.isDense)
        XCTAssertEqual(try TimeFunctions.yoy(.floats("x", [1, 2, 3]), grid: grid).validity.nullCount, 3)
        XCTAssertEqual(try TimeFunctions.ytd(.floats("x", [1, 2, 3]), grid: grid).values[2], 3)
        XCTAssertEqual(try PeriodConvert.convert(p, to: .year).nullCount, 2)
    }

    func testTypeErrorsThrow() {
        let t = Column.texts("t", ["a"])
        XCTAssertThrowsError(try Aggregates.sum(t, try Grouping.build(keys: [t])))
        XCTAssertThrowsError(try SeriesGrid.build(seriesKeys: [], period: t))
        XCTAssertThrowsError(try TimeFunctions.yoy(t, grid: try SeriesGrid.build(seriesKeys: [], period: months([(2020, 1)]))))
        XCTAssertThrowsError(try PeriodShare.rank(t, period: nil))
    }
}
