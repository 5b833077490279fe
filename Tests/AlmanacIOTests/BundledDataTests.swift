import XCTest
import Foundation
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// The bundled `Data/` folder: the catalog is valid, every dataset loads, the seed figures are the reports' own,
/// every seed row cites its report, and derived figures are marked as such.
final class BundledDataTests: XCTestCase {
    static var dataDirectory: String { TestSupport.packageRoot.appendingPathComponent("Data").path }

    static let seedDatasets = ["activities", "agreements", "aid_usd", "aid_vnd", "exchange_rates", "finance_usd", "finance_vnd",
                               "geography", "targets", "tourism_annual", "tourism_totals", "trade_annual", "trade_totals"]
    static let demoDatasets = ["aid_disbursement", "plan_targets", "tourism_monthly", "trade_monthly"]
    /// Lookups that name codes in Vietnamese for the workbooks: no measures, no figures.
    static let lookupDatasets = ["aid_stage_names", "indicator_names"]
    static let reports = ["Báo Hà Giang, 2023-09-20 (report A)", "Cao Bằng provincial newspaper, 2020-11-29 (report B)",
                          "Hà Giang, foreign affairs in 2021 (report C)", "Hà Giang, international integration in 2017 (report D)"]

    var catalog: Catalog!

    override func setUpWithError() throws {
        catalog = try Catalog.load(dataDirectory: Self.dataDirectory)
    }

    /// A dataset's rows as column name → value.
    func rows(_ name: String) throws -> [[String: Value]] {
        let t = try catalog.load(name).table
        return (0..<t.rowCount).map { r in
            Dictionary(uniqueKeysWithValues: t.columns.map { ($0.name, $0.value(at: r)) })
        }
    }

    /// The one row matching every given value.
    func row(_ name: String, _ match: [String: Value], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Value] {
        let found = try rows(name).filter { r in match.allSatisfy { r[$0.key] == $0.value } }
        XCTAssertEqual(found.count, 1, "\(name) \(match): \(found.count) rows", file: file, line: line)
        return try XCTUnwrap(found.first, file: file, line: line)
    }

    func number(_ v: Value?) -> Double? { v?.number }
    static func year(_ y: Int32) -> Value { .period(.year(y)) }
    /// Rounds a ratio to a percentage with one decimal, as the reports print them.
    func percent(_ x: Double) -> Double { (x * 1000).rounded() / 10 }

    // MARK: The catalog

    func testCatalogIsValidAndEveryDatasetLoads() throws {
        try catalog.validate()
        XCTAssertEqual(Set(catalog.names), Set(Self.seedDatasets + Self.demoDatasets + Self.lookupDatasets))
        for name in catalog.names {
            let spec = try catalog.spec(named: name)
            XCTAssertFalse((spec.title ?? "").isEmpty, "\(name): no title")
            XCTAssertFalse((spec.description ?? "").isEmpty, "\(name): no description")
            XCTAssertFalse((spec.source ?? "").isEmpty, "\(name): no source")
            XCTAssertEqual(spec.measures.isEmpty, Self.lookupDatasets.contains(name), "\(name): measures")
            let result = try catalog.load(name)
            XCTAssertGreaterThan(result.table.rowCount, 0, name)
            XCTAssertTrue(result.report.rejected.isEmpty, name)
            // Every numeric column is a declared measure with a unit and a Vietnamese label.
            for c in result.table.columns where c.dataType.isNumeric {
                XCTAssertEqual(c.meta.role, .measure, "\(name).\(c.name) is numeric but not a declared measure")
                XCTAssertNotNil(c.meta.unit, "\(name).\(c.name) has no unit")
                XCTAssertNotNil(c.meta.label, "\(name).\(c.name) has no label")
            }
            for c in result.table.columns { XCTAssertNotNil(c.meta.label, "\(name).\(c.name) has no label") }
            for d in spec.dimensions { XCTAssertEqual(result.table.column(named: d)?.dataType, .text, "\(name).\(d)") }
        }
    }

    func testEveryCodeHasAVietnameseName() throws {
        func codes(_ dataset: String, _ column: String) throws -> Set<String> {
            let t = try catalog.load(dataset).table
            return Set(TestSupport.values(t, column).compactMap { if case .text(let s) = $0 { return s } else { return nil } })
        }
        let indicators = try codes("indicator_names", "indicator")
        for d in ["activities", "finance_vnd", "finance_usd", "geography", "targets"] {
            let missing = try codes(d, "indicator").subtracting(indicators)
            XCTAssertTrue(missing.isEmpty, "\(d): no Vietnamese name for \(missing.sorted())")
        }
        let stages = try codes("aid_stage_names", "stage")
        for d in ["aid_vnd", "aid_usd"] {
            let missing = try codes(d, "stage").subtracting(stages)
            XCTAssertTrue(missing.isEmpty, "\(d): no Vietnamese name for \(missing.sorted())")
        }
    }

