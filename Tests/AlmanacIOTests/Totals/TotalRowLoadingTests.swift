import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Total rows at load (issue 11 item 4): set aside with their lines, checked against their parts, kept on request,
/// found however few columns are asked for, in CSV files, sheets and stacked files alike.
final class TotalRowLoadingTests: XCTestCase {
    /// Two months of two provinces, each month with its total row:
    ///   line 4: 2024-01 Tổng cộng 140 = 100 (Hà Giang) + 40 (Cao Bằng)      agrees
    ///   line 7: 2024-02 TỔNG CỘNG 150 ≠ 110 + 30 = 140                         off by +10: a typing error
    static let monthly = """
    period,province,value
    2024-01,Hà Giang,100
    2024-01,Cao Bằng,40
    2024-01,Tổng cộng,140
    2024-02,Hà Giang,110
    2024-02,Cao Bằng,30
    2024-02,TỔNG CỘNG,150

    """

    func testTotalRowsAreSetAsideWithTheirLinesAndATotalThatDiffersIsLocated() throws {
        let path = TestSupport.writeTemporary(Self.monthly, name: "monthly.csv")
        let r = try TableFile.load(path: path)
        XCTAssertEqual(r.table.rowCount, 4)
        XCTAssertEqual(TestSupport.values(r.table, "province"), ["Hà Giang", "Cao Bằng", "Hà Giang", "Cao Bằng"].map { .text($0) })
        let t = try XCTUnwrap(r.report.totals)
        XCTAssertEqual(t.columns, ["province"])
        XCTAssertEqual(t.words, ["Tổng cộng", "TỔNG CỘNG"])
        XCTAssertEqual(t.places, [.line(4), .line(7)])
        // Two total figures checked (one measure, two rows); the February one is off.
        XCTAssertEqual(t.checked, 2)
        XCTAssertEqual(t.mismatches.count, 1)
        let m = t.mismatches[0]
        XCTAssertEqual(m.place, .line(7))
        XCTAssertEqual(m.label, "2024-02, TỔNG CỘNG")
        XCTAssertEqual(m.measure, "value")
        XCTAssertEqual(m.total, 150)
        XCTAssertEqual(m.sum, 140)
        XCTAssertEqual(m.parts, 2)
        XCTAssertEqual(m.difference(), "+10")
        let text = DatasetDescription.render(name: "monthly", spec: nil, result: r)
        XCTAssertTrue(text.contains("totals:  2 total rows set aside: 'province' says they are totals ('Tổng cộng', 'TỔNG CỘNG') — line 4, line 7"), text)
        XCTAssertTrue(text.contains("checked against the sum of the rows they total: 2 figures, 1 differs"), text)
        XCTAssertTrue(text.contains("warning: line 7: the total row (2024-02, TỔNG CỘNG) has value = 150, but the 2 rows it totals sum to 140 (off by +10"), text)
    }

    func testAQueryReadingFewColumnsStillLosesTheTotalRows() throws {
        // `sum(value) by period` reads no province: the totals must go all the same (else each month counts twice:
        // 2024-01 would be 280, not 140), and the province column read for them is not handed back.
        let path = TestSupport.writeTemporary(Self.monthly, name: "few.csv")
        var o = CSVOptions()
        o.columns = ["period", "value"]
        let r = try TableFile.load(path: path, options: o)
        XCTAssertEqual(r.table.columns.map(\.name), ["period", "value"])
        XCTAssertEqual(TestSupport.values(r.table, "value"), [100, 40, 110, 30].map { .int($0) })
        XCTAssertEqual(r.report.totals?.count, 2)
    }

    func testKeepTreatsTotalRowsAsData() throws {
        let path = TestSupport.writeTemporary(Self.monthly, name: "keep.csv")
        var o = CSVOptions()
        o.totalRows = .keep
        let r = try TableFile.load(path: path, options: o)
        XCTAssertEqual(r.table.rowCount, 6)
        XCTAssertNil(r.report.totals)
    }

    func testTheCatalogSaysKeepOrSetsAside() throws {
        let dir = TestSupport.temporaryDirectory("totals-catalog")
        try Data(Self.monthly.utf8).write(to: dir.appendingPathComponent("m.csv"))
        let catalog = try Catalog.parse("""
        [datasets.kept]
        file = "m.csv"
        totals = "keep"
        [datasets.plain]
        file = "m.csv"
        dimensions = ["province"]
        """, file: dir.appendingPathComponent("catalog.toml").path, directory: dir.path)
        XCTAssertEqual(try catalog.load("kept").table.rowCount, 6)
        let plain = try catalog.load("plain")
        XCTAssertEqual(plain.table.rowCount, 4)
        XCTAssertEqual(plain.report.totals?.places, [.line(4), .line(7)])
        // Asked for the period and the value only, the declared dimension is read for the totals and dropped.
        let few = try catalog.load("plain", columns: ["period", "value"])
        XCTAssertEqual(few.table.columns.map(\.name), ["period", "value"])
        XCTAssertEqual(few.table.rowCount, 4)
        XCTAssertThrowsError(try Catalog.parse("[datasets.x]\nfile = \"m.csv\"\ntotals = \"drop\"\n", file: "catalog.toml", directory: dir.path)) { e in
            XCTAssertTrue("\(e)".contains("'drop' is not a way to treat total rows"), "\(e)")
        }
    }

