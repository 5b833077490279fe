import XCTest
import Foundation
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// The synthetic demonstration data under `Data/demo/`: reproducible byte for byte, and calibrated to the figures
/// the source reports state.
final class DemoDataTests: XCTestCase {
    static var demoDirectory: URL { TestSupport.packageRoot.appendingPathComponent("Data/demo") }

    func testRegeneratedFilesAreByteIdenticalToTheCommittedOnes() throws {
        let dir = TestSupport.temporaryDirectory("demo")
        try DemoData.write(to: dir.path)
        for name in DemoData.fileNames {
            let fresh = try Data(contentsOf: dir.appendingPathComponent(name))
            let committed = try Data(contentsOf: Self.demoDirectory.appendingPathComponent(name))
            XCTAssertEqual(fresh.count, committed.count, "\(name): size differs from the committed file")
            XCTAssertTrue(fresh == committed, "\(name): differs from the committed file; regenerate with `almanac sample demo --out Data/demo`")
        }
        // Twice in one process: the same text.
        XCTAssertEqual(DemoData.files().map(\.1), DemoData.files().map(\.1))
    }

    // MARK: Loading helpers

    func load(_ name: String) throws -> Table {
        try CSVReader.load(path: Self.demoDirectory.appendingPathComponent(name).path).table
    }

    /// Sums a measure by (province, year), in hundredths (cents for USD).
    func sums(_ t: Table, _ measure: String, scale: Double = 100) -> [String: [Int32: Int64]] {
        let period = TestSupport.values(t, "period"), province = TestSupport.values(t, "province"), v = TestSupport.values(t, measure)
        var out: [String: [Int32: Int64]] = [:]
        for r in 0..<t.rowCount {
            guard case .period(let p) = period[r], case .text(let prov) = province[r], let x = v[r].number else {
                XCTFail("row \(r): unexpected \(period[r]), \(province[r]), \(v[r])"); continue
            }
            out[prov, default: [:]][p.year, default: 0] += Int64((x * scale).rounded())
        }
        return out
    }

    // MARK: Trade

    func testTradeIsCalibratedToTheStatedTurnover() throws {
        let t = try load("trade_monthly.csv")
        XCTAssertEqual(t.column(named: "period")?.dataType, .period(.month))
        XCTAssertEqual(t.column(named: "value_usd")?.dataType, .float)
        let s = sums(t, "value_usd")
        // Report C: Hà Giang 174.8 million USD in 2020, 180.1 million USD in 2021 — to the cent.
        XCTAssertEqual(s["Hà Giang"]?[2020], 17_480_000_000)
        XCTAssertEqual(s["Hà Giang"]?[2021], 18_010_000_000)
        // Report C's "+3%".
        let growth = Double(s["Hà Giang"]![2021]!) / Double(s["Hà Giang"]![2020]!) - 1
        XCTAssertEqual((growth * 1000).rounded() / 10, 3.0)
        // Report B: Cao Bằng 9.9 billion USD over 2016–2019.
        let cb = (2016...2019).reduce(Int64(0)) { $0 + s["Cao Bằng"]![Int32($1)]! }
        XCTAssertEqual(cb, 990_000_000_000)
        // A COVID dip: 2020 below 2019 for Hà Giang; every year present for both provinces.
        XCTAssertLessThan(s["Hà Giang"]![2020]!, s["Hà Giang"]![2019]!)
        XCTAssertEqual(Set(s["Hà Giang"]!.keys), Set((2015...2024).map(Int32.init)))
        XCTAssertEqual(Set(s["Cao Bằng"]!.keys), Set((2015...2024).map(Int32.init)))
        // February 2020 well below February 2019 (border closures), both provinces together.
        let period = TestSupport.values(t, "period"), value = TestSupport.values(t, "value_usd")
        func monthTotal(_ y: Int32, _ m: Int32) -> Double {
            (0..<t.rowCount).reduce(0) { $0 + (period[$1] == .period(.month(y, m)) ? value[$1].number! : 0) }
        }
        XCTAssertLessThan(monthTotal(2020, 2), 0.7 * monthTotal(2019, 2))
    }

