import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class LayoutTests: XCTestCase {
    func testPivotNamesOrderAndNulls() throws {
        let prov = Column.texts("province", ["Huế", "An Giang", "Huế", "An Giang", "Huế"])
        let year = Column.periods("year", [.year(2021), .year(2020), .year(2020), .year(2021), nil], frequency: .year)
        let value = Column.ints("value", [3, 2, 1, 4, 9])
        let r = try Pivot.pivot(rowKeys: [prov], pivot: year, values: [value])
        XCTAssertEqual(r.table.columnNames, ["province", "2020", "2021"])
        XCTAssertEqual(r.table.row(0), [.text("Huế"), .int(1), .int(3)], "first-appearance row order")
        XCTAssertEqual(r.table.row(1), [.text("An Giang"), .int(2), .int(4)])
        XCTAssertEqual(r.nullPivotRows, 1)
    }

    func testPivotMissingCellAndTwoMeasures() throws {
        let prov = Column.texts("province", ["Huế", "Huế", "Đà Nẵng"])
        let flow = Column.texts("flow", ["xuất", "nhập", "xuất"])
        let r = try Pivot.pivot(rowKeys: [prov], pivot: flow, values: [.floats("value", [1, 2, 3]), .ints("qty", [10, 20, 30])])
        XCTAssertEqual(r.table.columnNames, ["province", "value_nhập", "value_xuất", "qty_nhập", "qty_xuất"])
        XCTAssertEqual(r.table.row(1), [.text("Đà Nẵng"), .null, .float(3), .null, .int(30)])
    }

    func testPivotDuplicateCellIsAnError() {
        let prov = Column.texts("province", ["Huế", "Huế"])
        let year = Column.periods("year", [.year(2021), .year(2021)], frequency: .year)
        XCTAssertThrowsError(try Pivot.pivot(rowKeys: [prov], pivot: year, values: [.ints("v", [1, 2])])) { e in
            guard case KernelError.duplicateKey(let d) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(d.keyText, "(Huế, 2021)")
            XCTAssertEqual(d.rowCount, 2)
        }
    }

    func testLeftJoinAcrossDictionariesNFD() throws {
        let left = Column.texts("partner", ["Nhật Bản", "Hàn Quốc", nil, "Lào"])
        let lookupKey = Column.texts("partner", ["Hàn Quốc".decomposedStringWithCanonicalMapping, "Nhật Bản", "Trung Quốc"])
        let region = Column.texts("region", ["Đông Á", "Đông Á 2", "Đông Á 3"])
        let j = try HashJoin.left(leftKeys: [left], lookupKeys: [lookupKey])
        XCTAssertEqual(j.lookupRows, [1, 0, -1, -1])
        XCTAssertEqual(j.unmatchedCount, 2)
        XCTAssertEqual(vals(j.gather([region])[0]), [.text("Đông Á 2"), .text("Đông Á"), .null, .null])
    }

    func testJoinOnPeriodAndIntAndDuplicateError() throws {
        let lp = Column.periods("y", [.year(2020), .year(2021)], frequency: .year)
        let li = Column.ints("code", [1, 2])
        let rp = Column.periods("y", [.year(2021), .year(2020), .year(2021)], frequency: .year)
        let ri = Column.ints("code", [2, 1, 3])
        XCTAssertEqual(try HashJoin.left(leftKeys: [lp, li], lookupKeys: [rp, ri]).lookupRows, [1, 0])
        let dupKey = Column.texts("partner", ["Lào", "Lào".decomposedStringWithCanonicalMapping, "Lào"])
        XCTAssertThrowsError(try HashJoin.left(leftKeys: [.texts("partner", ["Lào"])], lookupKeys: [dupKey])) { e in
            guard case KernelError.duplicateKey(let d) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(d.keyText, "(Lào)")
            XCTAssertEqual(d.rowCount, 3)
        }
        XCTAssertThrowsError(try HashJoin.left(leftKeys: [lp], lookupKeys: [months([(2020, 1)])]))
    }

    func testCompareRangesWithAbsentSeries() throws {
        let prov = Column.texts("province", ["A", "A", "A", "A", "B", "C"])
        let p = months([(2023, 1), (2023, 2), (2024, 1), (2024, 2), (2024, 1), (2023, 1)])
        let v = Column.floats("value", [10, 10, 30, nil, 5, 0])
        let r = try CompareRanges.compare(seriesKeys: [prov], period: p, measures: [v],
                                          base: Period.month(2023, 1).ordinal...Period.month(2023, 2).ordinal,
                                          current: Period.month(2024, 1).ordinal...Period.month(2024, 2).ordinal)
        let m = r.measures[0]
        XCTAssertEqual(opt(m.base), [20, nil, 0])
        XCTAssertEqual(opt(m.current), [30, 5, nil])
        XCTAssertEqual(opt(m.change), [10, nil, nil])
        XCTAssertEqual(opt(m.growth), [0.5, nil, nil])
        XCTAssertEqual(r.seriesWithoutBaseRows, [1])
        XCTAssertEqual(r.seriesWithoutCurrentRows, [2])
        XCTAssertEqual(vals(r.keys[0]), [.text("A"), .text("B"), .text("C")])
    }

    func testShareRankAndTargets() throws {
        let p = Column.periods("y", [.year(2020), .year(2020), .year(2020), .year(2021), .year(2021), .year(2020)], frequency: .year)
        let x = Column.floats("x", [10, 30, 30, 0, 0, nil])
        XCTAssertEqual(approx(try PeriodShare.share(x, period: p)), [r9(1.0 / 7), r9(3.0 / 7), r9(3.0 / 7), nil, nil, nil], "2021 total is zero: null")
        XCTAssertEqual(approx(try PeriodShare.share(.ints("x", [1, 3]), period: nil)), [0.25, 0.75], "no period: whole table")
        XCTAssertEqual(opt(try PeriodShare.rank(x, period: p)), [3, 1, 1, 1, 1, nil], "ties share the min rank")
        XCTAssertEqual(opt(try PeriodShare.rank(.ints("x", [5, 7, 5, 1]), period: nil)), [2, 1, 2, 4])
        XCTAssertEqual(opt(try Targets.progress(.column(.floats("x", [50, 10])), .column(.floats("t", [100, 0])), count: 2)), [0.5, nil])
        let g = try Targets.requiredGrowth(.floats("x", [100, 100, 0, 100]), target: .scalar(.float(121)), targetYear: 2025,
                                           period: .periods("y", [.year(2023), .year(2025), .year(2023), .year(2030)], frequency: .year))
        XCTAssertEqual(approx(g), [0.1, nil, nil, nil])
    }
}
