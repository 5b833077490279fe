import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class ExpressionTests: XCTestCase {
    func testArithmeticDivisionByZeroAndTypes() throws {
        let a = Column.ints("a", [10, 7, nil, 4])
        let b = Column.ints("b", [2, 0, 1, 3])
        let q = try Arithmetic.apply(.divide, .column(a), .column(b), count: 4)
        XCTAssertEqual(vals(q), [.float(5), .null, .null, .float(4.0 / 3.0)])
        XCTAssertEqual(vals(try Arithmetic.apply(.add, .column(a), .scalar(.int(1)), count: 4)), [.int(11), .int(8), .null, .int(5)])
        XCTAssertEqual(vals(try Arithmetic.apply(.multiply, .column(a), .scalar(.float(0.5)), count: 4)), [.float(5), .float(3.5), .null, .float(2)])
        XCTAssertEqual(vals(try Arithmetic.apply(.divide, .scalar(.float(0)), .column(.floats("z", [0, 1, -0.0, 2])), count: 4)),
                       [.null, .float(0), .null, .float(0)], "0/0 is null, never NaN")
        let big = try Arithmetic.apply(.multiply, .column(.ints("x", [Int64.max])), .scalar(.int(2)), count: 1)
        XCTAssertEqual(big.dataType, .float, "overflow falls back to Double")
        XCTAssertThrowsError(try Arithmetic.apply(.add, .column(.texts("t", ["x"])), .scalar(.int(1)), count: 1))
        XCTAssertThrowsError(try Arithmetic.apply(.add, .column(a), .column(.ints("short", [1])), count: 4))
        XCTAssertEqual(vals(try Arithmetic.apply(.add, .column(a), .scalar(.null), count: 4)), [.null, .null, .null, .null])
    }

    func testPeriodShift() throws {
        let m = Column.periods("p", [.month(2024, 1), .month(2024, 12), nil, .month(1, 1)], frequency: .month)
        XCTAssertEqual(vals(try PeriodConvert.shift(m, by: .scalar(.int(1)), subtract: false)),
                       [.period(.month(2024, 2)), .period(.month(2025, 1)), .null, .period(.month(1, 2))])
        XCTAssertEqual(vals(try PeriodConvert.shift(m, by: .scalar(.int(12)), subtract: true)),
                       [.period(.month(2023, 1)), .period(.month(2023, 12)), .null, .null], "before year 1: null, never a trap")
        XCTAssertEqual(vals(try PeriodConvert.shift(m, by: .column(.ints("n", [-1, nil, 3, Int64.max])), subtract: false)),
                       [.period(.month(2023, 12)), .null, .null, .null], "null steps and overflow give null")
        let q = Column.periods("q", [.quarter(2024, 1)], frequency: .quarter)
        XCTAssertEqual(vals(try PeriodConvert.shift(q, by: .scalar(.int(1)), subtract: true)), [.period(.quarter(2023, 4))])
        let d = Column.periods("d", [.day(2024, 2, 28), .day(9999, 12, 31)], frequency: .day)
        XCTAssertEqual(vals(try PeriodConvert.shift(d, by: .scalar(.int(1)), subtract: false)), [.period(.day(2024, 2, 29)), .null])
        XCTAssertThrowsError(try PeriodConvert.shift(m, by: .scalar(.float(1.5)), subtract: false))
        XCTAssertThrowsError(try PeriodConvert.shift(.ints("x", [1]), by: .scalar(.int(1)), subtract: false))
    }

    func testRoundAbs() throws {
        XCTAssertEqual(vals(try Arithmetic.round(.floats("x", [1.25, -1.25, 2.5, nil]), digits: 1)), [.float(1.3), .float(-1.3), .float(2.5), .null])
        XCTAssertEqual(vals(try Arithmetic.round(.ints("x", [1249, 1250, -1250]), digits: -2)), [.int(1200), .int(1300), .int(-1300)])
        XCTAssertEqual(vals(try Arithmetic.abs(.ints("x", [-3, Int64.min]))), [.int(3), .null])
    }

    func testThreeValuedLogic() throws {
        let a = Column.bools("a", [true, true, true, false, false, false, nil, nil, nil])
        let b = Column.bools("b", [true, false, nil, true, false, nil, true, false, nil])
        XCTAssertEqual(opt(try Logic.and(.column(a), .column(b), count: 9)), [true, false, nil, false, false, false, nil, false, nil])
        XCTAssertEqual(opt(try Logic.or(.column(a), .column(b), count: 9)), [true, true, true, true, false, nil, true, nil, nil])
        XCTAssertEqual(opt(try Logic.not(.column(a), count: 9)), [false, false, false, true, true, true, nil, nil, nil])
        XCTAssertEqual(opt(try Logic.and(.column(a), .scalar(.null), count: 9)), [nil, nil, nil, false, false, false, nil, nil, nil])
    }

    func testNumericAndPeriodComparisons() throws {
        let x = Column.ints("x", [1, 5, nil])
        XCTAssertEqual(opt(try Comparison.compare(.greater, .column(x), .scalar(.float(1.5)), count: 3)), [false, true, nil])
        XCTAssertEqual(opt(try Comparison.compare(.less, .scalar(.int(2)), .column(x), count: 3)), [false, true, nil], "scalar on the left flips")
        let p = months([(2019, 12), (2020, 1), (2020, 7), (2021, 1), nil])
        XCTAssertEqual(opt(try Comparison.comparePeriod(.greaterOrEqual, p, year: 2020)), [false, true, true, true, nil])
        XCTAssertEqual(opt(try Comparison.compare(.equal, .column(p), .scalar(.int(2020)), count: 5)), [false, true, true, false, nil])
        XCTAssertEqual(opt(try Comparison.comparePeriod(.less, p, .quarter(2020, 3))), [true, true, false, false, nil])
        XCTAssertThrowsError(try Comparison.comparePeriod(.equal, .periods("y", [.year(2020)], frequency: .year), .month(2020, 1)))
        let q = months([(2019, 11), (2020, 1), (2020, 8), (2021, 1), (2021, 1)])
        XCTAssertEqual(opt(try Comparison.compare(.less, .column(p), .column(q), count: 5)), [false, false, true, false, nil])
    }

    func testTextComparisonNFCvsNFD() throws {
        let nfd = "Hà Giang".decomposedStringWithCanonicalMapping
        let t = Column.texts("province", ["Hà Giang", "Cao Bằng", nil])
        XCTAssertEqual(opt(try Comparison.compare(.equal, .column(t), .scalar(.text(nfd)), count: 3)), [true, false, nil])
        XCTAssertEqual(opt(try Comparison.compare(.notEqual, .column(t), .scalar(.text(nfd)), count: 3)), [false, true, nil])
        XCTAssertEqual(opt(try Comparison.compare(.equal, .column(t), .scalar(.text("Absent")), count: 3)), [false, false, nil])
        // Ordering by Vietnamese collation: "Cao Bằng" < "Đà" < "Hà Giang".
        XCTAssertEqual(opt(try Comparison.compare(.less, .column(t), .scalar(.text("Đà")), count: 3)), [false, true, nil])
        // Two dictionaries, one spelled NFD.
        let u = Column(name: "u", storage: .text([0, 1, 0], TextDictionary(uniqueNFC: ["Zeta", nfd.precomposedStringWithCanonicalMapping])))
        XCTAssertEqual(opt(try Comparison.compare(.equal, .column(t), .column(u), count: 3)), [false, false, nil])
        let u2 = Column.texts("u2", [nfd, "An Giang", "x"])
        XCTAssertEqual(opt(try Comparison.compare(.equal, .column(t), .column(u2), count: 3)), [true, false, nil])
        XCTAssertEqual(opt(try Comparison.compare(.greater, .column(t), .column(u2), count: 3)), [false, true, nil])
        XCTAssertThrowsError(try Comparison.compare(.equal, .column(t), .scalar(.int(1)), count: 3))
    }

    func testInBetweenCoalesceIfIsNull() throws {
        let t = Column.texts("t", ["Hà Nội", "Huế", nil])
        XCTAssertEqual(opt(try Conditional.isIn(t, [.text("Huế".decomposedStringWithCanonicalMapping), .null, .text("none")])), [false, true, nil])
        let x = Column.ints("x", [1, 5, nil, 10])
        XCTAssertEqual(opt(try Conditional.isIn(x, [.int(5), .int(10)])), [false, true, nil, true])
        XCTAssertEqual(opt(try Conditional.between(.column(x), .scalar(.int(2)), .scalar(.int(10)), count: 4)), [false, true, nil, true])
        XCTAssertEqual(opt(Conditional.isNull(x)), [false, false, true, false])
        XCTAssertEqual(opt(Conditional.isNotNull(x)), [true, true, false, true])
        XCTAssertEqual(vals(try Conditional.coalesce([.column(x), .scalar(.int(0))], count: 4)), [.int(1), .int(5), .int(0), .int(10)])
        XCTAssertEqual(vals(try Conditional.coalesce([.column(x), .scalar(.float(0.5))], count: 4)), [.float(1), .float(5), .float(0.5), .float(10)])
        let c = Column.bools("c", [true, false, nil, true])
        XCTAssertEqual(vals(try Conditional.ifThenElse(.column(c), .column(x), .scalar(.int(-1)), count: 4)), [.int(1), .int(-1), .int(-1), .int(10)])
        let tt = try Conditional.coalesce([.column(t), .scalar(.text("khác"))], count: 3)
        XCTAssertEqual(vals(tt), [.text("Hà Nội"), .text("Huế"), .text("khác")])
    }

    func testTextFunctionsOnDictionary() throws {
        let t = Column.texts("t", ["Hà Nội", "HÀ NỘI", "Hải Phòng", nil])
        let l = try TextFunctions.lower(t)
        XCTAssertEqual(vals(l), [.text("hà nội"), .text("hà nội"), .text("hải phòng"), .null])
        guard case .text(_, let d) = l.storage else { return XCTFail() }
        XCTAssertEqual(d.count, 2, "equal lowercased values merge")
        XCTAssertEqual(opt(try TextFunctions.contains(t, "Nội")), [true, false, false, nil])
        XCTAssertEqual(opt(try TextFunctions.contains(t, "nội", options: .caseInsensitive)), [true, true, false, nil])
        XCTAssertEqual(opt(try TextFunctions.startsWith(t, "ha", options: [.caseInsensitive, .diacriticInsensitive])), [true, true, true, nil])
        XCTAssertEqual(opt(try TextFunctions.startsWith(t, "Hà".decomposedStringWithCanonicalMapping)), [true, false, false, nil])
        XCTAssertEqual(opt(try TextFunctions.endsWith(t, "Phòng")), [false, false, true, nil])
    }

    /// fold: values that fold alike share one dictionary entry; `valuesPresent` lists only values some valid row has.
    func testFoldAndValuesPresent() throws {
        let t = Column.texts("t", ["Hà Nội", "HA NOI", "Đà Nẵng", nil])
        let f = try TextFunctions.fold(t)
        XCTAssertEqual(vals(f), [.text("ha noi"), .text("ha noi"), .text("da nang"), .null])
        guard case .text(_, let d) = f.storage else { return XCTFail() }
        XCTAssertEqual(d.count, 2)
        // Rows 0 and 3 kept: whatever the dictionary still holds, only Hà Nội has a row (row 3 is null).
        let kept = Gather.column(t, rows: [0, 3])
        XCTAssertEqual(TextFunctions.valuesPresent(kept), ["Hà Nội"])
    }
}
