import Foundation
import XCTest
import AlmanacTestSupport
import AlmanacCore
import AlmanacIO
@testable import AlmanacReports

final class WorkbookExporterTests: ReportsTestCase {
    static let tradeQuery = "from trade\n| where flow = \"export\""
    static let mixedQuery = "from mixed\n| take 4"
    static let workbook = """
    title = "Báo cáo tháng: kinh tế đối ngoại"
    subject = "Kinh tế đối ngoại Hà Giang"
    output = "out/bao-cao-thang-{period}.xlsx"
    [params]
    period = { type = "month", default = "2024-10" }
    province = { type = "text", default = "Hà Giang" }
    [[sheets]]
    name = "Xuất nhập khẩu"
    query = "Queries/trade-month.aq"
    formulas = true
    [sheets.labels]
    value = "Kim ngạch xuất khẩu (USD)"
    [sheets.formats]
    growth = "percent"
    [sheets.chart]
    type = "line"
    x = "period"
    y = ["value"]
    title = "Kim ngạch 24 tháng gần nhất"
    [sheets.conditional]
    negative_red = ["growth"]
    [[sheets]]
    name = "Tổng hợp"
    query = \"\"\"
    from mixed
    | take 4
    \"\"\"
    periods = "text"

    """
    /// 2024-11-05 07:03:07 UTC.
    static let clock = Date(timeIntervalSince1970: 1_730_790_187)
    static let hanoi = TimeZone(secondsFromGMT: 7 * 3600)!

    var runner: FakeRunner!

    override func setUpWithError() throws {
        try super.setUpWithError()
        runner = FakeRunner()
        let (trade, hints) = Fixtures.tradeMonths()
        runner.results[Self.tradeQuery] = SheetResult(
            table: trade, formulaHints: hints,
            warnings: [SheetWarning(message: "Thiếu số liệu tháng 06/2023: không tính được tăng trưởng cho 06/2024.",
                                    id: "time.missing-period", notes: ["Tăng trưởng 06/2024 để trống."])],
            datasets: [Fixtures.dataset("trade_monthly", synthetic: true)])
        runner.results[Self.mixedQuery] = SheetResult(table: Fixtures.mixed(), datasets: [Fixtures.dataset("aid", synthetic: false)])
    }

