import AlmanacCore
import AlmanacDiagnostics
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// The planner questions of the seed facts ("What a planner asks of these figures"), answered by queries over
/// small tables of the reports' figures, to the precision the reports state. The tables are built here from the
/// figures (the shared notes are not copied into the repository).
final class SeedFactsTests: XCTestCase {
    /// Figures of the Hà Giang reports A and C.
    static let engine = QueryEngine(provider: InMemoryProvider([
        // Report C: import-export turnover, million USD.
        "turnover": T.table(
            .texts("province", ["Hà Giang", "Hà Giang"]),
            T.years([2020, 2021]),
            .floats("value", [174.8, 180.1], meta: ColumnMeta(role: .measure, unit: "million USD"))),
        // Report A: international agreements 2015–2022 by partner.
        "agreements": T.table(
            .texts("partner", ["Trung Quốc", "khác"]),
            .ints("agreements", [88, 35])),
        // Report A: NGO aid 2015–2022, billion VND.
        "ngo_aid": T.table(
            .texts("province", ["Hà Giang"]),
            .floats("committed", [703.8]),
            .floats("disbursed", [599.3])),
        // Reports D and A: tourist arrivals (2017 about 900,000; 2022 over 2.2 million).
        "arrivals": T.table(
            .texts("province", ["Hà Giang", "Hà Giang"]),
            T.years([2017, 2022]),
            .floats("arrivals", [900_000, 2_200_000])),
        // Report C: NGO disbursement 2021, USD ("1.9 times 2020").
        "ngo_2021": T.table(
            .texts("province", ["Hà Giang"]),
            T.years([2021]),
            .floats("disbursed_usd", [4_537_635])),
    ]))

    func run(_ text: String) throws -> Table { try Self.engine.run(text, name: "seed.aq").table }

    func number(_ t: Table, _ column: String, row: Int = 0) -> Double? {
        t.column(named: column).flatMap { $0.value(at: row).number }
    }

    /// `x` as a percentage rounded to one decimal, as the reports write it.
    func percent(_ x: Double?) -> Double? { x.map { ($0 * 1000).rounded() / 10 } }

    func testTurnover2021Versus2020IsPlus3Percent() throws {
        // 180.1 / 174.8 − 1 = +3.0% (report C says 3%).
        let t = try run("from turnover\nderive growth = yoy(value)\nwhere period = 2021")
        XCTAssertEqual(t.rowCount, 1)
        XCTAssertEqual(percent(number(t, "growth")), 3.0)
        // The same through compare, and rounded in the query itself.
        let c = try run("from turnover\ncompare 2020..2020 vs 2021..2021\nderive pct = round(value_growth * 100, 1)")
        XCTAssertEqual(number(c, "value_base"), 174.8)
        XCTAssertEqual(number(c, "value_current"), 180.1)
        XCTAssertEqual(number(c, "pct"), 3.0)
    }

    func testShareOfAgreementsWithChinesePartnersIs71Point5Percent() throws {
        // 88 / 123 = 71.5%; others 35 / 123 = 28.5% (report A).
        let t = try run("from agreements\nderive share = share(agreements)\nsort partner")
        XCTAssertEqual(TestValues.texts(t, "partner"), ["khác", "Trung Quốc"])
        XCTAssertEqual(percent(number(t, "share", row: 1)), 71.5)
        XCTAssertEqual(percent(number(t, "share", row: 0)), 28.5)
        let total = try run("from agreements\naggregate n = sum(agreements)")
        XCTAssertEqual(total.column(named: "n")?.value(at: 0), .int(123))
    }

    func testNGODisbursementRateIs85Point2Percent() throws {
        // 599.3 / 703.8 = 85.2%.
        let t = try run("from ngo_aid\nderive rate = progress(disbursed, committed), direct = disbursed / committed")
        XCTAssertEqual(percent(number(t, "rate")), 85.2)
        XCTAssertEqual(percent(number(t, "direct")), 85.2)
    }

    func testArrivalsCAGR2017To2022Is19Point6Percent() throws {
        // (2.2 M / 0.9 M)^(1/5) − 1 ≈ +19.6% a year.
        let t = try run("from arrivals\naggregate growth = cagr(arrivals), since = min(period), until = max(period) by province")
        XCTAssertEqual(t.column(named: "since")?.value(at: 0), .period(.year(2017)))
        XCTAssertEqual(t.column(named: "until")?.value(at: 0), .period(.year(2022)))
        XCTAssertEqual(percent(number(t, "growth")), 19.6)
    }

    func testGrowthNeededFor5MillionBy2030Is10Point8Percent() throws {
        // (5 / 2.2)^(1/8) − 1 ≈ +10.8% a year, from 2022.
        let t = try run("from arrivals\nwhere period = 2022\nderive needed = required_growth(arrivals, 5000000, 2030)")
        XCTAssertEqual(t.rowCount, 1)
        XCTAssertEqual(percent(number(t, "needed")), 10.8)
        // The 2017 row would need (5 / 0.9)^(1/13) − 1 ≈ 14.1%; the query picks each row's own year.
        let all = try run("from arrivals\nderive needed = required_growth(arrivals, 5000000, 2030)\nsort period")
        XCTAssertEqual(percent(number(all, "needed", row: 0)), 14.1)
        XCTAssertEqual(percent(number(all, "needed", row: 1)), 10.8)
    }

    func testImplied2020DisbursementFrom1Point9Times() throws {
        // 4,537,635 / 1.9 ≈ 2.39 M USD (a derived figure).
        let t = try run("from ngo_2021\nderive implied_2020 = round(disbursed_usd / 1.9 / 1e6, 2)")
        XCTAssertEqual(number(t, "implied_2020"), 2.39)
    }
}

enum TestValues {
    static func texts(_ t: Table, _ column: String) -> [String?] {
        guard let c = t.column(named: column) else { return [] }
        return (0..<c.count).map { if case .text(let s) = c.value(at: $0) { return s } else { return nil } }
    }
}
