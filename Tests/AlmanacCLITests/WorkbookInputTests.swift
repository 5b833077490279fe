import Foundation
import XCTest
import Almanac
import AlmanacTestSupport

/// `.xlsx` input from the command line: every workbook Almanac writes reads back to the table it was written from
/// (`query -o`, `export`, a large constant-memory sheet), `from "book.xlsx" sheet "…"`, `describe` listing sheets,
/// and a clear refusal of what is not a workbook.
final class WorkbookInputTests: XCTestCase {
    let data = TestSupport.packageRoot.appendingPathComponent("Data").path

    /// Equal tables: names, types, rows, values (numbers to the 16 significant digits a workbook stores).
    func assertSame(_ a: Table, _ b: Table, _ what: String, line: UInt = #line) {
        XCTAssertEqual(b.columns.map(\.name), a.columns.map(\.name), what, line: line)
        XCTAssertEqual(b.columns.map(\.dataType), a.columns.map(\.dataType), what, line: line)
        XCTAssertEqual(b.rowCount, a.rowCount, what, line: line)
        guard a.columns.count == b.columns.count, a.rowCount == b.rowCount else { return }
        var mismatches = 0
        for (ca, cb) in zip(a.columns, b.columns) {
            for r in 0..<a.rowCount {
                let x = ca.value(at: r), y = cb.value(at: r)
                var same = x == y
                if case .float(let u) = x, case .float(let v) = y { same = abs(u - v) <= 1e-15 * max(1, abs(u)) }
                if !same && mismatches < 5 {
                    XCTFail("\(what): column \(ca.name) row \(r + 1): written \(x), read \(y)", line: line)
                    mismatches += 1
                }
            }
        }
    }

    func testEveryCatalogDatasetReadsBackFromQueryOutput() throws {
        let folder = TestSupport.temporaryDirectory("xlsx-roundtrip")
        let catalog = try Catalog.load(dataDirectory: data)
        XCTAssertGreaterThan(catalog.names.count, 10)
        for name in catalog.names {
            let book = folder.appendingPathComponent("\(name).xlsx").path
            let r = try CLIRunner.run(["query", "from \(name)", "-o", book])
            XCTAssertEqual(r.status, 0, r.stderr)
            let written = try QueryEngine(catalog: catalog).run("from \(name)").table
            assertSame(written, try WorkbookReader.load(path: book).table, name)
        }
    }

    func testEveryExportedSheetReadsBackAsItsQuery() throws {
        let folder = TestSupport.temporaryDirectory("xlsx-export-roundtrip")
        var sheets = 0
        for spec in ["Workbooks/annual-overview.toml", "Workbooks/monthly-report.toml"] {
            let book = folder.appendingPathComponent((spec as NSString).lastPathComponent + ".xlsx").path
            let r = try CLIRunner.run(["export", spec, "-o", book])
            XCTAssertEqual(r.status, 0, r.stderr)
            let workbook = try WorkbookSpec.load(file: TestSupport.packageRoot.appendingPathComponent(spec).path)
            for sheet in workbook.sheets {
                // The sheet's query as `almanac query -f` runs it, against the sheet read back (below its title).
                let expected = try CLIRunner.run(["query", "-f", sheet.query.name, "--format", "csv"])
                let actual = try CLIRunner.run(["query", "from \"\(book)\" sheet \"\(sheet.name)\"", "--format", "csv"])
                XCTAssertEqual(actual.status, 0, actual.stderr)
                let e = CSVText.parse(expected.stdout), a = CSVText.parse(actual.stdout)
                XCTAssertEqual(a.count, e.count, sheet.name)
                for (x, y) in zip(e, a) where x != y {
                    let close = x.count == y.count && zip(x, y).allSatisfy { u, v in
                        u == v || (Double(u).flatMap { du in Double(v).map { abs(du - $0) <= 1e-15 * max(1, abs(du)) } } ?? false)
                    }
                    XCTAssertTrue(close, "\(sheet.name): written \(x), read \(y)")
                }
                sheets += 1
            }
        }
        XCTAssertGreaterThan(sheets, 20)
    }

    func testALargeStreamedSheetReadsBack() throws {
        // Above 100,000 rows `query -o` writes in constant-memory mode (inline strings): read back, months again.
        let folder = TestSupport.temporaryDirectory("xlsx-large")
        let csv = folder.appendingPathComponent("trade.csv").path, book = folder.appendingPathComponent("trade.xlsx").path
        try TradeSample(rows: 120_000, seed: 7).write(to: csv)
        let r = try CLIRunner.run(["query", "from \"\(csv)\"", "-o", book])
        XCTAssertEqual(r.status, 0, r.stderr)
        let read = try WorkbookReader.load(path: book)
        XCTAssertEqual(read.table.column(named: "period")?.dataType, .period(.month))
        assertSame(try CSVReader.load(path: csv).table, read.table, "trade.xlsx")
    }

