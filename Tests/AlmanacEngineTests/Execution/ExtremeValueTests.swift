import XCTest
import AlmanacCore
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
@testable import AlmanacKernels
import AlmanacSyntax

/// Values near the largest a Double holds (±1.8e308): a right answer where one exists, otherwise null with an
/// honest warning; never 0, inf or a wrong reason.
final class ExtremeValueTests: XCTestCase {
    func testAvgOfAGroupWhoseSumOverflowsIsItsMean() throws {
        // A: three times 1e308 (sum inf) → mean 1e308. B: 1.7e308 twice → 1.7e308. C: 1e308 + 1e308 − 1e308: the
        // running sum overflows, the mean is 1e308 / 3 and the sum 1e308. D: 1 and 3 → 2 (the ordinary path).
        let g = try Grouping.build(keys: [Column.texts("g", ["A", "A", "A", "B", "B", "C", "C", "C", "D", "D"])])
        let x = Column.floats("x", [1e308, 1e308, 1e308, 1.7e308, 1.7e308, 1e308, 1e308, -1e308, 1, 3])
        let a = opt(try Aggregates.avg(x, g))
        XCTAssertEqual(a[0]!, 1e308, accuracy: 1e293)
        XCTAssertEqual(a[1]!, 1.7e308, accuracy: 1e293)
        XCTAssertEqual(a[2]!, 1e308 / 3, accuracy: 1e293)
        XCTAssertEqual(a[3], 2)
        // Sums: A and B are beyond any Double: null (never 0 or inf); C fits once computed without overflow.
        let s = vals(try Aggregates.sum(x, g))
        XCTAssertEqual(s[0], .null)
        XCTAssertEqual(s[1], .null)
        XCTAssertEqual(s[2].number!, 1e308, accuracy: 1e293)
        XCTAssertEqual(s[3], .float(4))
    }

    func testAvgThroughTheEngine() throws {
        let t = T.table(.texts("g", ["A", "A", "A"]), .floats("x", [1e308, 1e308, 1e308]))
        let r = try QueryEngine(provider: InMemoryProvider(["t": t])).run("from t | aggregate a = avg(x), s = sum(x) by g")
        XCTAssertEqual(Render.table(r.table), "| g | a | s |\n| A | 1e+308 | null |")
    }

    func testIndexOfExtremeValuesDividesFirst() throws {
        // x = base = 1e308: 1e308 / 1e308 × 100 = 100 (100 × 1e308 would overflow first).
        let t = T.table(T.years([2020, 2021, 2022]), .floats("x", [5e307, 1e308, 1e308]))
        let r = try QueryEngine(provider: InMemoryProvider(["t": t])).run("from t | derive i = index(x, 2021)")
        XCTAssertEqual(numbers(r.table, "i"), [50, 100, 100])
        XCTAssertTrue(r.warnings.isEmpty, "\(r.warnings.map(\.message))")
    }

    func testIndexOverflowIsNotCalledAMissingBase() throws {
        // 1e308 over a base of 1e-10 is beyond any Double: null, with the overflow named (the base is there).
        let t = T.table(T.years([2020, 2021]), .floats("x", [1e-10, 1e308]))
        let r = try QueryEngine(provider: InMemoryProvider(["t": t])).run("from t | derive i = index(x, 2020)")
        XCTAssertEqual(numbers(r.table, "i"), [100, nil])
        XCTAssertEqual(r.warnings.map(\.message), ["index(x, 2020): 1 row's result is beyond the largest number (about ±1.8e308); it is null"])
    }

    func testDiffAcrossExtremesWarnsOfOverflowNotAMissingPeriod() throws {
        // 2022 − 2021 = 0; 2023 − 2022 = −1e308 − 1e308 overflows: null, and the warning says so; 2024 − 2023 =
        // 1 + 1e308 = 1e308; 2026 has no 2025: the gap warning, apart.
        let t = T.table(T.years([2021, 2022, 2023, 2024, 2026]), .floats("x", [1e308, 1e308, -1e308, 1, 2]))
        let r = try QueryEngine(provider: InMemoryProvider(["t": t])).run("from t | derive d = diff(x)")
        XCTAssertEqual(numbers(r.table, "d"), [nil, 0, nil, 1e308, nil])
        XCTAssertEqual(r.warnings.map(\.message), [
            "diff(): 1 row's result is beyond the largest number (about ±1.8e308); it is null",
            "diff(): 1 row has no value for the previous period; its result is null",
        ])
    }

    func numbers(_ t: Table, _ name: String) -> [Double?] {
        let c = t.column(named: name)!
        return (0..<c.count).map { c.value(at: $0).number }
    }
}

private func opt<T>(_ m: Masked<T>) -> [T?] { (0..<m.count).map { m[$0] } }
private func vals(_ c: Column) -> [Value] { (0..<c.count).map { c.value(at: $0) } }