    func testTradeHasGapsOfAboutOneToTwoPercent() throws {
        let t = try load("trade_monthly.csv")
        let keys = ["province", "border_gate", "partner", "flow", "product"].map { TestSupport.values(t, $0) }
        let period = TestSupport.values(t, "period")
        var months: [[Value]: Set<Period>] = [:]
        for r in 0..<t.rowCount {
            guard case .period(let p) = period[r] else { return XCTFail("row \(r) has no period") }
            let inserted = months[keys.map { $0[r] }, default: []].insert(p).inserted
            XCTAssertTrue(inserted, "row \(r): a series has two rows for \(p)")
        }
        let expected = months.count * 120
        let missing = expected - t.rowCount
        XCTAssertGreaterThan(months.count, 30)
        XCTAssertGreaterThan(missing, 0, "no gaps")
        let rate = Double(missing) / Double(expected)
        XCTAssertTrue((0.005...0.025).contains(rate), "missing rate \(rate)")
        XCTAssertTrue(months.values.contains { $0.count < 120 })
        // Every series spans 2015-01 … 2024-12 otherwise.
        for (k, ps) in months { XCTAssertTrue(ps.count > 110, "\(k): \(ps.count) months") }
    }

    func testHSCodesWithLeadingZerosLoadAsText() throws {
        let t = try load("trade_monthly.csv")
        let hs = try XCTUnwrap(t.column(named: "hs_code"))
        XCTAssertEqual(hs.dataType, .text)
        let codes = Set(TestSupport.values(t, "hs_code"))
        XCTAssertTrue(codes.contains(.text("0902")))
        XCTAssertTrue(codes.contains(.text("0714")))
        XCTAssertTrue(codes.contains(.text("8432")))
        XCTAssertTrue(codes.allSatisfy { if case .text(let c) = $0 { return c.count == 4 } else { return false } })
        // One HS code per product name.
        let product = TestSupport.values(t, "product"), code = TestSupport.values(t, "hs_code")
        var codeOf: [Value: Value] = [:]
        for r in 0..<t.rowCount {
            if let c = codeOf[product[r]] { XCTAssertEqual(c, code[r]) } else { codeOf[product[r]] = code[r] }
        }
        XCTAssertTrue((8...12).contains(codeOf.count))
        XCTAssertEqual(Set(TestSupport.values(t, "flow")), [.text("export"), .text("import")])
        XCTAssertTrue(Set(TestSupport.values(t, "partner")).contains(.text("Trung Quốc")))
        XCTAssertEqual(Set(TestSupport.values(t, "border_gate")),
                       Set(["Thanh Thủy", "Xín Mần", "Phó Bảng", "Trà Lĩnh", "Tà Lùng", "Sóc Giang"].map(Value.text)))
    }

    // MARK: Tourism

