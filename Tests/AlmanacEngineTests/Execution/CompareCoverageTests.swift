import XCTest
import AlmanacCore
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// compare sums what each range holds; a range only partly covered must be said, not passed off as a whole.
final class CompareCoverageTests: XCTestCase {
    func testPartlyCoveredRangesWarn() throws {
        let path = TestSupport.writeTemporary("province,period,v\nA,2019,1\nA,2020,2\nA,2021,3\nA,2022,4\nB,2020,5\nB,2021,6\nB,2022,7\n", name: "c.csv")
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))
        let r = try engine.run("from \"\(path)\"\ncompare 2019..2020 vs 2021..2022")
        XCTAssertEqual(TestSupport.values(r.table, "v_base"), [.float(3), .float(5)])
        let w = r.warnings.filter { $0.id.rawValue == "query.compare-partial" }
        XCTAssertEqual(w.count, 1)
        XCTAssertTrue(w[0].message.contains("1 series has only some of the 2 periods of 2019..2020"), w[0].message)
        XCTAssertFalse(w[0].message.contains("2021..2022"), "both series have all of 2021..2022")
        XCTAssertEqual(w[0].notes, ["for example (B): 1 of 2"])
        let full = try engine.run("from \"\(path)\"\ncompare 2021..2021 vs 2022..2022")
        XCTAssertTrue(full.warnings.filter { $0.id.rawValue == "query.compare-partial" }.isEmpty)
    }
}

extension CompareCoverageTests {
    /// A regression from the binder fuzzer: a lag far beyond any period once overflowed while the gaps were counted.
    func testExtremeLagStepsNeverTrap() throws {
        let path = TestSupport.writeTemporary("period,v\n2020,1\n2021,2\n", name: "lag.csv")
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))
        for steps in ["-9223372036854775807", "9223372036854775807", "-1"] {
            let r = try engine.run("from \"\(path)\"\nderive l = lag(v, \(steps))")
            XCTAssertEqual(r.table.rowCount, 2)
        }
    }
}
