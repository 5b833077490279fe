import Foundation
import XCTest
import AlmanacTestSupport

/// The bundled workbooks (`Workbooks/*.toml`) exported by the `almanac` executable and opened by independent readers:
/// LibreOffice (headless, recalculating every formula, one CSV per sheet) for the figures a planner reads, and openpyxl
/// (`scripts/xlsx_readback.py`) for number formats, charts and formulas. Both tools are required: CI installs them.
final class WorkbookExportTests: XCTestCase {
    struct Exported {
        var folder: URL
        var annual: URL
        var monthly: URL
        var monthly2021: URL
        /// Per file: sheet name → CSV rows, as LibreOffice saved them.
        var sheets: [URL: [String: [[String]]]]
        /// Per file: openpyxl's read-back.
        var readBack: [URL: [String: Any]]
    }

    /// Exports once for all tests of this class (LibreOffice is slow to start).
    nonisolated(unsafe) static var cached: Result<Exported, Error>?

    func exported(file: StaticString = #filePath, line: UInt = #line) throws -> Exported {
        if let cached = Self.cached { return try cached.get() }
        let result = Result { try Self.export() }
        Self.cached = result
        if case .failure(let e) = result { XCTFail("export or read-back failed: \(e)", file: file, line: line) }
        return try result.get()
    }

