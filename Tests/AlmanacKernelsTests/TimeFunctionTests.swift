import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class TimeFunctionTests: XCTestCase {
    /// Hà Giang monthly 2020-01…2021-04 with 2021-02 MISSING, rows shuffled; Cao Bằng two months.
    func fixture() throws -> (SeriesGrid, Column, [Int]) {
        var rows: [(String, Int32, Int32, Double?)] = []
        for m in 1...12 { rows.append(("Hà Giang", 2020, Int32(m), Double(m * 10))) }
        rows.append(("Hà Giang", 2021, 1, 110))
        rows.append(("Hà Giang", 2021, 3, 330))     // 2021-02 missing
        rows.append(("Hà Giang", 2021, 4, nil))     // null value
        rows.append(("Cao Bằng", 2021, 1, 5))
        rows.append(("Cao Bằng", 2021, 3, 6))
        let order = [14, 3, 0, 15, 12, 7, 1, 13, 2, 16, 4, 5, 6, 8, 9, 10, 11]
        let r = order.map { rows[$0] }
        let grid = try SeriesGrid.build(seriesKeys: [.texts("province", r.map(\.0))],
                                        period: months(r.map { ($0.1, $0.2) }))
        return (grid, .floats("value", r.map(\.3)), order)
    }

    func at(_ m: Masked<Double>, _ order: [Int], _ original: Int) -> Double? {
        m[order.firstIndex(of: original)!]
    }

    func testMissingMonthGivesNullNotTheWrongMonth() throws {
        let (grid, x, order) = try fixture()
        // 2021-03 (original row 13): previous month 2021-02 is missing.
        XCTAssertNil(at(try TimeFunctions.pop(x, grid: grid), order, 13))
        XCTAssertNil(at(try TimeFunctions.diff(x, grid: grid), order, 13))
        let lag = try TimeFunctions.lag(x, 1, grid: grid)
        XCTAssertEqual(lag.value(at: order.firstIndex(of: 13)!), .null)
        XCTAssertEqual(lag.value(at: order.firstIndex(of: 12)!), .float(120), "2021-01 lags to 2020-12")
        XCTAssertEqual(try TimeFunctions.lag(x, 2, grid: grid).value(at: order.firstIndex(of: 13)!), .float(110))
        // yoy 2021-03 vs 2020-03 = 330/30 − 1 = 10.
        let yoy = try TimeFunctions.yoy(x, grid: grid)
        XCTAssertEqual(at(yoy, order, 13), 10)
        XCTAssertEqual(at(yoy, order, 12), 110.0 / 10 - 1)
        XCTAssertNil(at(yoy, order, 0), "no 2019")
        XCTAssertNil(at(yoy, order, 14), "own value null")
        XCTAssertNil(at(yoy, order, 15), "Cao Bằng has no 2020: series don't mix")
        XCTAssertEqual(at(try TimeFunctions.pop(x, grid: grid), order, 1), 20.0 / 10 - 1)
    }

    func testYtdCumsumRollingIndex() throws {
        let (grid, x, order) = try fixture()
        let ytd = try TimeFunctions.ytd(x, grid: grid)
        XCTAssertEqual(at(ytd.values, order, 11), 780, "Σ10…120")
        XCTAssertEqual(at(ytd.values, order, 13), 440, "110 + 330, Feb missing")
        XCTAssertEqual(ytd.missingPeriods[order.firstIndex(of: 13)!], 1)
        XCTAssertEqual(at(ytd.values, order, 14), 440, "April null contributes nothing")
        XCTAssertEqual(ytd.missingPeriods[order.firstIndex(of: 14)!], 2)
        XCTAssertEqual(ytd.missingPeriods[order.firstIndex(of: 11)!], 0)
        let cum = try TimeFunctions.cumsum(x, grid: grid)
        XCTAssertEqual(at(cum.values, order, 13), 780 + 440)
        XCTAssertEqual(cum.missingPeriods[order.firstIndex(of: 16)!], 1, "Cao Bằng: Feb missing")
        let roll = try TimeFunctions.rolling(x, 3, grid: grid)
        XCTAssertEqual(at(roll, order, 2), 60)
        XCTAssertEqual(at(roll, order, 12), 110 + 120 + 110)
        XCTAssertNil(at(roll, order, 13), "window crosses the missing February")
        XCTAssertNil(at(roll, order, 1), "not enough periods")
        let idx = try TimeFunctions.index(x, base: Period.month(2020, 1).ordinal, grid: grid)
        XCTAssertEqual(at(idx, order, 13), 3300)
        XCTAssertNil(at(idx, order, 15), "Cao Bằng has no 2020-01")
        XCTAssertThrowsError(try TimeFunctions.rolling(x, 0, grid: grid))
        XCTAssertEqual(try TimeFunctions.lag(x, Int.min, grid: grid).nullCount, x.count, "no trap on absurd steps")
        XCTAssertEqual(try TimeFunctions.lag(x, Int.max, grid: grid).nullCount, x.count)
    }

    func testYoyOnDaysWith29February() throws {
        let days: [Period] = [.day(2023, 2, 28), .day(2023, 3, 1), .day(2024, 2, 28), .day(2024, 2, 29), .day(2024, 3, 1), .day(2025, 3, 1)]
        let grid = try SeriesGrid.build(seriesKeys: [], period: .periods("d", days, frequency: .day))
        let y = try TimeFunctions.yoy(.floats("x", [10, 20, 15, 99, 30, 60]), grid: grid)
        XCTAssertEqual(opt(y), [nil, nil, 0.5, nil, 0.5, 1])
    }

    func testQuarterAndYearYoy() throws {
        let q = Column.periods("q", [.quarter(2020, 1), .quarter(2021, 1), .quarter(2020, 4)], frequency: .quarter)
        let gq = try SeriesGrid.build(seriesKeys: [], period: q)
        XCTAssertEqual(opt(try TimeFunctions.yoy(.ints("x", [4, 5, 1]), grid: gq)), [nil, 0.25, nil])
    }

    func testDuplicatePeriodReportsSeriesAndCount() throws {
        let p = Column.texts("province", ["Hà Giang", "Hà Giang", "Cao Bằng", "Hà Giang", "Hà Giang"])
        let f = Column.texts("flow", ["export", "export", "export", "export", "import"])
        let per = Column.periods("period", [.year(2021), .year(2021), .year(2021), .year(2021), .year(2021)], frequency: .year)
        for dense in [true, false] {
            XCTAssertThrowsError(try SeriesGrid.build(seriesKeys: [p, f], period: per, maxDenseCells: dense ? 1 << 20 : 0)) { e in
                guard case KernelError.duplicatePeriod(let d) = e else { return XCTFail("\(e)") }
                XCTAssertEqual(d.rowCount, 3)
                XCTAssertEqual(d.rows, [0, 1, 3])
                XCTAssertEqual(d.keyText(seriesKeys: [p, f]), "(Hà Giang, export, 2021)")
            }
        }
    }

    func testHashedGridMatchesDense() throws {
        let (grid, x, _) = try fixture()
        // Rebuild the fixture's grid with the hash fallback.
        var rowsP: [String] = [], per: [Period?] = []
        for i in 0..<grid.rowCount {
            rowsP.append(grid.series.groupIDs[i] == 0 ? "s0" : "s1")
            per.append(Period(frequency: .month, ordinal: grid.ordinals[i]))
        }
        let hashed = try SeriesGrid.build(seriesKeys: [.texts("s", rowsP)], period: .periods("p", per, frequency: .month), maxDenseCells: 0)
        XCTAssertFalse(hashed.isDense)
        XCTAssertEqual(opt(try TimeFunctions.yoy(x, grid: hashed)), opt(try TimeFunctions.yoy(x, grid: grid)))
        XCTAssertEqual(opt(try TimeFunctions.rolling(x, 2, grid: hashed)), opt(try TimeFunctions.rolling(x, 2, grid: grid)))
        XCTAssertEqual(opt(try TimeFunctions.ytd(x, grid: hashed).values), opt(try TimeFunctions.ytd(x, grid: grid).values))
    }

    func testNullPeriodRowsGetNull() throws {
        let grid = try SeriesGrid.build(seriesKeys: [], period: months([(2020, 1), nil, (2021, 1)]))
        let x = Column.floats("x", [1, 2, 3])
        XCTAssertEqual(opt(try TimeFunctions.yoy(x, grid: grid)), [nil, nil, 2])
        XCTAssertEqual(opt(try TimeFunctions.ytd(x, grid: grid).values), [1, nil, 3])
    }

    /// Grid-based functions against a naive dictionary reference on random series with gaps and nulls.
    func testRandomSeriesAgainstNaiveReference() throws {
        var rng = SplitMix(seed: 2024)
        for round in 0..<6 {
            var prov: [String] = [], ords: [Int32] = [], xs: [Double?] = []
            let seriesCount = 1 + Int(rng.next() % 6)
            for s in 0..<seriesCount {
                for m in 0..<Int32(40) where rng.next() % 4 != 0 {
                    prov.append("P\(s)"); ords.append(2019 * 12 + m)
                    xs.append(rng.next() % 7 == 0 ? nil : Double(Int(rng.next() % 200) - 20))
                }
            }
            // Shuffle rows.
            var perm = Array(0..<prov.count)
            perm.shuffle(using: &rng)
            prov = perm.map { prov[$0] }; ords = perm.map { ords[$0] }; xs = perm.map { xs[$0] }
            let period = Column.periods("p", ords.map { Period(frequency: .month, ordinal: $0) }, frequency: .month)
            let grid = try SeriesGrid.build(seriesKeys: [.texts("p", prov)], period: period, maxDenseCells: round % 2 == 0 ? 1 << 20 : 0)
            let x = Column.floats("x", xs)
            var ref: [String: Double?] = [:]
            func key(_ s: String, _ o: Int32) -> String { "\(s)|\(o)" }
            for i in 0..<prov.count { ref[key(prov[i], ords[i])] = .some(xs[i]) }
            func lookup(_ s: String, _ o: Int32) -> Double? { ref[key(s, o)] ?? nil }
            let yoy = try TimeFunctions.yoy(x, grid: grid)
            let lag3 = try TimeFunctions.lag(x, 3, grid: grid)
            let roll = try TimeFunctions.rolling(x, 3, grid: grid)
            let ytd = try TimeFunctions.ytd(x, grid: grid)
            for i in 0..<prov.count {
                let s = prov[i], o = ords[i]
                // yoy
                var e: Double? = nil
                if let a = xs[i], let b = lookup(s, o - 12), b != 0 { e = a / b - 1 }
                XCTAssertEqual(r9(yoy[i]), r9(e), "yoy row \(i)")
                // lag
                XCTAssertEqual(lag3.value(at: i).number, lookup(s, o - 3), "lag row \(i)")
                // rolling 3
                var rs: Double? = 0
                for k in 0..<Int32(3) { if let v = lookup(s, o - k), let acc = rs { rs = acc + v } else { rs = nil } }
                XCTAssertEqual(r9(roll[i]), r9(rs), "rolling row \(i)")
                // ytd
                let start = PeriodMath.startOfYear(o, .month)
                var sum = 0.0, present = 0
                for q in start...o { if let v = lookup(s, q) { sum += v; present += 1 } }
                XCTAssertEqual(r9(ytd.values[i]), present > 0 ? r9(sum) : nil, "ytd row \(i)")
                XCTAssertEqual(Int(ytd.missingPeriods[i]), Int(o - start + 1) - present, "ytd missing row \(i)")
            }
        }
    }

    /// Large enough to take the two-thread path (chunked lookups and validity words).
    func testParallelPathMatchesDirectLookups() throws {
        var rng = SplitMix(seed: 99)
        var sid: [Int64] = [], ords: [Int32] = [], xs: [Double] = []
        for s in 0..<2500 {
            for m in 0..<Int32(100) where rng.next() % 10 != 0 {
                sid.append(Int64(s)); ords.append(2010 * 12 + m); xs.append(Double(1 + rng.next() % 1000))
            }
        }
        XCTAssertGreaterThan(sid.count, parallelThreshold)
        let grid = try SeriesGrid.build(seriesKeys: [.ints("s", sid.map { $0 })],
                                        period: .periods("p", ords.map { Period(frequency: .month, ordinal: $0) }, frequency: .month))
        var index: [Int64: Int] = [:]
        for i in 0..<sid.count { index[sid[i] << 32 | Int64(ords[i])] = i }
        let yoy = try TimeFunctions.yoy(.floats("x", xs.map { $0 }), grid: grid)
        var checked = 0
        for i in 0..<sid.count {
            let e = index[sid[i] << 32 | Int64(ords[i] - 12)].map { xs[i] / xs[$0] - 1 }
            if yoy[i] != e { XCTFail("row \(i): \(String(describing: yoy[i])) vs \(String(describing: e))"); break }
            checked += e == nil ? 0 : 1
        }
        XCTAssertGreaterThan(checked, 100_000)
    }
}