    func testAPeriodBuiltFromPartsGroupsTheTotalsAndTheirLinesSurviveRejectedRows() throws {
        // year/month parts; line 3 has month 13 and is set aside by the lenient load, so the table's rows shift.
        //   line 5: 2024/1 Total 7 = 3 + 4            agrees
        //   line 8: 2024/2 Total 9 ≠ 5 + 5 = 10        off by -1, within the rounding of three whole figures
        //           (half a unit each: 0.5 × 3 = 1.5): no warning.
        //   line 11: 2024/3 Total 20 ≠ 6 + 7 = 13      off by +7 > 1.5: warning.
        let dir = TestSupport.temporaryDirectory("totals-parts")
        try Data("""
        year,month,gate,value
        2024,1,A,3
        2024,13,A,1
        2024,1,B,4
        2024,1,Total,7
        2024,2,A,5
        2024,2,B,5
        2024,2,Total,9
        2024,3,A,6
        2024,3,B,7
        2024,3,Total,20

        """.utf8).write(to: dir.appendingPathComponent("p.csv"))
        let catalog = try Catalog.parse("""
        [datasets.p]
        file = "p.csv"
        period = ["year", "month"]
        dimensions = ["gate"]
        lenient = true
        """, file: dir.appendingPathComponent("catalog.toml").path, directory: dir.path)
        let r = try catalog.load("p")
        XCTAssertEqual(r.report.rejected.map(\.line), [3])
        XCTAssertEqual(r.table.rowCount, 6)
        let t = try XCTUnwrap(r.report.totals)
        XCTAssertEqual(t.places, [.line(5), .line(8), .line(11)])
        XCTAssertEqual(t.checked, 3)
        XCTAssertEqual(t.mismatches.map(\.place), [.line(11)])
        XCTAssertEqual(t.mismatches.first?.label, "2024-03, Total")
        XCTAssertEqual(t.mismatches.first?.sum, 13)
    }

    func testStackedFilesNameTheFileOfEachTotalRow() throws {
        let dir = TestSupport.temporaryDirectory("totals-stacked")
        try Data("province,value\nA,1\nB,2\nCộng,3\n".utf8).write(to: dir.appendingPathComponent("xk-2024-01.csv"))
        try Data("province,value\nA,4\nB,5\nCộng,7\n".utf8).write(to: dir.appendingPathComponent("xk-2024-02.csv"))
        var o = CSVOptions()
        o.periodFromFileName = "period"
        let r = try TableFile.load(path: dir.appendingPathComponent("xk-*.csv").path, options: o)
        XCTAssertEqual(r.table.rowCount, 4)
        let t = try XCTUnwrap(r.report.totals)
        XCTAssertEqual(t.places, [.inFile("xk-2024-01.csv", .line(4)), .inFile("xk-2024-02.csv", .line(4))])
        // Each file's total totals its own month (the period read from the name): 3 = 1 + 2; 7 ≠ 4 + 5 = 9 (off by 2,
        // beyond the rounding of three whole figures, 1.5).
        XCTAssertEqual(t.mismatches.map(\.place), [.inFile("xk-2024-02.csv", .line(4))])
        XCTAssertEqual(t.mismatches.first?.place.english, "xk-2024-02.csv line 4")
    }

    func testASheetNamesTheCellOfATotalThatDiffers() throws {
        // A title row, the header on row 3, data from row 4: the total of row 6 (C6) holds 31.5 where
        // 10.2 + 20.1 = 30.3 (one decimal, two parts: rounding explains up to 0.5 × 0.1 × 3 = 0.15).
        let url = TestSupport.temporaryDirectory("totals-xlsx").appendingPathComponent("t.xlsx")
        try WorkbookFixtures.python("""
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Số liệu"
        ws["A1"] = "Kim ngạch xuất khẩu theo tỉnh"
        ws.append([]); ws.append(["period", "province", "value"])
        ws.append(["2024-01", "Hà Giang", 10.2]); ws.append(["2024-01", "Cao Bằng", 20.1]); ws.append(["2024-01", "Tổng số", 31.5])
        wb.save(sys.argv[1])
        """, [url.path])
        let r = try TableFile.load(path: url.path)
        XCTAssertEqual(r.table.rowCount, 2)
        let t = try XCTUnwrap(r.report.totals)
        XCTAssertEqual(t.places, [.sheetRow(6)])
        XCTAssertEqual(t.mismatches.map(\.place), [.cell("C6")])
        XCTAssertEqual(t.mismatches.first?.difference(), "+1.2")
    }
}
