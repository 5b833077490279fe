import XCTest
import AlmanacTestSupport

/// `--lenient` on every command that reads data, and the report that lists every rejected row.
final class LenientCLITests: XCTestCase {
    var dir: URL!
    var data: URL!
    var bad: URL!

    override func setUpWithError() throws {
        dir = TestSupport.temporaryDirectory("lenient-cli")
        data = dir.appendingPathComponent("Data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // 14 ragged rows among 16 good ones.
        var text = "period,v\n"
        for i in 0..<30 { text += i % 2 == 0 && i < 28 ? "2024-01\n" : "2024-\(String(format: "%02d", i % 12 + 1)),\(i)\n" }
        bad = data.appendingPathComponent("bad.csv")
        try Data(text.utf8).write(to: bad)
        try Data("[datasets.rag]\nfile = \"bad.csv\"\nlenient = true\n".utf8).write(to: data.appendingPathComponent("catalog.toml"))
    }

    func reportRows(_ path: URL) throws -> [String] {
        try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testQueryTakesLenientAndWritesEveryRejectedRow() throws {
        let strict = try CLIRunner.run(["query", "from \"Data/bad.csv\" | take 1"], in: dir)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("Data/bad.csv:2:2 (column 'v'): expected 2 fields, found 1 in '2024-01'"), strict.stderr)

        let r = try CLIRunner.run(["query", "from \"Data/bad.csv\" | aggregate n = count()", "--lenient", "--format", "csv"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "n\n16\n")
        XCTAssertTrue(r.stderr.contains("warning: 14 rows of 'Data/bad.csv' rejected; all listed in out/rejected/bad.csv"), r.stderr)
        let rows = try reportRows(dir.appendingPathComponent("out/rejected/bad.csv"))
        XCTAssertEqual(rows.count, 15, "header and all 14 rows, not a preview")
        XCTAssertEqual(rows[0], "file,line,reason,text")
        XCTAssertEqual(rows[1], "Data/bad.csv,2,\"expected 2 fields, found 1\",2024-01")
        XCTAssertEqual(rows[14], "Data/bad.csv,28,\"expected 2 fields, found 1\",2024-01")
    }

    func testDatasetsTheCatalogMarksLenientReportToo() throws {
        let r = try CLIRunner.run(["query", "from rag | take 1", "--rejects", "r/all.csv"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("14 rows of 'rag' rejected; all listed in r/all.csv"), r.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("r/all.csv")).count, 15)
    }

    func testDescribeAndHeadTakeLenient() throws {
        let d = try CLIRunner.run(["describe", "Data/bad.csv", "--lenient"], in: dir)
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdout.contains("rejected rows: 14 (all listed in out/rejected/bad.csv)"), d.stdout)
        XCTAssertTrue(d.stdout.contains("  … and 4 more\n"), d.stdout)
        let h = try CLIRunner.run(["head", "Data/bad.csv", "-n", "2", "--lenient", "--rejects", "h.csv"], in: dir)
        XCTAssertEqual(h.status, 0, h.stderr)
        XCTAssertTrue(h.stdout.contains("2024-02"), h.stdout)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("h.csv")).count, 15)
    }

    func testTheWorkbooksNotesListEveryRejectedRow() throws {
        let r = try CLIRunner.run(["query", "from \"Data/bad.csv\" | aggregate n = count()", "--lenient", "-o", "n.xlsx"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let strings = try ZipParts.text("xl/sharedStrings.xml", in: dir.appendingPathComponent("n.xlsx"))
        XCTAssertTrue(strings.contains("<t>Dòng bị loại</t>"), strings)
        for line in stride(from: 2, through: 28, by: 2) {
            XCTAssertTrue(strings.contains("Data/bad.csv, dòng \(line): expected 2 fields, found 1\n2024-01"), "line \(line) missing: \(strings)")
        }
        // The warning reaches the Notes sheet in Vietnamese (the terminal has it in English).
        XCTAssertTrue(strings.contains("14 dòng của &apos;Data/bad.csv&apos; bị để riêng") || strings.contains("14 dòng của 'Data/bad.csv' bị để riêng"), strings)
    }

    func testEveryCommandThatReadsDataListsLenient() throws {
        for command in ["query", "head", "describe", "export"] {
            let r = try CLIRunner.run([command, "--help"])
            XCTAssertTrue(r.stdout.contains("--lenient") && r.stdout.contains("--rejects"), "\(command): \(r.stdout)")
        }
    }

    /// An unpivot value that is not a number: a strict run stops at its file and line; a lenient one sets the cell
    /// aside, says where, and the workbook's Notes list it with the load's rejected rows.
    func testUnpivotCellsThatAreNotNumbers() throws {
        let wide = "province,Jan 2024,Feb 2024,Mar 2024\nHà Giang,10,12,15\nCao Bằng,4,5,chưa có\n"
        try Data(wide.utf8).write(to: data.appendingPathComponent("wide.csv"))
        let query = "from \"Data/wide.csv\" | unpivot all except province into month, n | aggregate n = sum(n), rows = count()"
        let strict = try CLIRunner.run(["query", query], in: dir)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("'Mar 2024' holds 'chưa có' where province = Cao Bằng (Data/wide.csv, line 3), which is not a number"), strict.stderr)

        let r = try CLIRunner.run(["query", query, "--lenient", "--format", "csv"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "n,rows\n46,5\n", "10 + 12 + 15 + 4 + 5, Cao Bằng's March set aside")
        XCTAssertTrue(r.stderr.contains("warning: unpivot: 1 cell of 'Data/wide.csv' that is not a number was set aside (--lenient)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3: unpivot: 'Mar 2024' holds 'chưa có', which is not a number"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 row of 'Data/wide.csv' rejected; all listed in out/rejected/wide.csv"), r.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("out/rejected/wide.csv")),
                       ["file,line,reason,text", "Data/wide.csv,3,\"unpivot: 'Mar 2024' holds 'chưa có', which is not a number\",chưa có"])

        let book = try CLIRunner.run(["query", query, "--lenient", "-o", "w.xlsx"], in: dir)
        XCTAssertEqual(book.status, 0, book.stderr)
        let strings = try ZipParts.text("xl/sharedStrings.xml", in: dir.appendingPathComponent("w.xlsx"))
        XCTAssertTrue(strings.contains("Data/wide.csv, dòng 3: unpivot: &apos;Mar 2024&apos; holds &apos;chưa có&apos;, which is not a number")
                      || strings.contains("Data/wide.csv, dòng 3: unpivot: 'Mar 2024' holds 'chưa có', which is not a number"), strings)
    }

    /// `export` and the REPL write an unpivot's set-aside cells to the rejected-rows report as `query` does, and
    /// `export --lenient` reads a file by path leniently too.
    func testExportAndTheReplReportAnUnpivotsRejectedCells() throws {
        let wide = "province,Jan 2024,Feb 2024,Mar 2024\nHà Giang,10,12,15\nCao Bằng,4,5,chưa có\n"
        try Data(wide.utf8).write(to: data.appendingPathComponent("wide.csv"))
        let expected = ["file,line,reason,text", "Data/wide.csv,3,\"unpivot: 'Mar 2024' holds 'chưa có', which is not a number\",chưa có"]
        try Data("""
            title = "Rộng"
            output = "out/w.xlsx"
            [[sheets]]
            name = "Tháng"
            query = 'from "Data/wide.csv" | unpivot all except province into month, n'

            """.utf8).write(to: dir.appendingPathComponent("book.toml"))
        let export = try CLIRunner.run(["export", "book.toml", "--lenient", "-o", "w.xlsx", "--rejects", "export-rejects.csv"], in: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("export-rejects.csv")), expected)

        let repl = try CLIRunner.run(["repl", "--lenient", "--rejects", "repl-rejects.csv"], in: dir, stdin: "from \"Data/wide.csv\" | unpivot all except province into month, n;\n")
        XCTAssertEqual(repl.status, 0, repl.stderr)
        XCTAssertTrue(repl.stdout.contains("(5 rows)"), repl.stdout)
        XCTAssertEqual(try reportRows(dir.appendingPathComponent("repl-rejects.csv")), expected)
    }
}
