import AlmanacCore
import AlmanacDiagnostics
import XCTest
@testable import AlmanacQuery

/// `check` finds every name and type error without running; `run` finds them before reading any table. Steps
/// after a pivot bind only once the pivot has run, but functions, parameters and datasets are checked up front.
final class CheckTests: XCTestCase {
    func check(_ text: String, parameters: [String: String] = [:]) -> String? {
        do {
            _ = try Fixtures.engine().check(SourceFile(name: "q.aq", text: text), parameters: parameters)
            return nil
        } catch { return Render.error(error) }
    }

    func testCheckPassesAValidQueryWithoutReading() throws {
        let provider = InMemoryProvider(Fixtures.all)
        let plan = try QueryEngine(provider: provider).check(SourceFile(name: "q.aq", text: "from trade\naggregate v = sum(value_usd) by province, period\nderive g = yoy(v)"))
        XCTAssertEqual(plan.nodes.count, 3)
        XCTAssertEqual(plan.outputSchema.names, ["province", "period", "v", "g"])
        XCTAssertEqual(plan.outputSchema.field("g")?.meta.unit, "ratio")
        XCTAssertTrue(provider.loads.isEmpty)
    }

    func testUnknownFunctionAfterPivot() {
        XCTAssertEqual(check("from trade\npivot flow\nderive x = nosuch(1)"), """
            error: unknown function 'nosuch'
             --> q.aq:3:12
              |
            3 | derive x = nosuch(1)
              |            ^^^^^^
              = hint: available functions: sum, avg, min, max, count, median, first, last, cagr, year, quarter, month, round, abs, coalesce, if, lower, upper, contains, startswith, ym, yq, period, lag, diff, pop, yoy, ytd, cumsum, rolling, index, share, rank, progress, required_growth
            """)
    }

    func testAfterPivotParametersArityPlacementAndJoinsAreChecked() {
        XCTAssertEqual(check("from trade\npivot flow\nderive z = `export` + $p"), """
            error: parameter '$p' has no value
             --> q.aq:3:23
              |
            3 | derive z = `export` + $p
              |                       ^^
              = hint: pass it as --param p=…
            """)
        XCTAssertEqual(check("from trade\npivot flow\nderive g = yoy(`export`, 1)"), """
            error: yoy takes 1 argument, found 2
             --> q.aq:3:12
              |
            3 | derive g = yoy(`export`, 1)
              |            ^^^^^^^^^^^^^^^^
              = hint: usage: yoy(x)
            """)
        XCTAssertEqual(check("from trade\npivot flow\nwhere sum(`export`) > 0"), """
            error: sum is an aggregate function; it cannot be used in a where step
             --> q.aq:3:7
              |
            3 | where sum(`export`) > 0
              |       ^^^
              = hint: use it in an aggregate step: aggregate total = sum(x) by …
            """)
        XCTAssertEqual(check("from trade\npivot flow\naggregate s = sum(pop(`export`))"), """
            error: pop works along each series by period; it cannot be used in an aggregate function's argument
             --> q.aq:3:19
              |
            3 | aggregate s = sum(pop(`export`))
              |                   ^^^
              = hint: use it in a derive step: derive g = pop(x)
            """)
        XCTAssertEqual(check("from trade\npivot flow\njoin region_code on province"), """
            error: unknown dataset 'region_code'
             --> q.aq:3:6
              |
            3 | join region_code on province
              |      ^^^^^^^^^^^ not in the catalog
              = hint: did you mean 'region_codes'?
            """)
        XCTAssertNil(check("from trade\npivot flow\nderive z = `export` + $p", parameters: ["p": "1"]))
    }

    func testRunRefusesBeforeReadingAnyTable() {
        let provider = InMemoryProvider(Fixtures.all)
        let engine = QueryEngine(provider: provider)
        XCTAssertNotNil(engine.errorText("from trade\npivot flow\nderive x = nosuch(1)"))
        XCTAssertNotNil(engine.errorText("from trade\nwhere provnce = 1"))
        XCTAssertNotNil(engine.errorText("from trade\naggregate s = sum(province)"))
        XCTAssertTrue(provider.loads.isEmpty, "read \(provider.loads) before reporting a bind error")
    }
}