    func testSyntheticDataIsSaidToBeSynthetic() throws {
        for name in Self.demoDatasets {
            let spec = try catalog.spec(named: name)
            XCTAssertTrue(spec.synthetic, name)
            XCTAssertTrue(spec.description!.hasPrefix("SYNTHETIC"), name)
            XCTAssertTrue(spec.path.contains("/demo/"), name)
        }
        for name in Self.seedDatasets {
            let spec = try catalog.spec(named: name)
            XCTAssertFalse(spec.synthetic, name)
            XCTAssertTrue(spec.path.contains("/seed/"), name)
        }
    }

    /// Every seed row names one of the reports; statuses are known; derived rows say how they were derived.
    func testEverySeedRowCitesItsReportAndDerivedRowsAreMarked() throws {
        var derived = 0
        for name in Self.seedDatasets {
            let spec = try catalog.spec(named: name)
            for (i, r) in try rows(name).enumerated() {
                guard case .text(let source) = r["source"] ?? .null, !source.isEmpty else {
                    XCTFail("\(name) row \(i + 1): no source"); continue
                }
                XCTAssertTrue(Self.reports.contains(source), "\(name) row \(i + 1): unknown source '\(source)'")
                XCTAssertTrue(spec.source!.contains(source), "\(name): catalog source does not name '\(source)'")
                guard case .text(let status) = r["status"] ?? .null else { XCTFail("\(name) row \(i + 1): no status"); continue }
                XCTAssertTrue(["stated", "estimate", "derived"].contains(status), "\(name) row \(i + 1): status '\(status)'")
                if status == "derived" {
                    derived += 1
                    guard case .text(let note) = r["note"] ?? .null else { XCTFail("\(name) row \(i + 1): derived without a note"); continue }
                    XCTAssertTrue(note.contains("="), "\(name) row \(i + 1): the note gives no formula: \(note)")
                }
            }
        }
        // 2016 revenue, 2021 international, 2020 NGO commitments and disbursement, two 2020 conference counts,
        // four exchange-rate ratios.
        XCTAssertEqual(derived, 10)
    }

    /// Ranges keep both ends as years and are never spread over years.
    func testRangesAreKeptAsRanges() throws {
        for name in Self.seedDatasets {
            let t = try catalog.load(name).table
            guard let from = t.column(named: "period_from") else { continue }
            XCTAssertEqual(from.dataType, .period(.year), name)
            XCTAssertEqual(t.column(named: "period_to")?.dataType, .period(.year), name)
            XCTAssertNil(t.column(named: "period"), name)
            for r in 0..<t.rowCount {
                guard case .period(let a) = from.value(at: r), case .period(let b) = t.column(named: "period_to")!.value(at: r) else {
                    XCTFail("\(name) row \(r + 1): missing range end"); continue
                }
                XCTAssertLessThanOrEqual(a, b, "\(name) row \(r + 1)")
            }
        }
        let totals = try row("tourism_totals", ["province": .text("Hà Giang")])
        XCTAssertEqual(totals["period_from"], Self.year(2015))
        XCTAssertEqual(totals["period_to"], Self.year(2022))
        XCTAssertEqual(totals["arrivals"], .int(9_800_000))
        XCTAssertEqual(totals["arrivals_qualifier"], .text("over"))
        XCTAssertEqual(totals["international"], .int(1_100_000))
        XCTAssertEqual(totals["international_qualifier"], .text("over"))
        XCTAssertEqual(number(totals["revenue_bn_vnd"]), 14_212)
    }

    // MARK: The reports' figures

    func testTradeFigures() throws {
        let y2020 = try row("trade_annual", ["period": Self.year(2020)])
        let y2021 = try row("trade_annual", ["period": Self.year(2021)])
        XCTAssertEqual(number(y2020["turnover"]), 174.8)
        XCTAssertEqual(y2020["status"], .text("stated"))
        XCTAssertEqual(number(y2021["turnover"]), 180.1)
        XCTAssertEqual(y2021["status"], .text("estimate"))
        XCTAssertEqual(y2021["flow"], .text("import-export"))
        XCTAssertEqual(y2021["source"], .text("Hà Giang, foreign affairs in 2021 (report C)"))
        // Report C's "+3%".
        XCTAssertEqual(percent(number(y2021["turnover"])! / number(y2020["turnover"])! - 1), 3.0)

        let hg = try row("trade_totals", ["province": .text("Hà Giang")])
        XCTAssertEqual(number(hg["turnover"]), 7033)
        XCTAssertEqual(hg["flow"], .text("export"))
        let cb = try row("trade_totals", ["province": .text("Cao Bằng")])
        XCTAssertEqual(number(cb["turnover"]), 9900)
        XCTAssertEqual(cb["period_from"], Self.year(2016))
        XCTAssertEqual(cb["period_to"], Self.year(2019))
    }

