import XCTest
import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics
@testable import AlmanacEngine
import AlmanacTestSupport

/// `aggregate … by y = year(period)` groups through a lookup over the period range (DerivedPeriodKey) instead of a
/// year column computed row by row; the result must be exactly what the computed column gives.
final class DerivedPeriodKeyTests: XCTestCase {
    /// 2,000 rows over 2015-01 … 2024-12 (120 months, so the lookup pays), one period in ten null.
    func table() -> Table {
        var rng = LCG(state: 5)
        var periods: [Period?] = [], flows: [String?] = [], values: [Double?] = []
        for _ in 0..<2000 {
            periods.append(rng.next() % 10 == 0 ? nil : .month(Int32(2015 + rng.next() % 10), Int32(1 + rng.next() % 12)))
            flows.append(rng.next() % 2 == 0 ? "export" : "import")
            values.append(rng.next() % 7 == 0 ? nil : Double(rng.next() % 1000) / 4)
        }
        return T.table(.periods("period", periods, frequency: .month), .texts("flow", flows), .floats("value", values))
    }

    func testTheLookupIsTakenAndAgreesWithTheComputedKeys() throws {
        let t = table()
        let span = SourceSpan(file: SourceFile(name: "q", text: "year(period)"), start: 0, end: 12)
        let year = BoundExpr.scalar(.year, [.column("period", .period(.month))], .period(.year), span)
        XCTAssertNotNil(DerivedPeriodKey.make(year, over: t), "year(period) over 120 months and 2,000 rows is looked up")
        XCTAssertNil(DerivedPeriodKey.make(.column("period", .period(.month)), over: t), "a plain column is encoded as it is")
        let small = try Table(columns: t.columns.map { Gather.column($0, rows: Array(0..<100)) })
        XCTAssertNil(DerivedPeriodKey.make(year, over: small), "100 rows over 120 months: computed row by row")

        let engine = QueryEngine(provider: InMemoryProvider(["t": t]))
        let fused = try engine.run("from t\naggregate v = sum(value), n = count() by flow, y = year(period), q = quarter(period)")
        let computed = try engine.run("from t\nderive y = year(period), q = quarter(period)\naggregate v = sum(value), n = count() by flow, y, q")
        XCTAssertEqual(Render.table(fused.table), Render.table(computed.table))
        // The null periods form a group of their own under each flow: years 2015…2024 give at most 40 quarters.
        XCTAssertTrue(Render.table(fused.table).contains("| export | null | null |"), Render.table(fused.table))
    }
}

/// A tiny deterministic generator for fixtures.
private struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
}
