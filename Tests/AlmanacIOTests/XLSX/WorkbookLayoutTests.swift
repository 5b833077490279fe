import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Sheets laid out for printing: the header found below title lines, a two-row header composed into periods, blank
/// rows, footer lines, a unit line; `header_row` and `skip_footer` override. Values checked against calamine's cells.
final class WorkbookLayoutTests: XCTestCase {
    func book() throws -> URL { try WorkbookFixtures.folder().appendingPathComponent("print.xlsx") }

    func testTitleLinesTwoRowHeaderBlankRowsAndFooters() throws {
        let r = try WorkbookReader.load(path: try book().path)
        let t = r.table
        XCTAssertEqual(t.columns.map(\.name), ["Tỉnh"] + (1...12).map { "Tháng \($0)/2023" })
        XCTAssertEqual(TestSupport.values(t, "Tỉnh"), ["Hà Giang", "Cao Bằng", "Lào Cai", "Lạng Sơn"].map { .text($0) })
        XCTAssertEqual(t.column(named: "Tháng 12/2023")?.meta.unit, "million USD")
        XCTAssertEqual(t.column(named: "Tỉnh")?.meta.unit, nil)
        let layout = r.report.layout.joined(separator: "\n")
        for expected in ["header on rows 5–6", "rows 1–3 above the header (row 5) skipped: title lines 'BỘ CÔNG THƯƠNG'",
                         "unit 'million USD' of the numbers, from 'Đơn vị tính: triệu USD'", "1 blank row among the data skipped (row 10)",
                         "rows from 13 below the table skipped: footer lines"] {
            XCTAssertTrue(layout.contains(expected), "missing '\(expected)' in:\n\(layout)")
        }
        // Every value against calamine's cells of sheet rows 7–9 and 11.
        let cells = try WorkbookFixtures.calamine(try book(), sheet: "XK")
        for (row, sheetRow) in [7, 8, 9, 11].enumerated() {
            let want = cells[sheetRow - 1]
            XCTAssertEqual(t.columns[0].value(at: row), .text(want[0] as! String))
            for c in 1...12 {
                guard case .float(let got) = t.columns[c].value(at: row) else { XCTFail("row \(sheetRow) column \(c): not a number"); continue }
                XCTAssertEqual(got, (want[c] as! NSNumber).doubleValue, "row \(sheetRow) column \(c)")
            }
        }
    }

    func testHeaderRowAndSkipFooterOverride() throws {
        var o = CSVOptions()
        // Without them: the title is skipped by shape, but the closing line is a row of the table.
        let plain = try WorkbookReader.load(path: try book().path, sheet: "Tổng", options: o)
        XCTAssertEqual(plain.table.columns.map(\.name), ["Tỉnh", "Kim ngạch"])
        XCTAssertEqual(plain.table.rowCount, 3)
        o.headerRow = 3
        o.skipFooter = 1
        let r = try WorkbookReader.load(path: try book().path, sheet: "Tổng", options: o)
        XCTAssertEqual(r.table.columns.map(\.name), ["Tỉnh", "Kim ngạch"])
        XCTAssertEqual(TestSupport.values(r.table, "Kim ngạch"), [.float(1.5), .float(2.5)])
        XCTAssertTrue(r.report.layout.contains { $0.contains("the last 1 (skip_footer)") }, "\(r.report.layout)")
    }

    func testUnitLines() {
        XCTAssertEqual(SheetLayout.unit(in: "Đơn vị tính: triệu USD")?.unit, "million USD")
        XCTAssertEqual(SheetLayout.unit(in: "ĐVT: tỷ đồng")?.unit, "billion VND")
        XCTAssertEqual(SheetLayout.unit(in: "Đơn vị: lượt khách")?.unit, "arrivals")
        XCTAssertEqual(SheetLayout.unit(in: "Đơn vị tính: %")?.unit, "%")
        XCTAssertNil(SheetLayout.unit(in: "Đơn vị tính: tấn"), "not a unit Almanac knows")
        XCTAssertNil(SheetLayout.unit(in: "Kim ngạch (triệu USD)"))
    }

    func testComposedPeriodNames() {
        XCTAssertEqual(SheetLayout.periodName(year: "Năm 2023", part: "Tháng 1"), "Tháng 1/2023")
        XCTAssertEqual(SheetLayout.periodName(year: "2024", part: "Quý II"), "Quý II/2024")
        XCTAssertNil(SheetLayout.periodName(year: "Xuất khẩu", part: "Tháng 1"))
        XCTAssertTrue(SheetLayout.isFooter(["Nguồn: Tổng cục Thống kê"], inFooter: false))
        XCTAssertTrue(SheetLayout.isFooter(["(1) Số liệu sơ bộ"], inFooter: false))
        XCTAssertFalse(SheetLayout.isFooter(["Hà Giang"], inFooter: false))
        XCTAssertTrue(SheetLayout.isFooter(["Người lập biểu", "Thủ trưởng đơn vị"], inFooter: true))
    }
}

extension WorkbookLayoutTests {
    func testAPlainTableKeepsItsFirstRowAsTheHeader() {
        func row(_ n: Int, _ texts: [String?]) -> SheetLayout.Row {
            SheetLayout.Row(number: n, cells: texts.enumerated().compactMap { c, t in t.map { (c, $0) } })
        }
        // A data column with no header text: the rows below reach past the header, yet no title stands above it.
        let rows = [row(1, ["a", "b", nil]), row(2, ["1", "2", "x"]), row(3, ["3", "4", "y"]), row(4, ["5", "6", "z"])]
        XCTAssertEqual(SheetLayout.header(rows, merges: []).index, 0)
        let titled = [row(1, ["Báo cáo"]), row(3, ["a", "b", "c"]), row(4, ["1", "2", "3"]), row(5, ["4", "5", "6"])]
        XCTAssertEqual(SheetLayout.header(titled, merges: []).index, 1)
    }
}