    /// Writes the project (Workbooks/, Queries/) and returns the workbook file.
    func project(_ toml: String = WorkbookExporterTests.workbook, name: String = "thang.toml") throws -> String {
        let workbooks = folder.appendingPathComponent("Workbooks", isDirectory: true)
        let queries = folder.appendingPathComponent("Queries", isDirectory: true)
        try FileManager.default.createDirectory(at: workbooks, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: queries, withIntermediateDirectories: true)
        try Data((Self.tradeQuery + "\n").utf8).write(to: queries.appendingPathComponent("trade-month.aq"))
        let path = workbooks.appendingPathComponent(name).path
        try Data(toml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func exporter(progressInterval: Int = 50_000, constantMemory: Bool? = nil) -> WorkbookExporter {
        WorkbookExporter(runner: runner, options: ExportOptions(constantMemory: constantMemory, now: { Self.clock },
                                                                timeZone: Self.hanoi, syncBeforeRename: false,
                                                                progressInterval: progressInterval))
    }

    /// Notes sheet rows as (heading or nil, text), in order.
    func notes(_ book: ReadBook) throws -> [(String?, String)] {
        let s = try XCTUnwrap(book.sheet("Ghi chú"))
        return (1...s.max_row).compactMap { r in
            guard let text = s["B\(r)"]?.value.string else { return nil }
            return (s["A\(r)"]?.value.string, text)
        }
    }

    func testExportWritesTheSheetsInOrderWithNotesLast() throws {
        let spec = try WorkbookSpec.load(file: try project())
        let summary = try exporter().export(spec)
        XCTAssertEqual(summary.output.lastPathComponent, "bao-cao-thang-2024-10.xlsx")
        XCTAssertEqual(summary.output.deletingLastPathComponent().standardizedFileURL.path,
                       folder.appendingPathComponent("out").standardizedFileURL.path)
        XCTAssertEqual(summary.sheets.map(\.name), ["Xuất nhập khẩu", "Tổng hợp"])
        XCTAssertEqual(summary.sheets.map(\.rows), [21, 4])
        XCTAssertEqual(summary.sheets.map(\.columns), [9, 9])
        XCTAssertEqual(summary.sheets[0].formulaCells, 45)
        XCTAssertEqual(summary.sheets.map(\.warnings), [1, 0])
        XCTAssertEqual(summary.parameters, [ParameterValue(name: "period", value: "2024-10"), ParameterValue(name: "province", value: "Hà Giang")])
        XCTAssertEqual(runner.calls.count, 2)
        XCTAssertEqual(runner.calls[0].parameters, ["period": "2024-10", "province": "Hà Giang"])
        XCTAssertTrue(runner.calls[0].query.isFile)
        XCTAssertEqual(runner.calls[1].query.text, Self.mixedQuery + "\n")

        let book = try OpenPyXL.read(summary.output)
        XCTAssertEqual(book.sheets.map(\.name), ["Xuất nhập khẩu", "Tổng hợp", "Ghi chú"])
        XCTAssertTrue(book.sheets.allSatisfy { isNFC($0.name) })
        XCTAssertEqual(book.properties.title, "Báo cáo tháng: kinh tế đối ngoại")
        XCTAssertEqual(book.properties.subject, "Kinh tế đối ngoại Hà Giang")
        XCTAssertEqual(book.properties.creator, "Almanac")
        XCTAssertEqual(book.properties.created, "2024-11-05T07:03:07")
        XCTAssertTrue(book.properties.description?.contains("period = 2024-10") ?? false, "\(book.properties)")

        let trade = try XCTUnwrap(book.sheet("Xuất nhập khẩu"))
        XCTAssertEqual(trade["C1"]?.value.string, "Kim ngạch xuất khẩu (USD)", "the workbook's label wins over the column's")
        XCTAssertEqual(trade["F13"]?.formula, "=C13/C2-1")
        XCTAssertEqual(trade["F13"]?.number_format, "0.0%")
        XCTAssertEqual(trade.charts.count, 1)
        XCTAssertEqual(trade.charts[0].title, "Kim ngạch 24 tháng gần nhất")
        XCTAssertEqual(trade.conditional_formats.map(\.range), ["F2:F22"])
        let mixed = try XCTUnwrap(book.sheet("Tổng hợp"))
        XCTAssertEqual(mixed["A2"]?.value.string, "2022", "periods = \"text\"")

        // A parameter override changes the query's parameters and the file name.
        let november = try exporter().export(spec, parameters: ["period": "11/2024"])
        XCTAssertEqual(november.output.lastPathComponent, "bao-cao-thang-2024-11.xlsx")
        XCTAssertEqual(runner.calls.last?.parameters["period"], "2024-11")
        // An explicit output wins over the template.
        let explicit = file("khac/tong-hop.xlsx")
        XCTAssertEqual(try exporter().export(spec, output: explicit).output, explicit)
        XCTAssertTrue(FileManager.default.fileExists(atPath: explicit.path))
    }

    func testTitlesNameTheParametersValues() throws {
        let toml = Self.workbook
            .replacingOccurrences(of: "title = \"Báo cáo tháng: kinh tế đối ngoại\"", with: "title = \"Báo cáo kinh tế đối ngoại tháng {period}\"")
            .replacingOccurrences(of: "subject = \"Kinh tế đối ngoại Hà Giang\"\n", with: "")
            .replacingOccurrences(of: "formulas = true\n", with: "formulas = true\ntitle = \"Kim ngạch {province}, tháng {period} ({period})\"\n")
        let spec = try WorkbookSpec.load(file: try project(toml))
        XCTAssertEqual(spec.title, "Báo cáo kinh tế đối ngoại tháng {period}", "the spec keeps the template")
        let summary = try exporter().export(spec, parameters: ["period": "T11/2024"])
        let book = try OpenPyXL.read(summary.output)
        XCTAssertEqual(book.properties.title, "Báo cáo kinh tế đối ngoại tháng 2024-11", "the resolved (canonical) value")
        XCTAssertEqual(book.properties.subject, "Almanac: Báo cáo kinh tế đối ngoại tháng 2024-11")
        let trade = try XCTUnwrap(book.sheet("Xuất nhập khẩu"))
        XCTAssertEqual(trade["A1"]?.value.string, "Kim ngạch Hà Giang, tháng 2024-11 (2024-11)")
        XCTAssertEqual(trade["A3"]?.value.string, "Kỳ", "the header below the title and an empty row")
        XCTAssertEqual(trade["F15"]?.formula, "=C15/C4-1")
        XCTAssertNil(try XCTUnwrap(book.sheet("Tổng hợp"))["A1"]?.value.string.flatMap { $0.contains("{") ? $0 : nil })
        let notes = try self.notes(book)
        XCTAssertEqual(notes.first { $0.0 == "Báo cáo" }?.1, "Báo cáo kinh tế đối ngoại tháng 2024-11")
        // A value with characters a file name cannot hold stays as it is in a title.
        let slash = try exporter().export(spec, parameters: ["province": "Hà Giang / Cao Bằng"], output: file("slash.xlsx"))
        let sheet = try XCTUnwrap(OpenPyXL.read(slash.output).sheet("Xuất nhập khẩu"))
        XCTAssertEqual(sheet["A1"]?.value.string, "Kim ngạch Hà Giang / Cao Bằng, tháng 2024-10 (2024-10)")
    }

    func testNotesSheetRecordsProvenanceForEverySheet() throws {
        let spec = try WorkbookSpec.load(file: try project())
        let summary = try exporter().export(spec)
        let book = try OpenPyXL.read(summary.output)
        let rows = try notes(book)
        let s = try XCTUnwrap(book.sheet("Ghi chú"))
        XCTAssertEqual(s["A1"]?.value.string, "Ghi chú")
        for (_, text) in rows { XCTAssertTrue(isNFC(text), text) }
        func values(_ heading: String) -> [String] {
            // Rows under a heading: the row with it and the unlabelled rows that follow.
            var out: [String] = [], inside = false
            for (h, text) in rows {
                if let h { inside = h == heading }
                if inside { out.append(text) }
            }
            return out
        }
        XCTAssertEqual(values("Báo cáo"), ["Báo cáo tháng: kinh tế đối ngoại"])
        XCTAssertEqual(values("Trang tính"), ["Xuất nhập khẩu", "Tổng hợp"])
        XCTAssertEqual(values("Truy vấn"), [Self.tradeQuery, Self.mixedQuery])
        XCTAssertEqual(values("Tệp truy vấn"), ["Queries/trade-month.aq"])
        XCTAssertEqual(values("Tham số"), Array(repeating: ["period = 2024-10", "province = Hà Giang"], count: 3).flatMap { $0 })
        XCTAssertEqual(values("Kích thước"), ["21 dòng × 9 cột", "4 dòng × 9 cột"])
        let sources = values("Nguồn dữ liệu")
        XCTAssertEqual(sources.count, 2)
        XCTAssertEqual(sources[0], """
        Kim ngạch xuất nhập khẩu theo tháng (trade_monthly)
        Nguồn: Báo Hà Giang, 2023-09-20
        Đơn vị: Kim ngạch (USD) [value]: USD
        Dữ liệu mô phỏng (synthetic)
        """)
        XCTAssertFalse(sources[1].contains("synthetic"), "the aid dataset is real")
        XCTAssertTrue(sources[1].hasPrefix("Kim ngạch xuất nhập khẩu theo tháng (aid)"))
        XCTAssertEqual(values("Cảnh báo"), ["Thiếu số liệu tháng 06/2023: không tính được tăng trưởng cho 06/2024.\n– Tăng trưởng 06/2024 để trống.",
                                            "Không có"])
        XCTAssertEqual(values("Thời điểm tạo"), Array(repeating: "05/11/2024 14:03:07 UTC+07:00", count: 3))
        XCTAssertEqual(values("Phiên bản Almanac"), Array(repeating: AlmanacVersion.current, count: 3))
        let columns = values("Cột")
        XCTAssertTrue(columns.contains("Kim ngạch xuất khẩu (USD) [value] — đơn vị: USD — định dạng: #,##0 — kiểu: số thực"), "\(columns)")
        XCTAssertTrue(columns.contains("Tăng trưởng so với cùng kỳ [growth] — đơn vị: ratio — định dạng: 0.0%"), "\(columns)")
        // The query cell wraps and its row is tall enough for its lines.
        let queryRow = try XCTUnwrap((1...s.max_row).first { s["A\($0)"]?.value.string == "Truy vấn" })
        XCTAssertEqual(s["B\(queryRow)"]?.wrap, true)
        XCTAssertEqual(s.row_heights[String(queryRow)], 30)
        XCTAssertEqual(s["A\(queryRow)"]?.bold, true)
    }

    func testProgressIsReportedInOrder() throws {
        let spec = try WorkbookSpec.load(file: try project())
        var events: [ExportProgress] = []
        let summary = try exporter(progressInterval: 10).export(spec) { events.append($0) }
        // Every query runs before the file is opened; then the sheets are written.
        XCTAssertEqual(events, [
            .runningQuery(sheet: "Xuất nhập khẩu", index: 1, count: 2),
            .runningQuery(sheet: "Tổng hợp", index: 2, count: 2),
            .writingRows(sheet: "Xuất nhập khẩu", written: 10, total: 21),
            .writingRows(sheet: "Xuất nhập khẩu", written: 20, total: 21),
            .writingRows(sheet: "Xuất nhập khẩu", written: 21, total: 21),
            .writingRows(sheet: "Tổng hợp", written: 4, total: 4),
            .writingNotes, .saving(summary.output), .finished(summary.output),
        ])
    }

    func testChartColumnMissingFromTheResultNamesFileSheetAndField() throws {
        let path = try project(Self.workbook.replacingOccurrences(of: "y = [\"value\"]", with: "y = [\"vlue\"]"))
        let spec = try WorkbookSpec.load(file: path)
        XCTAssertThrowsError(try exporter().export(spec)) { error in
            guard let e = error as? WorkbookSpecError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.file, path)
            XCTAssertEqual(e.sheetIndex, 1)
            XCTAssertEqual(e.sheetName, "Xuất nhập khẩu")
            XCTAssertEqual(e.field, "chart.y")
            XCTAssertEqual(e.message, "column 'vlue' is not in the result")
            XCTAssertEqual(e.hint, "did you mean 'value'?")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path + "/bao-cao-thang-2024-10.xlsx"))
    }

