import XCTest
import AlmanacCore
import AlmanacIO
import AlmanacDiagnostics
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// A looked-up column never overwrites a column of the input: it takes `NAME_DATASET`, then `NAME_DATASET_2`, ….
final class JoinNamingTests: XCTestCase {
    func testLookedUpColumnsNeverOverwrite() throws {
        let dir = TestSupport.temporaryDirectory("join-names")
        try Data("k,v,v_rates\na,2,99\n".utf8).write(to: dir.appendingPathComponent("left.csv"))
        try Data("k,v\na,1\n".utf8).write(to: dir.appendingPathComponent("rates.csv"))
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: "catalog.toml", datasets: [:]))
        let q = "from \"\(dir.path)/left.csv\"\njoin \"\(dir.path)/rates.csv\" on k"
        let plan = try engine.check(SourceFile(name: "q.aq", text: q))
        XCTAssertEqual(plan.outputSchema.names, ["k", "v", "v_rates", "v_rates_2"])
        let r = try engine.run(q)
        XCTAssertEqual(r.table.columnNames, ["k", "v", "v_rates", "v_rates_2"])
        XCTAssertEqual(r.table.row(0), [.text("a"), .int(2), .int(99), .int(1)])
        XCTAssertEqual(JoinNaming.name(for: "x", dataset: "d", taken: ["y"]), "x")
    }
}

extension JoinNamingTests {
    func testAPivotValueThatNamesARowKeyIsAClearError() throws {
        let path = TestSupport.writeTemporary("k,v,g\ng,1,a\nx,2,b\n", name: "pv.csv")
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))
        XCTAssertThrowsError(try engine.run("from \"\(path)\"\npivot k values v")) { e in
            XCTAssertTrue("\(e)".contains("pivot: a value of 'k' is 'g', which is already a column of the result"), "\(e)")
        }
    }
}