    func testAgreementsShares() throws {
        let all = try rows("agreements")
        let total = all.reduce(0) { $0 + number($1["count"])! }
        XCTAssertEqual(total, 123)
        let china = try row("agreements", ["partner_group": .text("Trung Quốc")])
        let others = try row("agreements", ["partner_group": .text("Khác")])
        XCTAssertEqual(china["count"], .int(88))
        XCTAssertEqual(others["count"], .int(35))
        // The shares computed from the counts are the ones the report states.
        XCTAssertEqual(percent(88 / total), number(china["stated_share"]))
        XCTAssertEqual(percent(35 / total), number(others["stated_share"]))
        XCTAssertEqual(percent(88 / total), 71.5)
        // The same 123 in the activities table.
        let signed = try row("activities", ["indicator": .text("agreements_signed")])
        XCTAssertEqual(signed["value"], .int(123))
        XCTAssertEqual(signed["unit"], .text("agreements"))
    }

    func testAidFigures() throws {
        let committed = try row("aid_vnd", ["channel": .text("NGO"), "stage": .text("committed")])
        let disbursed = try row("aid_vnd", ["channel": .text("NGO"), "stage": .text("disbursed")])
        XCTAssertEqual(number(committed["value_bn_vnd"]), 703.8)
        XCTAssertEqual(number(disbursed["value_bn_vnd"]), 599.3)
        XCTAssertEqual(committed["period_from"], Self.year(2015))
        XCTAssertEqual(committed["period_to"], Self.year(2022))
        // Disbursement rate 2015–2022: 85.2%.
        XCTAssertEqual(percent(599.3 / 703.8), 85.2)
        XCTAssertEqual(percent(number(disbursed["value_bn_vnd"])! / number(committed["value_bn_vnd"])!), 85.2)

        let oda = try row("aid_vnd", ["province": .text("Hà Giang"), "channel": .text("ODA")])
        XCTAssertEqual(number(oda["value_bn_vnd"]), 4642)
        XCTAssertEqual(oda["qualifier"], .text("over"))
        let cbODA = try row("aid_vnd", ["province": .text("Cao Bằng"), "channel": .text("ODA")])
        XCTAssertEqual(number(cbODA["value_bn_vnd"]), 2136)

        let d2021 = try row("aid_usd", ["stage": .text("disbursed"), "period_from": Self.year(2021)])
        XCTAssertEqual(d2021["value_usd"], .int(4_537_635))
        XCTAssertEqual(number(d2021["vnd_equivalent_bn"]), 104.4)
        XCTAssertEqual(d2021["status"], .text("stated"))
        let d2020 = try row("aid_usd", ["stage": .text("disbursed"), "period_from": Self.year(2020)])
        XCTAssertEqual(d2020["value_usd"], .int(2_388_229))
        XCTAssertEqual(d2020["status"], .text("derived"))
        XCTAssertEqual((4_537_635 / 1.9).rounded(), 2_388_229)
        XCTAssertEqual(try row("aid_usd", ["stage": .text("new_commitments"), "period_from": Self.year(2021)])["value_usd"], .int(9_133_488))
        XCTAssertEqual(try row("aid_usd", ["stage": .text("committed"), "period_from": Self.year(2021)])["value_usd"], .int(6_457_373))
        let cb = try row("aid_usd", ["province": .text("Cao Bằng")])
        XCTAssertEqual(cb["value_usd"], .int(14_500_000))

        // No dataset mixes currencies in one measure column: each has one declared unit.
        XCTAssertEqual(try catalog.spec(named: "aid_vnd").measures["value_bn_vnd"]?.unit.name, "billion VND")
        XCTAssertEqual(try catalog.spec(named: "aid_usd").measures["value_usd"]?.unit.name, "USD")
    }

