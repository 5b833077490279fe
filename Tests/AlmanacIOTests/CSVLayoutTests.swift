import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// CSV files laid out for printing load like their sheets: title lines, a two-line header, footer lines, a unit
/// line; line numbers in errors stay the file's own; `header_row` and `skip_footer` decide when asked.
final class CSVLayoutTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "in.csv", options: options)
    }

    let printed = """
    BỘ CÔNG THƯƠNG
    Kim ngạch xuất khẩu năm 2023
    Đơn vị tính: triệu USD

    Tỉnh,Năm 2023,,
    ,Tháng 1,Tháng 2,Tháng 3
    Hà Giang,1.5,2.5,3.5
    Cao Bằng,4,5,6
    Nguồn: Cục Hải quan
    (1) Số liệu sơ bộ

    """

    func testTitleLinesTwoLineHeaderFootersAndUnit() throws {
        let r = try load(printed)
        XCTAssertEqual(r.table.columns.map(\.name), ["Tỉnh", "Tháng 1/2023", "Tháng 2/2023", "Tháng 3/2023"])
        XCTAssertEqual(TestSupport.rows(r.table), [[.text("Hà Giang"), .float(1.5), .float(2.5), .float(3.5)],
                                                  [.text("Cao Bằng"), .float(4), .float(5), .float(6)]])
        XCTAssertEqual(r.table.column(named: "Tháng 1/2023")?.meta.unit, "million USD")
        let layout = r.report.layout.joined(separator: "\n")
        XCTAssertTrue(layout.contains("lines 1–3 above the header (line 5) skipped"), layout)
        XCTAssertTrue(layout.contains("header on lines 5–6"), layout)
        XCTAssertTrue(layout.contains("lines from 9 below the table skipped"), layout)
    }

    func testErrorsKeepTheFilesLineNumbers() {
        var o = CSVOptions()
        o.declaredTypes = ["value": .int]
        XCTAssertThrowsError(try load("Báo cáo năm\n\nprovince,value\nHà Giang,1\nCao Bằng,x\n", o)) { e in
            XCTAssertEqual((e as? CSVError)?.line, 5, "\(e)")
        }
    }

    func testAPlainFileIsUnchanged() throws {
        let r = try load("a,b,c\n1,2,3\n4,5,6\n")
        XCTAssertEqual(r.table.columns.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(r.table.rowCount, 2)
        XCTAssertEqual(r.report.layout, [])
        // A header with an unnamed last column, and sparse rows, keep the first line as the header.
        XCTAssertEqual(try load("a,b,\n1,2,x\n3,4,y\n").table.columns.map(\.name), ["a", "b", "column_3"])
        XCTAssertEqual(try load("id,note\n1,\n2,\n3,x\n").table.rowCount, 3)
    }

    func testHeaderRowAndSkipFooterWhenDeclared() throws {
        var o = CSVOptions()
        o.headerRow = 2
        o.skipFooter = 1
        let r = try load("Bảng 1\nprovince,value\nHà Giang,1\nCao Bằng,2\nHà Nội ngày 1/2/2024\n", o)
        XCTAssertEqual(r.table.columns.map(\.name), ["province", "value"])
        XCTAssertEqual(TestSupport.values(r.table, "value"), [.int(1), .int(2)])
        XCTAssertEqual(try CSVReader.header(path: TestSupport.writeTemporary("Bảng 1\nprovince,value\nHà Giang,1\n"), options: o), ["province", "value"])
    }
}