    func testTourismIsCalibratedToTheStatedFigures() throws {
        let t = try load("tourism_monthly.csv")
        XCTAssertEqual(t.rowCount, 2 * 120)
        let arrivals = sums(t, "arrivals", scale: 1)["Hà Giang"]!
        let international = sums(t, "international", scale: 1)["Hà Giang"]!
        let revenue = sums(t, "revenue_bn_vnd")["Hà Giang"]!
        // Report D, 2017.
        XCTAssertEqual(arrivals[2017], 900_000)
        XCTAssertEqual(international[2017], 177_000)
        XCTAssertEqual(revenue[2017], 80_000)
        // Report A, 2022.
        XCTAssertEqual(arrivals[2022], 2_200_000)
        XCTAssertEqual(international[2022], 71_308)
        XCTAssertEqual(revenue[2022], 453_600)
        // Report A's range 2015–2022: over 9.8 million, over 1.1 million international, 14,212 billion VND.
        let range = (2015...2022).map(Int32.init)
        XCTAssertGreaterThan(range.reduce(0) { $0 + arrivals[$1]! }, 9_800_000)
        XCTAssertGreaterThan(range.reduce(0) { $0 + international[$1]! }, 1_100_000)
        XCTAssertEqual(range.reduce(0) { $0 + revenue[$1]! }, 1_421_200)
        // The stated ratios: 2022 international 2.5 times 2021; 2017 revenue +13% on 2016.
        XCTAssertEqual((Double(international[2022]!) / Double(international[2021]!) * 100).rounded() / 100, 2.5)
        XCTAssertEqual((Double(revenue[2017]!) / Double(revenue[2016]!) * 100).rounded() / 100, 1.13)
        // The COVID collapse of international arrivals.
        XCTAssertLessThan(international[2020]!, international[2019]! / 4)
        XCTAssertLessThan(international[2021]!, international[2019]! / 4)
        // domestic = arrivals − international, never negative.
        let a = TestSupport.values(t, "arrivals"), i = TestSupport.values(t, "international"), d = TestSupport.values(t, "domestic")
        for r in 0..<t.rowCount {
            guard case .int(let av) = a[r], case .int(let iv) = i[r], case .int(let dv) = d[r] else { return XCTFail("row \(r)") }
            XCTAssertEqual(dv, av - iv)
            XCTAssertGreaterThanOrEqual(dv, 0)
            XCTAssertGreaterThanOrEqual(iv, 0)
        }
    }

    // MARK: Aid and plans

    func testAidDisbursementIsCalibrated() throws {
        let t = try load("aid_disbursement.csv")
        XCTAssertEqual(t.column(named: "period")?.dataType, .period(.quarter))
        let s = sums(t, "disbursed_usd", scale: 1)["Hà Giang"]!
        XCTAssertEqual(s[2021], 4_537_635)            // report C
        XCTAssertEqual(s[2020], 2_388_229)            // derived: 4,537,635 / 1.9
        XCTAssertEqual((Double(s[2021]!) / Double(s[2020]!) * 10).rounded() / 10, 1.9)
        XCTAssertEqual(s.count, 10)
    }

    func testPlanTargetsCoverEveryProvinceAndYear() throws {
        let t = try load("plan_targets.csv")
        XCTAssertEqual(t.rowCount, 20)
        XCTAssertEqual(t.column(named: "period")?.dataType, .period(.year))
        let trade = try load("trade_monthly.csv")
        let actual = sums(trade, "value_usd")
        let plan = sums(t, "trade_turnover_plan", scale: 1e8)   // cents of million USD
        for (prov, years) in plan {
            XCTAssertEqual(years.count, 10)
            // A plan is within reach of the year's result: between 60% (COVID years) and 130% of it.
            for (y, p) in years {
                let ratio = Double(actual[prov]![y]!) / Double(p)
                XCTAssertTrue((0.6...1.3).contains(ratio), "\(prov) \(y): \(ratio)")
            }
        }
        // 2020's plan was set before COVID: Hà Giang fell short.
        XCTAssertLessThan(actual["Hà Giang"]![2020]!, plan["Hà Giang"]![2020]!)
    }

    func testDistributeSplitsExactly() {
        XCTAssertEqual(DemoData.distribute(10, [1, 1, 1]), [4, 3, 3])
        XCTAssertEqual(DemoData.distribute(17_480_000_000, [0.3, 0.2, 0.5]).reduce(0, +), 17_480_000_000)
        XCTAssertEqual(DemoData.fixed(5, 2), "0.05")
        XCTAssertEqual(DemoData.fixed(17_480_000_000, 2), "174800000.00")
        XCTAssertEqual(DemoData.fixed(1748, 1), "174.8")
    }
}