    func testDescribeListsSheetsAndFromNamesOne() throws {
        let dir = try WorkbookFixtures.folder()
        let book = dir.appendingPathComponent("typed.xlsx").path
        let d = try CLIRunner.run(["describe", book])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdout.contains("sheet:   'Dữ liệu' (other sheets: 'Du lịch')"), d.stdout)
        XCTAssertTrue(d.stdout.contains("(1 from error cells such as #N/A)"), d.stdout)
        XCTAssertTrue(d.stderr.contains("have formulas but no saved values"), d.stderr)
        let q = try CLIRunner.run(["query", "from \"\(book)\" sheet \"Du lịch\" | select `Năm 2023_3`", "--format", "csv"])
        XCTAssertEqual(q.status, 0, q.stderr)
        XCTAssertEqual(q.stdout, "Năm 2023_3\n300\n350\n")
        let missing = try CLIRunner.run(["query", "from \"\(book)\" sheet \"Du lich\""])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("did you mean 'Du lịch'?"), missing.stderr)
    }

    func testTheCatalogNamesASheet() throws {
        let dir = TestSupport.temporaryDirectory("xlsx-catalog")
        let fixtures = try WorkbookFixtures.folder()
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("typed.xlsx"), to: dir.appendingPathComponent("typed.xlsx"))
        try Data("""
        [datasets.du_lich]
        file = "typed.xlsx"
        sheet = "Du lịch"
        title = "Khách du lịch"
        """.utf8).write(to: dir.appendingPathComponent("catalog.toml"))
        let r = try CLIRunner.run(["query", "--data-dir", dir.path, "from du_lich | select Tỉnh", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Tỉnh\nHà Giang\nCao Bằng\n")
    }

    func testAnOldWorkbookIsRefusedWithWhatToDo() throws {
        let url = TestSupport.temporaryDirectory("xlsx-old").appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)).write(to: url)
        let r = try CLIRunner.run(["query", "from \"\(url.path)\""])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Excel 97–2003 workbook (.xls)") && r.stderr.contains("save it as an Excel Workbook (.xlsx)"), r.stderr)
    }
}

extension WorkbookInputTests {
    func testTheCatalogSetsTheHeaderRowAndTheFooter() throws {
        let dir = TestSupport.temporaryDirectory("xlsx-layout")
        try FileManager.default.copyItem(at: try WorkbookFixtures.folder().appendingPathComponent("print.xlsx"), to: dir.appendingPathComponent("print.xlsx"))
        try Data("Bảng 1\nTỉnh,khách\nHà Giang,3\n".utf8).write(to: dir.appendingPathComponent("plain.csv"))
        try Data("""
        [datasets.tong]
        file = "print.xlsx"
        sheet = "Tổng"
        header_row = 3
        skip_footer = 1
        """.utf8).write(to: dir.appendingPathComponent("catalog.toml"))
        let d = try CLIRunner.run(["describe", "--data-dir", dir.path, "tong"])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdout.contains("rows:    2\n"), d.stdout)
        XCTAssertTrue(d.stdout.contains("rows from 6 below the table skipped: the last 1 (skip_footer)"), d.stdout)
        let xk = try CLIRunner.run(["describe", dir.appendingPathComponent("print.xlsx").path])
        XCTAssertTrue(xk.stdout.contains("layout:  header on rows 5–6"), xk.stdout)
        try Data("""
        [datasets.plain]
        file = "plain.csv"
        header_row = 2
        """.utf8).write(to: dir.appendingPathComponent("catalog.toml"))
        // A CSV file alike.
        let csv = try CLIRunner.run(["query", "--data-dir", dir.path, "from plain", "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertEqual(csv.stdout, "Tỉnh,khách\nHà Giang,3\n")
    }
}

extension WorkbookInputTests {
    func testACatalogDatasetOfOneFilePerMonth() throws {
        let dir = TestSupport.temporaryDirectory("per-month")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("xuat-khau"), withIntermediateDirectories: true)
        for (m, v) in [(10, "1"), (11, "2.5"), (12, "4")] {
            try Data("province,value\nHà Giang,\(v)\n".utf8).write(to: dir.appendingPathComponent("xuat-khau/xk-T\(m)-2024.csv"))
        }
        try Data("""
        [datasets.xk]
        file = "xuat-khau/xk-*.csv"
        period = "file name"
        file_column = "tệp"
        dimensions = ["province"]
        """.utf8).write(to: dir.appendingPathComponent("catalog.toml"))
        let r = try CLIRunner.run(["query", "--data-dir", dir.path, "from xk | select period, value, tệp", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "period,value,tệp\n2024-10,1,xk-T10-2024.csv\n2024-11,2.5,xk-T11-2024.csv\n2024-12,4,xk-T12-2024.csv\n")
        let q = try CLIRunner.run(["query", "from \"\(dir.path)/xuat-khau/xk-T1*-2024.csv\" | aggregate n = count()", "--format", "csv"])
        XCTAssertEqual(q.status, 0, q.stderr)
        XCTAssertEqual(q.stdout, "n\n3\n")
    }
}
