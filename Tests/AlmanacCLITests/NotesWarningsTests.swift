import Foundation
import XCTest
import Almanac
import AlmanacTestSupport

/// Issue 11 item 9: the Notes sheet tells the truth — "Không có" only when the sheet's query warned of nothing. The
/// monthly report for the first year of data (`--param period=2015-06`; the demo data start in 2015-01) has no base
/// year: its growth columns are blank, and the Notes sheet says why, in Vietnamese. A sheet over a workbook whose
/// formulas have no saved values lists that too. Notes sheets are read back by python-calamine, an independent reader.
final class NotesWarningsTests: XCTestCase {
    /// The Notes sheet's rows (heading, text) grouped by data sheet: the rows from a `Trang tính` row to the next.
    func notesBySheet(_ file: URL) throws -> [String: [(heading: String?, text: String)]] {
        let rows = try WorkbookFixtures.calamine(file, sheet: "Ghi chú")
        var out: [String: [(heading: String?, text: String)]] = [:]
        var current: String?
        for r in rows {
            let heading = (r.first ?? nil) as? String
            guard r.count > 1, let text = r[1] as? String else { continue }
            if heading == "Trang tính" { current = text.precomposedStringWithCanonicalMapping; continue }
            if let current { out[current, default: []].append((heading?.precomposedStringWithCanonicalMapping, text.precomposedStringWithCanonicalMapping)) }
        }
        return out
    }

    /// The warning lines of one sheet's notes: the `Cảnh báo` row and the unlabelled rows under it.
    func warnings(_ notes: [(heading: String?, text: String)]) -> [String] {
        guard let start = notes.firstIndex(where: { $0.heading == "Cảnh báo" }) else { return [] }
        var lines = [notes[start].text]
        for n in notes[(start + 1)...] {
            guard n.heading == nil else { break }
            lines.append(n.text)
        }
        return lines
    }

    func testAFirstYearReportSaysNoBaseYearExistsInItsNotes() throws {
        let folder = TestSupport.temporaryDirectory("first-year")
        let file = folder.appendingPathComponent("bao-cao-thang-2015-06.xlsx")
        let r = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "--param", "period=2015-06", "-o", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Kim ngạch tháng: 4 rows, 6 columns, 1 warning (see Ghi chú)"), r.stdout)

        // The engine's own fact for that sheet's query, keyed on its id: lag(value, 12) over the 4 rows of 2015-06
        // (2 provinces × export, import) finds no 2014-06 in the data.
        let catalog = try Catalog.load(dataDirectory: TestSupport.packageRoot.appendingPathComponent("Data").path)
        let query = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Queries/kim-ngach-thang.aq"), encoding: .utf8)
        let result = try QueryEngine(catalog: catalog).run(query, name: "Queries/kim-ngach-thang.aq", parameters: ["period": "2015-06"])
        let fact = try XCTUnwrap(result.warnings.first { $0.id == "query.base-before-data" }, "\(result.warnings.map(\.id))")
        let vietnamese = try XCTUnwrap(fact.vietnamese?.message)
        XCTAssertTrue(vietnamese.contains("2014-06") && vietnamese.contains("4 dòng"), vietnamese)
        XCTAssertEqual(result.warnings.filter { $0.severity == .warning }.count, 1, "the base year is the only thing to say")

        let notes = try notesBySheet(file)
        XCTAssertEqual(warnings(try XCTUnwrap(notes["Kim ngạch tháng"], "\(notes.keys.sorted())")), [vietnamese.precomposedStringWithCanonicalMapping])
        // Every sheet with a growth on last year says so; none of them says "Không có".
        for sheet in ["Kim ngạch tháng", "Lũy kế năm", "Đối tác", "Mặt hàng", "Kim ngạch 24 tháng", "Du lịch", "Khách 24 tháng", "Viện trợ theo quý"] {
            let w = warnings(try XCTUnwrap(notes[sheet], sheet))
            XCTAssertFalse(w.isEmpty || w.contains("Không có"), "\(sheet): \(w)")
            XCTAssertTrue(w.allSatisfy { $0.contains("cùng kỳ năm trước") && $0.contains("kỳ gốc") }, "\(sheet): \(w)")
        }
        // The plan sheet compares with the year's targets, which exist for 2015: nothing to say, and it says so.
        XCTAssertEqual(warnings(try XCTUnwrap(notes["Tiến độ kế hoạch"])), ["Không có"])
    }

