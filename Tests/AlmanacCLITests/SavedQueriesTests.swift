import Foundation
import XCTest
import AlmanacTestSupport

/// The saved queries under `Queries/`, run through the `almanac` executable as a planner would: every one checks
/// against the bundled catalog with its own `# param` defaults, and the seed questions answer what the provincial
/// reports state (to the precision the reports state it).
final class SavedQueriesTests: XCTestCase {
    static var queriesDirectory: URL { TestSupport.packageRoot.appendingPathComponent("Queries", isDirectory: true) }

    static func queryFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: queriesDirectory.path).filter { $0.hasSuffix(".aq") }.sorted()
    }

    // MARK: check

    func testEverySavedQueryChecksWithItsDefaults() throws {
        let files = try Self.queryFiles()
        XCTAssertGreaterThanOrEqual(files.count, 14, "saved queries missing from \(Self.queriesDirectory.path)")
        let r = try CLIRunner.run(["check", "Queries/"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("\(files.count) passed, 0 failed"), r.stdout + r.stderr)
        for f in files { XCTAssertTrue(r.stdout.contains("ok     Queries/\(f)"), "\(f) not reported ok:\n\(r.stdout)") }
    }

    /// Each file opens with its question (Vietnamese, then English) and names its datasets; a query that reads a
    /// parameter declares its default, so `check`, `query -f` and workbooks all run it without arguments.
    func testEverySavedQueryIsDocumented() throws {
        for f in try Self.queryFiles() {
            let text = try String(contentsOf: Self.queriesDirectory.appendingPathComponent(f), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertTrue(lines.first?.hasPrefix("# ") == true, "\(f): starts with its question as a comment")
            XCTAssertTrue(lines.first.map { $0.unicodeScalars.contains { $0.value > 0x7F } } == true,
                          "\(f): the first line is the question in Vietnamese")
            let header = lines.prefix { $0.hasPrefix("#") }
            XCTAssertGreaterThanOrEqual(header.count, 3, "\(f): question (vi, en) and datasets in the opening comments")
            XCTAssertTrue(header.contains { $0.contains("Dataset") }, "\(f): names its datasets")
            XCTAssertTrue(f.unicodeScalars.allSatisfy { $0.isASCII }, "\(f): ASCII file name")
            if text.contains("$period") {
                XCTAssertTrue(header.contains { $0.hasPrefix("# param period = ") }, "\(f): reads $period without declaring a default")
            }
        }
    }

    // MARK: seed questions

    /// Runs a saved query with `--format csv` and returns its rows as dictionaries by column name.
    func run(_ file: String, _ params: [String] = [], file testFile: StaticString = #filePath, line: UInt = #line) throws -> [[String: String]] {
        var args = ["query", "-f", "Queries/\(file)", "--format", "csv"]
        for p in params { args += ["--param", p] }
        let r = try CLIRunner.run(args)
        XCTAssertEqual(r.status, 0, "\(file): \(r.stderr)", file: testFile, line: line)
        let rows = CSVText.parse(r.stdout)
        guard let header = rows.first else {
            XCTFail("\(file): no output", file: testFile, line: line)
            return []
        }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// A ratio as a percentage rounded to one decimal, as the reports print it: 0.030320… → "3.0".
    func percent(_ text: String?, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard let t = text, let v = Double(t) else {
            XCTFail("not a number: \(text ?? "nil")", file: file, line: line)
            return nil
        }
        return String(format: "%.1f", v * 100)
    }

    func testTurnover2021Over2020IsThreePercent() throws {
        let rows = try run("tang-truong-kim-ngach-2021.aq")
        let y2021 = try XCTUnwrap(rows.first { $0["period"] == "2021" })
        XCTAssertEqual(y2021["turnover"], "180.1")
        XCTAssertEqual(percent(y2021["growth"]), "3.0", "report C: +3% on 2020")
        XCTAssertEqual(y2021["status"], "estimate")
        XCTAssertEqual(rows.first { $0["period"] == "2020" }?["growth"], "", "2020 has no year before it in the data")
    }

    func testShareOfAgreementsWithChinesePartners() throws {
        let rows = try run("ty-le-thoa-thuan-trung-quoc.aq")
        let china = try XCTUnwrap(rows.first { $0["partner_group"] == "Trung Quốc" })
        let other = try XCTUnwrap(rows.first { $0["partner_group"] == "Khác" })
        XCTAssertEqual(percent(china["share"]), "71.5", "report A: 88 of 123")
        XCTAssertEqual(percent(other["share"]), "28.5")
        XCTAssertEqual(china["stated_share"], "71.5", "the stated share travels beside the computed one")
    }

    func testNGODisbursementRate2015To2022() throws {
        let rows = try run("ty-le-giai-ngan-ngo.aq")
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["committed"], "703.8")
        XCTAssertEqual(rows.first?["disbursed"], "599.3")
        XCTAssertEqual(percent(rows.first?["disbursement_rate"]), "85.2", "599.3 / 703.8")
    }

    func testArrivalsCAGR2017To2022() throws {
        let rows = try run("tang-truong-khach-cagr.aq")
        let hg = try XCTUnwrap(rows.first)
        XCTAssertEqual(hg["from_year"], "2017")
        XCTAssertEqual(hg["to_year"], "2022")
        XCTAssertEqual(percent(hg["arrivals_cagr"]), "19.6", "(2.2 M / 0.9 M)^(1/5) − 1")
    }

    func testGrowthNeededForFiveMillionArrivalsIn2030() throws {
        let rows = try run("tang-truong-can-thiet-2030.aq")
        let hg = try XCTUnwrap(rows.first)
        XCTAssertEqual(hg["target"], "5000000", "the target comes from the targets dataset")
        XCTAssertEqual(hg["target_year"], "2030")
        XCTAssertEqual(percent(hg["needed_growth"]), "10.8", "(5 / 2.2)^(1/8) − 1")
        XCTAssertEqual(percent(hg["target_progress"]), "44.0")
    }

    func testImplied2020NGODisbursementIsADerivedFigure() throws {
        let rows = try run("giai-ngan-ngo-2020-suy-ra.aq")
        let y2020 = try XCTUnwrap(rows.first { $0["period"] == "2020" })
        XCTAssertEqual(y2020["value_musd"], "2.39", "4,537,635 / 1.9 ≈ 2.39 million USD")
        XCTAssertEqual(y2020["status"], "derived", "shown with its status: not a figure the report prints")
        let y2021 = try XCTUnwrap(rows.first { $0["period"] == "2021" })
        XCTAssertEqual(y2021["status"], "stated")
        XCTAssertEqual(Double(y2021["times_previous"] ?? "").map { String(format: "%.2f", $0) }, "1.90")
    }

    // MARK: the other stated figures

    func testRangeFiguresStayRangesWithTheirDerivedRatios() throws {
        let tourism = try XCTUnwrap(try run("du-lich-ca-giai-doan.aq").first)
        XCTAssertEqual(tourism["period_from"], "2015")
        XCTAssertEqual(tourism["period_to"], "2022")
        XCTAssertEqual(tourism["arrivals"], "9800000")
        XCTAssertEqual(percent(tourism["international_share"]), "11.2", "1.1 M of 9.8 M arrivals were international")
        let trade = try run("kim-ngach-ca-giai-doan.aq")
        XCTAssertEqual(trade.map { $0["province"] }, ["Cao Bằng", "Hà Giang"], "Vietnamese order")
        XCTAssertEqual(trade.map { $0["turnover"] }, ["9900", "7033"])
        XCTAssertEqual(trade.map { $0["years"] }, ["4", "8"], "2016–2019 and 2015–2022, both ends counted")
        XCTAssertEqual(trade.map { $0["yearly_average"] }, ["2475", "879.125"])
        let budget = try XCTUnwrap(try run("dau-tu-ngan-sach.aq").first { $0["stated_share"] == "13" })
        XCTAssertEqual(budget["indicator_vi"], "Thu ngân sách từ hoạt động xuất nhập khẩu")
        XCTAssertEqual(Double(budget["implied_budget_revenue"] ?? "").map { String(format: "%.1f", $0) }, "6423.1",
                       "about 835 billion VND is 13% of the provincial budget revenue")
    }

    func testStatedTourismYearsBecomeColumns() throws {
        let row = try XCTUnwrap(try run("du-lich-nam-bao-cao.aq").first)
        XCTAssertEqual(row["arrivals_2017"], "900000")
        XCTAssertEqual(row["arrivals_2022"], "2200000")
        XCTAssertEqual(row["international_2022"], "71308")
        XCTAssertNil(row["international_2021"], "the derived 2021 figure is not a stated year")
    }

    func testEveryIndicatorAndAidStageHasAVietnameseName() throws {
        for (file, column) in [("hoat-dong-doi-ngoai.aq", "indicator_vi"), ("dau-tu-usd.aq", "indicator_vi"), ("dia-ly.aq", "indicator_vi"),
                               ("vien-tro-tong-hop.aq", "stage_vi"), ("vien-tro-usd.aq", "stage_vi")] {
            let rows = try run(file)
            XCTAssertFalse(rows.isEmpty, file)
            for row in rows { XCTAssertFalse((row[column] ?? "").isEmpty, "\(file): no Vietnamese name for \(row)") }
        }
        let aid = try run("vien-tro-usd.aq")
        XCTAssertTrue(aid.contains { $0["province"] == "Cao Bằng" && $0["value_usd"] == "14500000" }, "\(aid)")
        XCTAssertEqual(try run("dia-ly.aq").first?["value_km"], "333")
    }

    // MARK: monthly questions

    /// `query -f` applies the file's `# param` defaults; `--param` overrides them. At 2021-12 the demo data reproduce
    /// report C: Hà Giang's year to date is 180.1 million USD, +3.0% on 2020's 174.8.
    func testMonthlyQueriesRunWithTheirDefaultsAndAtAnyMonth() throws {
        let ytd = try run("kim-ngach-luy-ke.aq")
        XCTAssertEqual(Set(ytd.map { $0["period"] }), ["2024-12"], "the default month")
        let hg = try XCTUnwrap(try run("kim-ngach-luy-ke.aq", ["period=2021-12"]).first { $0["province"] == "Hà Giang" })
        XCTAssertEqual(hg["period"], "2021-12")
        XCTAssertEqual(Double(hg["ytd_total"] ?? "").map { String(format: "%.1f", $0) }, "180.1")
        XCTAssertEqual(Double(hg["ytd_last_year"] ?? "").map { String(format: "%.1f", $0) }, "174.8")
        XCTAssertEqual(percent(hg["ytd_growth"]), "3.0")

        let aid = try run("giai-ngan-quy.aq", ["period=2021-12"])
        let q4 = try XCTUnwrap(aid.first { $0["period"] == "2021-Q4" })
        XCTAssertEqual(q4["ytd_disbursed"], "4537635", "report C: 4,537,635 USD disbursed in 2021")
        XCTAssertEqual(percent(q4["ytd_growth"]), "90.0", "report C: 1.9 times 2020")

        let plan = try run("ke-hoach-nam.aq")
        XCTAssertEqual(plan.count, 2)
        for row in plan {
            for column in ["trade_progress", "arrivals_progress", "revenue_progress"] {
                XCTAssertNotNil(Double(row[column] ?? ""), "\(column) of \(row["province"] ?? "?")")
            }
        }

        let months = try run("kim-ngach-24-thang.aq", ["period=2021-12"])
        XCTAssertEqual(months.count, 24)
        XCTAssertEqual(months.first?["period"], "2020-01")
        XCTAssertEqual(months.last?["period"], "2021-12")
        XCTAssertTrue(months.allSatisfy { Double($0["growth"] ?? "") != nil }, "every month has its same month a year earlier")

        let top = try run("mat-hang-top10.aq")
        XCTAssertEqual(top.map { $0["rank"] }, (1...10).map { String($0) })
    }
}