    func testAFailedExportLeavesTheEarlierFileUntouched() throws {
        let spec = try WorkbookSpec.load(file: try project())
        let first = try exporter().export(spec)
        let before = try Data(contentsOf: first.output)
        let out = first.output.deletingLastPathComponent()
        XCTAssertEqual(try folderContents(out), ["bao-cao-thang-2024-10.xlsx"])

        // 1. The second sheet's query fails.
        runner.failing[Self.mixedQuery] = FakeQueryError(message: "unknown column 'nam' in 'from mixed'")
        XCTAssertThrowsError(try exporter().export(spec)) { error in
            guard let e = error as? WorkbookExportError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.sheetIndex, 2)
            XCTAssertEqual(e.sheetName, "Tổng hợp")
            XCTAssertEqual(e.stage, .query)
            XCTAssertTrue(e.description.contains("sheet 2 \"Tổng hợp\": the query failed:\nunknown column 'nam'"), e.description)
        }
        XCTAssertEqual(try Data(contentsOf: first.output), before)
        XCTAssertEqual(try folderContents(out), ["bao-cao-thang-2024-10.xlsx"], "no temporary file left behind")

        // 2. The second sheet cannot be written (a cell longer than Excel allows).
        runner.failing = [:]
        runner.results[Self.mixedQuery] = SheetResult(table: try Table(columns: [.texts("t", [String(repeating: "ữ", count: 33_000)])]))
        XCTAssertThrowsError(try exporter(constantMemory: true).export(spec)) { error in
            guard let e = error as? WorkbookExportError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.stage, .write)
            XCTAssertTrue(e.description.contains("33,000") || e.description.contains("33000"), e.description)
        }
        XCTAssertEqual(try Data(contentsOf: first.output), before)
        XCTAssertEqual(try folderContents(out), ["bao-cao-thang-2024-10.xlsx"])

        // 3. An option names a column the result lacks.
        runner.results[Self.mixedQuery] = SheetResult(table: try Table(columns: [.floats("x", [1])]))
        let broken = try WorkbookSpec.load(file: try project(Self.workbook + "[sheets.labels]\nvalue = \"V\"\n"))
        XCTAssertThrowsError(try exporter().export(broken)) { error in
            XCTAssertEqual((error as? WorkbookSpecError)?.field, "labels.value")
            XCTAssertEqual((error as? WorkbookSpecError)?.sheetIndex, 2)
        }
        XCTAssertEqual(try Data(contentsOf: first.output), before)
        XCTAssertEqual(try folderContents(out), ["bao-cao-thang-2024-10.xlsx"])
    }

    func testExportAllRunsEveryWorkbookAndReportsEachOutcome() throws {
        _ = try project(name: "a-thang.toml")
        _ = try project("title = \"broken\n", name: "b-hong.toml")
        _ = try project(Self.workbook.replacingOccurrences(of: "bao-cao-thang-{period}", with: "tong-hop-{province}"), name: "c-tong-hop.toml")
        let workbooks = folder.appendingPathComponent("Workbooks")
        try Data("not a workbook".utf8).write(to: workbooks.appendingPathComponent("README.md"))
        let outDir = folder.appendingPathComponent("exports")
        let outcomes = try exporter().exportAll(directory: workbooks, parameters: ["period": "2024-09", "unknown": "x"], outputDirectory: outDir)
        XCTAssertEqual(outcomes.map { ($0.file as NSString).lastPathComponent }, ["a-thang.toml", "b-hong.toml", "c-tong-hop.toml"])
        guard case .success(let a) = outcomes[0].result, case .failure(let b) = outcomes[1].result, case .success(let c) = outcomes[2].result else {
            return XCTFail("\(outcomes.map(\.result))")
        }
        XCTAssertEqual(a.output, outDir.appendingPathComponent("bao-cao-thang-2024-09.xlsx"))
        XCTAssertEqual(c.output.lastPathComponent, "tong-hop-Hà Giang.xlsx")
        XCTAssertTrue(b is WorkbookSpecError, "\(b)")
        XCTAssertTrue(String(describing: b).contains("b-hong.toml"), "\(b)")
        XCTAssertEqual(try folderContents(outDir), ["bao-cao-thang-2024-09.xlsx", "tong-hop-Hà Giang.xlsx"].sorted())
    }

    func testConstantMemoryFromTheWorkbookFileWritesTheSameWorkbook() throws {
        let normal = try exporter().export(try WorkbookSpec.load(file: try project()))
        let spec = try WorkbookSpec.load(file: try project("constant_memory = true\n" + Self.workbook.replacingOccurrences(of: "bao-cao-thang", with: "cm"), name: "cm.toml"))
        XCTAssertEqual(spec.constantMemory, true)
        let streamed = try exporter().export(spec)
        let a = try OpenPyXL.read(normal.output), b = try OpenPyXL.read(streamed.output)
        XCTAssertEqual(a.sheets.map(\.name), b.sheets.map(\.name))
        for (x, y) in zip(a.sheets, b.sheets) where x.name != "Ghi chú" {
            XCTAssertEqual(Set(x.cells.keys), Set(y.cells.keys), x.name)
            for (ref, cell) in x.cells {
                XCTAssertEqual(y[ref]?.value, cell.value, "\(x.name)!\(ref)")
                XCTAssertEqual(y[ref]?.formula, cell.formula, "\(x.name)!\(ref)")
                XCTAssertEqual(y[ref]?.number_format, cell.number_format, "\(x.name)!\(ref)")
            }
        }
    }

    func parts(_ url: URL) throws -> [String] { try ZipParts.names(in: url) }

    func testResultsOverTheThresholdStreamUnlessTheWorkbookFileSays() throws {
        // libxlsxwriter's constant-memory mode writes strings inline: no shared-strings part.
        let big = try Table(columns: [.texts("t", (0...SheetWriter.streamingThreshold).map { "dòng \($0 % 7)" })])
        runner.results[Self.mixedQuery] = SheetResult(table: big)
        let streamed = try exporter().export(try WorkbookSpec.load(file: try project()))
        XCTAssertEqual(streamed.sheets[1].rows, SheetWriter.streamingThreshold + 1)
        XCTAssertFalse(try parts(streamed.output).contains("xl/sharedStrings.xml"), "over the threshold: rows streamed")

        runner.results[Self.mixedQuery] = SheetResult(table: try Table(columns: [.texts("t", (0..<SheetWriter.streamingThreshold).map { "dòng \($0 % 7)" })]))
        XCTAssertTrue(try parts(try exporter().export(try WorkbookSpec.load(file: try project())).output).contains("xl/sharedStrings.xml"),
                      "at the threshold: written in memory")

        runner.results[Self.mixedQuery] = SheetResult(table: big)
        let declared = try exporter().export(try WorkbookSpec.load(file: try project("constant_memory = false\n" + Self.workbook)))
        XCTAssertTrue(try parts(declared.output).contains("xl/sharedStrings.xml"), "the workbook file's constant_memory = false wins")
    }

    func testARenamedSheetIsReportedInTheSummaryAndTheNotes() throws {
        let toml = Self.workbook.replacingOccurrences(of: "name = \"Tổng hợp\"", with: "name = \"Tổng hợp [quý]\"")
        let summary = try exporter().export(try WorkbookSpec.load(file: try project(toml)))
        XCTAssertEqual(summary.sheets[1].name, "Tổng hợp _quý_")
        XCTAssertEqual(summary.sheets[1].renamed?.declared, "Tổng hợp [quý]")
        XCTAssertEqual(summary.sheets[1].warnings, 1)
        let book = try OpenPyXL.read(summary.output)
        XCTAssertNotNil(book.sheet("Tổng hợp _quý_"))
        let texts = try notes(book).map(\.1)
        XCTAssertTrue(texts.contains { $0.contains("Tên trang “Tổng hợp [quý]”") && $0.contains("“Tổng hợp _quý_”") }, "\(texts)")
    }
}