    func testTourismFiguresAndDerivedRows() throws {
        let y2017 = try row("tourism_annual", ["period": Self.year(2017)])
        let y2022 = try row("tourism_annual", ["period": Self.year(2022)])
        XCTAssertEqual(y2017["arrivals"], .int(900_000))
        XCTAssertEqual(y2017["arrivals_qualifier"], .text("about"))
        XCTAssertEqual(y2017["international"], .int(177_000))
        XCTAssertEqual(number(y2017["revenue_bn_vnd"]), 800)
        XCTAssertEqual(y2017["status"], .text("stated"))
        XCTAssertEqual(y2022["arrivals"], .int(2_200_000))
        XCTAssertEqual(y2022["arrivals_qualifier"], .text("over"))
        XCTAssertEqual(y2022["international"], .int(71_308))
        XCTAssertEqual(number(y2022["revenue_bn_vnd"]), 4536)
        XCTAssertEqual(y2022["source"], .text("Báo Hà Giang, 2023-09-20 (report A)"))

        // Derived rows: marked, and holding only the derived figure.
        let y2016 = try row("tourism_annual", ["period": Self.year(2016)])
        XCTAssertEqual(y2016["status"], .text("derived"))
        XCTAssertEqual(number(y2016["revenue_bn_vnd"]), 708.0)
        XCTAssertEqual(y2016["arrivals"], .null)
        XCTAssertEqual(y2016["international"], .null)
        XCTAssertEqual(percent(800 / 708.0 - 1), 13.0)
        let y2021 = try row("tourism_annual", ["period": Self.year(2021)])
        XCTAssertEqual(y2021["status"], .text("derived"))
        XCTAssertEqual(y2021["international"], .int(28_523))
        XCTAssertEqual(y2021["arrivals"], .null)
        XCTAssertEqual(y2021["revenue_bn_vnd"], .null)
        XCTAssertEqual((71_308.0 / 28_523 * 10).rounded() / 10, 2.5)

        // A planner's questions: growth 2017 → 2022 and the growth needed for the 2030 target.
        let target = try row("targets", ["indicator": .text("tourist_arrivals")])
        XCTAssertEqual(target["period"], Self.year(2030))
        XCTAssertEqual(target["value"], .int(5_000_000))
        XCTAssertEqual(target["unit"], .text("arrivals"))
        let a2017 = number(y2017["arrivals"])!, a2022 = number(y2022["arrivals"])!, goal = number(target["value"])!
        XCTAssertEqual(percent(pow(a2022 / a2017, 1.0 / 5) - 1), 19.6)
        XCTAssertEqual(percent(pow(goal / a2022, 1.0 / 8) - 1), 10.8)
    }

    func testActivitiesAndExchangeRates() throws {
        XCTAssertEqual(try row("activities", ["indicator": .text("delegations_received")])["value"], .int(620))
        XCTAssertEqual(try row("activities", ["indicator": .text("delegations_sent")])["value"], .int(690))
        XCTAssertEqual(try row("activities", ["indicator": .text("conferences_hosted"), "period_from": Self.year(2015)])["value"], .int(64))
        XCTAssertEqual(try row("activities", ["indicator": .text("ngo_programmes")])["value"], .int(305))
        let hosted2020 = try row("activities", ["indicator": .text("online_conferences_hosted"), "period_from": Self.year(2020)])
        XCTAssertEqual(hosted2020["value"], .int(2))
        XCTAssertEqual(hosted2020["status"], .text("derived"))
        // Every unit named in the activities table is a count unit Almanac knows.
        for r in try rows("activities") {
            guard case .text(let u) = r["unit"] ?? .null, let unit = AlmanacCore.Unit(named: u) else { XCTFail("activities: unit \(String(describing: r["unit"]))"); continue }
            XCTAssertEqual(unit.kind, .count, u)
        }

        let rates = try rows("exchange_rates")
        XCTAssertEqual(rates.count, 4)
        for r in rates {
            XCTAssertEqual(r["status"], .text("derived"))
            // Each ratio is the one its two figures give, rounded to the đồng.
            let ratio = number(r["vnd_figure_bn"])! * 1e9 / number(r["usd_figure"])!
            XCTAssertEqual(number(r["vnd_per_usd"]), ratio.rounded(), "\(r["basis"]!)")
        }
        XCTAssertEqual(try row("exchange_rates", ["basis": .text("ngo_new_commitments")])["vnd_per_usd"], .int(22_992))
        XCTAssertEqual(try row("exchange_rates", ["basis": .text("fdi_registered_capital")])["vnd_per_usd"], .int(21_071))
        // The aid_usd VND equivalents are the exchange-rate inputs.
        for stage in ["new_commitments", "committed", "disbursed"] {
            let a = try row("aid_usd", ["stage": .text(stage), "period_from": Self.year(2021)])
            XCTAssertTrue(rates.contains { $0["usd_figure"] == a["value_usd"] && $0["vnd_figure_bn"] == a["vnd_equivalent_bn"] }, stage)
        }
    }
}