    static func export() throws -> Exported {
        let folder = TestSupport.temporaryDirectory("workbooks")
        // `export --all -o DIR` builds every workbook with its defaults, as a planner would with no arguments.
        let all = try CLIRunner.run(["export", "--all", "-o", folder.path])
        guard all.status == 0 else { throw ChildProcessFailure("almanac export --all: \(all.stdout)\(all.stderr)") }
        let monthly2021 = folder.appendingPathComponent("bao-cao-thang-2021-12.xlsx")
        let one = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "--param", "period=2021-12", "-o", monthly2021.path])
        guard one.status == 0 else { throw ChildProcessFailure("almanac export monthly-report 2021-12: \(one.stdout)\(one.stderr)") }
        let annual = folder.appendingPathComponent("tong-quan-nam.xlsx")
        let monthly = folder.appendingPathComponent("bao-cao-thang-2024-12.xlsx")
        for url in [annual, monthly] where !FileManager.default.fileExists(atPath: url.path) {
            throw ChildProcessFailure("export --all did not write \(url.lastPathComponent): \(all.stdout)")
        }
        let files = [annual, monthly, monthly2021]
        let sheets = try LibreOfficeCSV.convert(files, in: folder)
        var readBack: [URL: [String: Any]] = [:]
        for f in files { readBack[f] = try ReadBackScript.read(f) }
        return Exported(folder: folder, annual: annual, monthly: monthly, monthly2021: monthly2021, sheets: sheets, readBack: readBack)
    }

    // MARK: Helpers over the CSV

    /// The data rows of a sheet by header (the header is row 3: a title in row 1, row 2 empty).
    func table(_ e: Exported, _ file: URL, _ sheet: String, file testFile: StaticString = #filePath, line: UInt = #line) throws -> [[String: String]] {
        let rows = try XCTUnwrap(e.sheets[file]?[sheet], "\(file.lastPathComponent): no sheet '\(sheet)'; sheets: \(e.sheets[file]?.keys.sorted() ?? [])",
                                 file: testFile, line: line)
        guard rows.count >= 3 else { XCTFail("\(sheet): no header", file: testFile, line: line); return [] }
        let header = rows[2]
        return rows.dropFirst(3).filter { $0.contains { !$0.isEmpty } }.map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    /// A cell as a number: `"3.03203661327229%"` → 0.0303…, `"180.1"` → 180.1.
    func number(_ text: String?, file: StaticString = #filePath, line: UInt = #line) -> Double? {
        guard var t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else {
            XCTFail("empty cell", file: file, line: line)
            return nil
        }
        var scale = 1.0
        if t.hasSuffix("%") { t.removeLast(); scale = 0.01 }
        guard let v = Double(t.replacingOccurrences(of: ",", with: "")) else {
            XCTFail("not a number: \(t)", file: file, line: line)
            return nil
        }
        return v * scale
    }

    func percent1(_ text: String?, file: StaticString = #filePath, line: UInt = #line) -> String? {
        number(text, file: file, line: line).map { String(format: "%.1f", $0 * 100) }
    }

    // MARK: Annual overview

    func testAnnualOverviewShowsTheReportsFigures() throws {
        let e = try exported()
        let f = e.annual
        let names = Set(e.sheets[f]?.keys ?? [:].keys)
        for sheet in ["Kim ngạch 2020-2021", "Thỏa thuận quốc tế", "Giải ngân NGO", "Giải ngân 2020 suy ra", "Quy đổi USD-VND",
                      "Tăng trưởng khách", "Mục tiêu 2030", "Hoạt động đối ngoại", "Du lịch các năm", "Du lịch cả giai đoạn",
                      "Kim ngạch cả giai đoạn", "Viện trợ (tỷ đồng)", "Viện trợ (USD)", "Đầu tư, ngân sách", "Đầu tư (USD)", "Địa lý",
                      "Kim ngạch theo năm", "Khách theo năm", "So sánh giai đoạn", "Ghi chú"] {
            XCTAssertTrue(names.contains(sheet), "annual overview lacks sheet '\(sheet)'; has \(names.sorted())")
        }

        let trade = try table(e, f, "Kim ngạch 2020-2021")
        let y2021 = try XCTUnwrap(trade.first { $0["Năm"] == "2021" })
        XCTAssertEqual(percent1(y2021["Tăng/giảm so với năm trước (%)"]), "3.0", "report C: +3% (a live formula, recalculated by LibreOffice)")
        XCTAssertEqual(y2021["Tình trạng số liệu"], "estimate")

        let agreements = try table(e, f, "Thỏa thuận quốc tế")
        let china = try XCTUnwrap(agreements.first { $0["Nhóm đối tác"] == "Trung Quốc" })
        XCTAssertEqual(percent1(china["Tỷ trọng tính lại (%)"]), "71.5")
        XCTAssertEqual(percent1(china["Tỷ lệ theo báo cáo (%)"]), "71.5", "the stated 71.5 (unit %) shown as 71.5%")

        let aid = try table(e, f, "Giải ngân NGO")
        XCTAssertEqual(percent1(aid.first?["Tỷ lệ giải ngân (%)"]), "85.2")

        let cagr = try table(e, f, "Tăng trưởng khách")
        XCTAssertEqual(percent1(cagr.first?["Tăng bình quân mỗi năm (%)"]), "19.6")

        let target = try table(e, f, "Mục tiêu 2030")
        XCTAssertEqual(percent1(target.first?["Tăng cần thiết mỗi năm (%)"]), "10.8")
        XCTAssertEqual(percent1(target.first?["Đã đạt (% mục tiêu)"]), "44.0")

        let derived = try table(e, f, "Giải ngân 2020 suy ra")
        let y2020 = try XCTUnwrap(derived.first { $0["Năm"] == "2020" })
        XCTAssertEqual(number(y2020["Giải ngân (triệu USD)"]).map { String(format: "%.2f", $0) }, "2.39")
        XCTAssertEqual(y2020["Tình trạng số liệu"], "derived")

        // Years pivoted into columns; the calibrated years are the reports' figures.
        let years = try XCTUnwrap(e.sheets[f]?["Khách theo năm"])
        XCTAssertEqual(years[2], ["Tỉnh"] + (2015...2024).map(String.init))
        let hg = try XCTUnwrap(try table(e, f, "Khách theo năm").first { $0["Tỉnh"] == "Hà Giang" })
        XCTAssertEqual(number(hg["2017"]), 900_000, "report D")
        XCTAssertEqual(number(hg["2022"]), 2_200_000, "report A")

        // Every other stated figure, Cao Bằng's among them, with Vietnamese names for the indicators.
        let stated = try XCTUnwrap(try table(e, f, "Du lịch các năm").first)
        XCTAssertEqual(number(stated["Lượt khách 2017"]), 900_000)
        XCTAssertEqual(number(stated["Khách quốc tế 2022"]), 71_308)
        let range = try XCTUnwrap(try table(e, f, "Du lịch cả giai đoạn").first)
        XCTAssertEqual(number(range["Lượt khách"]), 9_800_000)
        XCTAssertEqual(percent1(range["Tỷ trọng khách quốc tế (%)"]), "11.2", "a live formula, recalculated by LibreOffice")
        let totals = try table(e, f, "Kim ngạch cả giai đoạn")
        XCTAssertEqual(totals.first { $0["Tỉnh"] == "Cao Bằng" }.flatMap { number($0["Kim ngạch (triệu USD)"]) }, 9_900, "report B: 9.9 billion USD")
        XCTAssertEqual(totals.first { $0["Tỉnh"] == "Hà Giang" }.flatMap { number($0["Bình quân mỗi năm (triệu USD)"]) }, 879.125)
        let aidVND = try table(e, f, "Viện trợ (tỷ đồng)")
        XCTAssertEqual(aidVND.first { $0["Tỉnh"] == "Cao Bằng" }.flatMap { number($0["Giá trị (tỷ đồng)"]) }, 2_136)
        XCTAssertEqual(aidVND.first { $0["Nội dung"] == "Giá trị tiếp nhận" }.flatMap { number($0["Giá trị (tỷ đồng)"]) }, 40.912)
        let aidUSD = try table(e, f, "Viện trợ (USD)")
        XCTAssertEqual(aidUSD.first { $0["Tỉnh"] == "Cao Bằng" }.flatMap { number($0["Giá trị (USD)"]) }, 14_500_000)
        let finance = try table(e, f, "Đầu tư, ngân sách")
        let revenue = try XCTUnwrap(finance.first { $0["Chỉ tiêu"] == "Thu ngân sách từ hoạt động xuất nhập khẩu" })
        XCTAssertEqual(number(revenue["Tổng thu ngân sách suy ra (tỷ đồng)"]).map { String(format: "%.1f", $0) }, "6423.1")
        let fdi = try table(e, f, "Đầu tư (USD)")
        XCTAssertEqual(fdi.first { $0["Tỉnh"] == "Cao Bằng" }.flatMap { number($0["Giá trị (triệu USD)"]) }, 21.675)
        XCTAssertEqual(try table(e, f, "Địa lý").first.flatMap { number($0["Chiều dài (km)"]) }, 333)
        let activities = try table(e, f, "Hoạt động đối ngoại")
        XCTAssertTrue(activities.allSatisfy { !($0["Chỉ tiêu"] ?? "").isEmpty && $0["Chỉ tiêu"] != $0["Mã chỉ tiêu"] })
        XCTAssertTrue(activities.contains { $0["Tỉnh"] == "Cao Bằng" && $0["Chỉ tiêu"] == "Dự án FDI" && number($0["Số lượng"]) == 12 })

        let byYear = try table(e, f, "Kim ngạch theo năm")
        let t2021 = try XCTUnwrap(byYear.first { $0["Năm"] == "2021" })
        XCTAssertEqual(number(t2021["Hà Giang (triệu USD)"]).map { String(format: "%.1f", $0) }, "180.1")
        XCTAssertEqual(percent1(t2021["Hà Giang: tăng/giảm (%)"]), "3.0")
    }

    // MARK: Monthly report

    static let monthlySheets = ["Kim ngạch tháng", "Lũy kế năm", "Đối tác", "Mặt hàng", "Kim ngạch 24 tháng", "Du lịch",
                                "Khách 24 tháng", "Viện trợ theo quý", "Tiến độ kế hoạch", "Ghi chú"]

    func testMonthlyReportHasItsVietnameseSheetsAndReproducesReportC() throws {
        let e = try exported()
        for f in [e.monthly, e.monthly2021] {
            XCTAssertEqual(Set(e.sheets[f]?.keys ?? [:].keys), Set(Self.monthlySheets), f.lastPathComponent)
        }
        // Titles name the month: `title = "… tháng {period}"` in the workbook file.
        for (f, month) in [(e.monthly, "2024-12"), (e.monthly2021, "2021-12")] {
            let properties = try XCTUnwrap(e.readBack[f]?["properties"] as? [String: Any])
            XCTAssertEqual((properties["title"] as? String)?.precomposedStringWithCanonicalMapping, "Báo cáo kinh tế đối ngoại tháng \(month)")
            XCTAssertEqual(e.sheets[f]?["Kim ngạch tháng"]?.first?.first,
                           "Kim ngạch xuất nhập khẩu tháng \(month) so với cùng kỳ năm trước (triệu USD)")
            XCTAssertEqual(e.sheets[f]?["Lũy kế năm"]?.first?.first,
                           "Kim ngạch xuất nhập khẩu lũy kế từ đầu năm đến hết tháng \(month) (triệu USD)")
            let notes = try XCTUnwrap(e.sheets[f]?["Ghi chú"]).flatMap { $0 }
            XCTAssertTrue(notes.contains("Báo cáo kinh tế đối ngoại tháng \(month)"), f.lastPathComponent)
        }

        // The default month is the latest in the demo data.
        let month = try table(e, e.monthly, "Kim ngạch tháng")
        XCTAssertEqual(month.count, 4, "two provinces × export, import")
        XCTAssertEqual(Set(month.compactMap { $0["Chiều hàng hóa"] }), ["Xuất khẩu", "Nhập khẩu"])
        for row in month {
            XCTAssertNotNil(number(row["Cùng kỳ năm trước (triệu USD)"]))
            XCTAssertNotNil(number(row["Tăng/giảm (%)"]))
        }

        // At 2021-12 the year to date of Hà Giang is report C's 180.1 million USD, +3.0% on 2020's 174.8.
        let ytd = try table(e, e.monthly2021, "Lũy kế năm")
        let hg = try XCTUnwrap(ytd.first { $0["Tỉnh"] == "Hà Giang" })
        XCTAssertEqual(number(hg["Lũy kế từ đầu năm (triệu USD)"]).map { String(format: "%.1f", $0) }, "180.1")
        XCTAssertEqual(number(hg["Cùng kỳ năm trước (triệu USD)"]).map { String(format: "%.1f", $0) }, "174.8")
        XCTAssertEqual(percent1(hg["Tăng/giảm (%)"]), "3.0")
        // That growth is a live formula (=E5/F5-1): LibreOffice's recalculated figure is the engine's 180.1 / 174.8 − 1.
        let ytdCells = try XCTUnwrap(try sheet(e, e.monthly2021, "Lũy kế năm")["cells"] as? [String: [String: Any]])
        XCTAssertEqual((ytdCells["A5"]?["value"] as? String)?.precomposedStringWithCanonicalMapping, "Hà Giang")
        XCTAssertEqual(ytdCells["G5"]?["formula"] as? String, "=E5/F5-1")
        let cached = try XCTUnwrap(ytdCells["G5"]?["value"] as? Double, "the engine's value, cached")
        let recalculated = try XCTUnwrap(number(hg["Tăng/giảm (%)"]))
        XCTAssertEqual(recalculated, cached, accuracy: 1e-12)
        XCTAssertEqual(recalculated, 180.1 / 174.8 - 1, accuracy: 1e-12)

        let aid = try table(e, e.monthly2021, "Viện trợ theo quý")
        let q4 = try XCTUnwrap(aid.first { $0["Quý"] == "2021-Q4" })
        XCTAssertEqual(number(q4["Lũy kế từ đầu năm (USD)"]), 4_537_635)
        XCTAssertEqual(percent1(q4["Lũy kế: tăng/giảm (%)"]), "90.0", "1.9 times 2020 (a live formula over the 2020-Q4 row)")

        let chart = try table(e, e.monthly, "Kim ngạch 24 tháng")
        XCTAssertEqual(chart.count, 24)

        let plan = try table(e, e.monthly, "Tiến độ kế hoạch")
        XCTAssertEqual(plan.count, 2)
        for row in plan { XCTAssertNotNil(number(row["Kim ngạch: đạt % kế hoạch"])) }
    }

    func testNotesSheetCarriesQueriesAndMarksSyntheticData() throws {
        let e = try exported()
        for f in [e.monthly, e.annual] {
            let notes = try XCTUnwrap(e.sheets[f]?["Ghi chú"], f.lastPathComponent).flatMap { $0 }
            XCTAssertEqual(notes.first, "Ghi chú")
            XCTAssertTrue(notes.contains { $0.contains("Dữ liệu mô phỏng") }, "\(f.lastPathComponent): synthetic data not marked")
            XCTAssertTrue(notes.contains { $0.contains("from trade_monthly") }, "\(f.lastPathComponent): query text missing")
        }
        let monthly = try XCTUnwrap(e.sheets[e.monthly]?["Ghi chú"]).flatMap { $0 }
        XCTAssertTrue(monthly.contains("period = 2024-12"), "the parameter values are recorded")
        XCTAssertTrue(monthly.contains("Queries/kim-ngach-luy-ke.aq"))
        let annual = try XCTUnwrap(e.sheets[e.annual]?["Ghi chú"]).flatMap { $0 }
        XCTAssertTrue(annual.contains { $0.contains("report A") }, "seed sheets cite their report")
    }

    // MARK: openpyxl: formats, charts, formulas

    func sheet(_ e: Exported, _ f: URL, _ name: String) throws -> [String: Any] {
        let sheets = try XCTUnwrap(e.readBack[f]?["sheets"] as? [[String: Any]])
        return try XCTUnwrap(sheets.first { ($0["name"] as? String)?.precomposedStringWithCanonicalMapping == name }, "no sheet \(name)")
    }

    /// Cells of one header's column below the header row (row 3).
    func column(_ sheet: [String: Any], header: String) throws -> [[String: Any]] {
        let cells = try XCTUnwrap(sheet["cells"] as? [String: [String: Any]])
        let headerRef = try XCTUnwrap(cells.first { $0.key.hasSuffix("3") && !$0.key.dropLast().contains { $0.isNumber }
            && ($0.value["value"] as? String)?.precomposedStringWithCanonicalMapping == header }?.key, "no header '\(header)'")
        let letters = String(headerRef.dropLast())
        return cells.filter { ref, _ in
            ref.hasPrefix(letters) && ref.dropFirst(letters.count).allSatisfy(\.isNumber) && (Int(ref.dropFirst(letters.count)) ?? 0) > 3
        }.map(\.value)
    }

    func testNumberFormatsChartsAndFormulas() throws {
        let e = try exported()
        // Growth and shares in 0.0%.
        let checks: [(URL, String, String)] = [
            (e.monthly, "Kim ngạch tháng", "Tăng/giảm (%)"),
            (e.monthly, "Lũy kế năm", "Tăng/giảm (%)"),
            (e.monthly, "Đối tác", "Tỷ trọng (%)"),
            (e.monthly, "Kim ngạch 24 tháng", "Tăng/giảm so với cùng kỳ (%)"),
            (e.monthly, "Tiến độ kế hoạch", "Kim ngạch: đạt % kế hoạch"),
            (e.annual, "Kim ngạch 2020-2021", "Tăng/giảm so với năm trước (%)"),
            (e.annual, "Thỏa thuận quốc tế", "Tỷ trọng tính lại (%)"),
            (e.annual, "Giải ngân NGO", "Tỷ lệ giải ngân (%)"),
            (e.annual, "Tăng trưởng khách", "Tăng bình quân mỗi năm (%)"),
            (e.annual, "Mục tiêu 2030", "Tăng cần thiết mỗi năm (%)"),
        ]
        for (f, name, header) in checks {
            let cells = try column(try sheet(e, f, name), header: header)
            XCTAssertFalse(cells.isEmpty, "\(name) / \(header): no cells")
            for c in cells { XCTAssertEqual(c["number_format"] as? String, "0.0%", "\(name) / \(header)") }
        }

        // Charts where the workbook files ask for them.
        let charts: [(URL, String, String)] = [
            (e.monthly, "Kim ngạch 24 tháng", "lineChart"), (e.monthly, "Khách 24 tháng", "lineChart"),
            (e.monthly, "Du lịch", "barChart"), (e.monthly, "Viện trợ theo quý", "barChart"),
            (e.monthly, "Mặt hàng", "barChart"), (e.monthly, "Tiến độ kế hoạch", "barChart"),
            (e.annual, "Kim ngạch theo năm", "barChart"), (e.annual, "Khách theo năm", "barChart"),
            (e.annual, "Thỏa thuận quốc tế", "barChart"),
        ]
        for (f, name, type) in charts {
            let list = try XCTUnwrap(try sheet(e, f, name)["charts"] as? [[String: Any]])
            XCTAssertEqual(list.count, 1, "\(name): one chart")
            XCTAssertEqual(list.first?["type"] as? String, type, name)
        }
        let line = try XCTUnwrap((try sheet(e, e.monthly, "Kim ngạch 24 tháng")["charts"] as? [[String: Any]])?.first)
        XCTAssertEqual((line["series"] as? [Any])?.count, 3, "export, import, total")

        // Live formulas: growth over the row a year earlier, progress over the plan.
        func formulas(_ f: URL, _ name: String, _ header: String) throws -> [String] {
            try column(try sheet(e, f, name), header: header).compactMap { $0["formula"] as? String }
        }
        XCTAssertEqual(try formulas(e.monthly, "Kim ngạch 24 tháng", "Tăng/giảm so với cùng kỳ (%)").count, 12,
                       "the last 12 of the 24 months have their base month in the sheet")
        XCTAssertEqual(try formulas(e.monthly, "Tiến độ kế hoạch", "Kim ngạch: đạt % kế hoạch").count, 2)
        XCTAssertEqual(try formulas(e.annual, "Kim ngạch 2020-2021", "Tăng/giảm so với năm trước (%)"), ["=D5/D4-1"])
        XCTAssertEqual(try formulas(e.monthly2021, "Viện trợ theo quý", "Lũy kế: tăng/giảm (%)").count, 4, "2021's quarters over 2020's")
        // Same-row arithmetic: each growth on the month, year-to-date, partner and product sheets is this row's value
        // over last year's column of the same row, minus 1.
        let sameRow: [(String, String, String, String, rows: Int, rows2021: Int)] = [
            ("Kim ngạch tháng", "Tăng/giảm (%)", "D", "E", 4, 4), ("Lũy kế năm", "Tăng/giảm (%)", "E", "F", 2, 2),
            ("Đối tác", "Tăng/giảm (%)", "C", "E", 5, 4), ("Mặt hàng", "Tăng/giảm (%)", "F", "H", 10, 10),
        ]
        for (name, header, value, lastYear, rows, rows2021) in sameRow {
            for (f, n) in [(e.monthly, rows), (e.monthly2021, rows2021)] {
                let expected = Set((4..<(4 + n)).map { "=\(value)\($0)/\(lastYear)\($0)-1" })
                XCTAssertEqual(Set(try formulas(f, name, header)), expected, "\(f.lastPathComponent) \(name): every row's growth is a formula")
            }
        }

        // Negative growth in red.
        let conditional = try XCTUnwrap(try sheet(e, e.monthly, "Kim ngạch tháng")["conditional_formats"] as? [[String: Any]])
        XCTAssertTrue(conditional.contains { ($0["operator"] as? String) == "lessThan" && ($0["font_color"] as? String)?.hasSuffix("FF0000") == true })
    }

    // MARK: Atomicity

    /// A workbook whose second sheet's query names an unknown column: the export fails, says where (file, sheet,
    /// query file and line), and the file already at the output path stays byte for byte what it was.
    func testAFailedExportLeavesTheExistingFileUntouched() throws {
        let project = TestSupport.temporaryDirectory("atomic")
        let workbooks = project.appendingPathComponent("Workbooks", isDirectory: true)
        let queries = project.appendingPathComponent("Queries", isDirectory: true)
        try FileManager.default.createDirectory(at: workbooks, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: queries, withIntermediateDirectories: true)
        try Data("""
        # Kim ngạch Hà Giang (lỗi cố ý: tên cột sai).
        # Dataset: trade_monthly.
        from trade_monthly
        where provnce = "Hà Giang"

        """.utf8).write(to: queries.appendingPathComponent("broken.aq"))
        try Data("""
        title = "Hỏng"
        output = "out/hong.xlsx"
        [[sheets]]
        name = "Tốt"
        query = "from trade_annual"
        [[sheets]]
        name = "Lỗi"
        query = "Queries/broken.aq"

        """.utf8).write(to: workbooks.appendingPathComponent("hong.toml"))
        let data = TestSupport.packageRoot.appendingPathComponent("Data").path

        // An earlier, good export at the output path.
        let target = project.appendingPathComponent("out/hong.xlsx")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let good = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "-o", target.path, "--quiet"])
        XCTAssertEqual(good.status, 0, good.stderr)
        let before = try Data(contentsOf: target)

        let r = try CLIRunner.run(["export", "Workbooks/hong.toml", "--data-dir", data], in: project)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("Workbooks/hong.toml"), r.stderr)
        XCTAssertTrue(r.stderr.contains("sheet 2 \"Lỗi\""), r.stderr)
        XCTAssertTrue(r.stderr.contains("Queries/broken.aq:4:7"), "the query file and line: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("unknown column 'provnce'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean 'province'?"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: target), before, "the earlier export changed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path), ["hong.xlsx"],
                       "no temporary file left beside it")

        // The same with -o, and with an inline query (its line counts from the query text).
        let other = project.appendingPathComponent("khac.xlsx")
        try before.write(to: other)
        try Data("""
        [[sheets]]
        name = "Lỗi"
        query = \"\"\"
        from trade_monthly
        derive x = valu_usd * 2
        \"\"\"

        """.utf8).write(to: workbooks.appendingPathComponent("inline.toml"))
        let inline = try CLIRunner.run(["export", "Workbooks/inline.toml", "-o", other.path, "--data-dir", data], in: project)
        XCTAssertNotEqual(inline.status, 0)
        XCTAssertTrue(inline.stderr.contains("Workbooks/inline.toml"), inline.stderr)
        XCTAssertTrue(inline.stderr.contains("sheet 1 \"Lỗi\""), inline.stderr)
        XCTAssertTrue(inline.stderr.contains(":2:12"), "line 2 of the query: \(inline.stderr)")
        XCTAssertEqual(try Data(contentsOf: other), before)
    }
}

// MARK: - Tools

/// `scripts/xlsx_readback.py` (openpyxl): properties, sheets, cells with number formats and formulas, charts.
enum ReadBackScript {
    static func read(_ url: URL) throws -> [String: Any] {
        do {
            try ChildProcess.output("/usr/bin/env", ["python3", "-c", "import openpyxl"])
        } catch {
            throw ChildProcessFailure("python3 with openpyxl is required to read the exported workbooks back (CI installs scripts/requirements.txt): \(error)")
        }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/xlsx_readback.py").path
        let data = try ChildProcess.output("/usr/bin/env", ["python3", script, url.path])
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChildProcessFailure("xlsx_readback.py: unexpected output for \(url.lastPathComponent)")
        }
        return json
    }
}