    /// typed.xlsx (WorkbookFixtures, made by openpyxl): sheet 'Dữ liệu' has formula cells with no saved value (24,
    /// column `total`) and one `#N/A` in `value`. A query over it says each once (the load's warning is not said again
    /// by the rejected-rows log), and a workbook sheet over it lists both in its Notes, not "Không có".
    func testLoadWarningsReachTheQueryAndTheNotesSheet() throws {
        let book = try WorkbookFixtures.folder().appendingPathComponent("typed.xlsx").path
        let q = try CLIRunner.run(["query", "from \"\(book)\" | select period, value", "--format", "csv"])
        XCTAssertEqual(q.status, 0, q.stderr)
        XCTAssertEqual(q.stderr.components(separatedBy: "have formulas but no saved values").count - 1, 1, q.stderr)
        XCTAssertEqual(q.stderr.components(separatedBy: "spreadsheet error cell").count - 1, 1, q.stderr)

        let project = TestSupport.temporaryDirectory("notes-load")
        let spec = project.appendingPathComponent("book.toml")
        try Data("""
        title = "Đọc bảng tính"
        output = "out/doc.xlsx"
        [[sheets]]
        name = "Dữ liệu"
        query = 'from "\(book)" | select period, province, value'

        """.utf8).write(to: spec)
        let out = project.appendingPathComponent("doc.xlsx")
        let r = try CLIRunner.run(["export", spec.path, "-o", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let w = warnings(try XCTUnwrap(try notesBySheet(out)["Dữ liệu"]))
        XCTAssertFalse(w.contains("Không có"), "\(w)")
        XCTAssertTrue(w.contains { $0.contains("cảnh báo của bước nạp dữ liệu") }, "\(w)")
        XCTAssertTrue(w.contains { $0.contains("have formulas but no saved values") }, "the load's own words below it: \(w)")
        XCTAssertTrue(w.contains { $0.contains("1 ô lỗi của bảng tính") }, "\(w)")
    }
}

extension NotesWarningsTests {
    /// Issue 11 items 1–2 on the bundled data: in 2024-10 Cao Bằng's exports sum 8 (gate, partner, product) series
    /// against 9 a year earlier. The monthly report's first sheet says so on its Notes sheet in Vietnamese, the cell of
    /// last year's figure is filled and carries the note, and the like-for-like reading agrees with the series present
    /// in both months, summed by hand from the engine's own rows of that province and flow.
    func testTheMonthlyReportSaysWhichGrowthsAreNotLikeForLike() throws {
        let folder = TestSupport.temporaryDirectory("coverage-report")
        let file = folder.appendingPathComponent("bao-cao-thang-2024-10.xlsx")
        let r = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "--param", "period=2024-10", "-o", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let notes = try notesBySheet(file)
        let lines = warnings(try XCTUnwrap(notes["Kim ngạch tháng"]))
        XCTAssertTrue(lines.contains { $0.contains("lag(value, 12): 1 dòng cộng các chuỗi số liệu khác với kỳ gốc") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("2024-10 (Cao Bằng, export) gồm 8 chuỗi, 2023-10 gồm 9") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("ô tô nền cam") }, "the Notes sheet explains the colour: \(lines)")
        XCTAssertFalse(lines.contains("Không có"))
        // The cell itself: the first sheet's notes (a comments part) name the series that differ; its fill is a rule.
        let comments = try ZipParts.text("xl/comments1.xml", in: file).precomposedStringWithCanonicalMapping
        XCTAssertTrue(comments.contains("Không cùng cơ cấu với kỳ gốc: 2024-10 (Cao Bằng, export) gồm 8 chuỗi, 2023-10 gồm 9"), comments)
        let sheet = try ZipParts.text("xl/worksheets/sheet1.xml", in: file)
        XCTAssertTrue(sheet.contains("<conditionalFormatting") && sheet.contains("<formula>TRUE</formula>"), "the marked cell's fill")

        // Like for like, by hand: the 2024-10 and 2023-10 export rows of Cao Bằng, summed over the series in both.
        let catalog = try Catalog.load(dataDirectory: TestSupport.packageRoot.appendingPathComponent("Data").path)
        let engine = QueryEngine(catalog: catalog)
        let rows = try engine.run("""
            from trade_monthly
            where province = "Cao Bằng" and flow = "export" and (period = 2024-10 or period = 2023-10)
            """)
        var sums: [String: [String: Double]] = [:]
        for i in 0..<rows.table.rowCount {
            func text(_ c: String) -> String { rows.table.columns[rows.table.index(of: c)!].value(at: i).description }
            let v: Double
            switch rows.table.columns[rows.table.index(of: "value_usd")!].value(at: i) {
            case .float(let d): v = d
            case .int(let n): v = Double(n)
            default: continue
            }
            let key = ["border_gate", "partner", "product", "hs_code"].map(text).joined(separator: "|")
            sums[text("period"), default: [:]][key, default: 0] += v
        }
        let now = try XCTUnwrap(sums["2024-10"]), then = try XCTUnwrap(sums["2023-10"])
        XCTAssertEqual(now.count, 8)
        XCTAssertEqual(then.count, 9)
        let common = Set(now.keys).intersection(then.keys)
        var current = 0.0, base = 0.0
        for key in common {
            current += now[key] ?? 0
            base += then[key] ?? 0
        }
        let expected = current / base - 1
        let matched = try engine.run("""
            from trade_monthly
            where (period = 2024-10 or period = 2023-10) and province = "Cao Bằng" and flow = "export"
            aggregate value = sum(value_usd) by province, flow, period
            derive growth = yoy(value, matched)
            where period = 2024-10
            """)
        guard case .float(let g) = matched.table.columns[matched.table.index(of: "growth")!].value(at: 0) else { return XCTFail("no growth") }
        XCTAssertEqual(g, expected, accuracy: 1e-12)
    }
}
