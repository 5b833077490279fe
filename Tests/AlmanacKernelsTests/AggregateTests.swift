import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class AggregateTests: XCTestCase {
    let keys = Column.texts("province", ["A", "B", "A", "C", "A", "B"])

    func testSumAvgCountMinMax() throws {
        let g = try Grouping.build(keys: [keys])
        let x = Column.ints("x", [1, nil, 3, nil, 5, 10])
        XCTAssertEqual(vals(try Aggregates.sum(x, g)), [.int(9), .int(10), .null], "all-null group sums to null")
        XCTAssertEqual(opt(try Aggregates.count(x, g)), [3, 1, 0])
        XCTAssertEqual(opt(Aggregates.countRows(g)), [3, 2, 1])
        XCTAssertEqual(opt(try Aggregates.avg(x, g)), [3, 10, nil])
        XCTAssertEqual(vals(try Aggregates.min(x, g)), [.int(1), .int(10), .null])
        XCTAssertEqual(vals(try Aggregates.max(x, g)), [.int(5), .int(10), .null])
    }

    func testIntOverflowFallsBackToDouble() throws {
        let g = try Grouping.build(keys: [Column.ints("k", [1, 1])])
        let s = try Aggregates.sum(.ints("x", [Int64.max, 10]), g)
        XCTAssertEqual(s.dataType, .float)
        XCTAssertEqual(s.value(at: 0).number, Double(Int64.max) + 10)
    }

    func testTextMinMaxUseVietnameseOrder() throws {
        let g = try Grouping.build(keys: [Column.ints("k", [1, 1, 1])])
        let t = Column.texts("t", ["Đà Nẵng", "Dak Lak", "Hà Nội"])
        XCTAssertEqual(vals(try Aggregates.min(t, g)), [.text("Dak Lak")])
        XCTAssertEqual(vals(try Aggregates.max(t, g)), [.text("Hà Nội")])
    }

    func testMedian() throws {
        let g = try Grouping.build(keys: [keys])
        let x = Column.floats("x", [5, 2, 1, nil, 3, 4])
        XCTAssertEqual(opt(try Aggregates.median(x, g)), [3, 3, nil])
        // Larger group: compare with a sort.
        var rng = SplitMix(seed: 3)
        let vs = (0..<1001).map { _ in Double(rng.next() % 1000) }
        let g1 = try Grouping.build(keys: [Column.ints("k", vs.map { _ in 1 })])
        XCTAssertEqual(try Aggregates.median(.floats("x", vs), g1)[0], vs.sorted()[500])
        let even = Array(vs.prefix(1000))
        let s = even.sorted()
        let g2 = try Grouping.build(keys: [Column.ints("k", even.map { _ in 1 })])
        XCTAssertEqual(try Aggregates.median(.floats("x", even), g2)[0], (s[499] + s[500]) / 2)
    }

    func testFirstLastByPeriodNotRowOrder() throws {
        let g = try Grouping.build(keys: [Column.texts("k", ["A", "A", "A", "B"])])
        let p = months([(2020, 3), (2020, 1), (2020, 2), nil])
        let x = Column.floats("x", [30, 10, 20, 99])
        XCTAssertEqual(vals(try Aggregates.first(x, period: p, g)), [.float(10), .null])
        XCTAssertEqual(vals(try Aggregates.last(x, period: p, g)), [.float(30), .null])
    }

    func testFirstLastSumRowsSharingThePeriodAsCagrDoes() throws {
        // Two partners per province and year: first/last are the province totals at the first/last year.
        let g = try Grouping.build(keys: [Column.texts("province", ["HG", "HG", "HG", "HG"])])
        let p = Column.periods("period", [.year(2020), .year(2020), .year(2022), .year(2022)], frequency: .year)
        let x = Column.floats("x", [100, 100, 100, 300])
        XCTAssertEqual(vals(try Aggregates.first(x, period: p, g)), [.float(200)])
        XCTAssertEqual(vals(try Aggregates.last(x, period: p, g)), [.float(400)])
        XCTAssertEqual(try Aggregates.cagr(x, period: p, g)[0]!, 2.0.squareRoot() - 1, accuracy: 1e-12)
        let ints = Column.ints("n", [1, 2, 3, 4])
        XCTAssertEqual(vals(try Aggregates.first(ints, period: p, g)), [.int(3)])
        // Sums beyond the number range are null, never inf or a wrapped integer.
        let huge = Column.floats("h", [1e308, 1e308, 1, 1])
        XCTAssertEqual(vals(try Aggregates.first(huge, period: p, g)), [.null])
        let big = Column.ints("b", [Int64.max, 1, 1, 1])
        XCTAssertEqual(vals(try Aggregates.first(big, period: p, g)), [.null])
        // Text cannot be summed: the earliest row.
        let t = Column.texts("t", ["a", "b", "c", "d"])
        XCTAssertEqual(vals(try Aggregates.last(t, period: p, g)), [.text("c")])
    }

    func testCagrFractionalYearsOnMonths() throws {
        let g = try Grouping.build(keys: [Column.texts("k", ["A", "A", "A", "B", "B", "C", "C"])])
        let p = months([(2017, 1), (2019, 6), (2022, 1), (2020, 1), (2020, 1), (2020, 1), (2021, 1)])
        let x = Column.floats("x", [100, 50, 200, 5, 7, 0, 10])
        let c = try Aggregates.cagr(x, period: p, g)
        XCTAssertEqual(r9(c[0]), r9(pow(2.0, 1.0 / 5.0) - 1), "2017-01 → 2022-01 is 5 years")
        XCTAssertNil(c[1], "years == 0")
        XCTAssertNil(c[2], "first ≤ 0")
        // 2017-01 → 2018-07 = 1.5 years.
        let g2 = try Grouping.build(keys: [Column.ints("k", [1, 1])])
        let c2 = try Aggregates.cagr(.floats("x", [100, 121]), period: months([(2017, 1), (2018, 7)]), g2)
        XCTAssertEqual(r9(c2[0]), r9(pow(1.21, 1 / 1.5) - 1))
    }

    func testCagrSkipsNullEndsAndSumsTies() throws {
        let g = try Grouping.build(keys: [Column.ints("k", [1, 1, 1, 1])])
        let p = Column.periods("p", [.year(2018), .year(2018), .year(2020), .year(2021)], frequency: .year)
        let x = Column.floats("x", [40, 60, 400, nil])
        XCTAssertEqual(r9(try Aggregates.cagr(x, period: p, g)[0]), r9(1.0), "(400/100)^(1/2) − 1 = 1")
    }
}
