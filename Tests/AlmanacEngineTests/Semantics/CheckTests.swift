import AlmanacCore
import AlmanacDiagnostics
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

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
              = hint: available functions: sum, avg, min, max, count, median, first, last, cagr, year, quarter, month, round, abs, coalesce, if, lower, upper, fold, contains, startswith, ym, yq, period, lag, diff, pop, yoy, ytd, cumsum, rolling, index, share, rank, progress, required_growth
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
        XCTAssertEqual(check("from trade\npivot flow\nderive g = yoy(`export`, matched, 1)"), """
            error: yoy takes 1 to 2 arguments, found 3
             --> q.aq:3:12
              |
            3 | derive g = yoy(`export`, matched, 1)
              |            ^^^^^^^^^^^^^^^^^^^^^^^^^
              = hint: usage: yoy(x[, matched])
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
              = hint: use it in a derive step: derive g = pop(x[, matched])
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

    /// After a pivot the remaining keys are known, and so is the shape of the columns it makes (a pivot over years
    /// makes columns named 2023, 2024, …): what cannot hold whatever the data is refused by check.
    func testAfterPivotKeysAreTypeCheckedAndImpossibleNamesRefused() {
        let head = "from trade\naggregate v = sum(value_usd) by province, y = year(period)\npivot y\n"
        XCTAssertEqual(check(head + "derive x = province + 1"), """
            error: cannot add text and an integer
             --> q.aq:4:12
              |
            4 | derive x = province + 1
              |            ^^^^^^^^^^^^
              = hint: text is not a number; if the column holds numbers, declare its type in the catalog
            """)
        XCTAssertEqual(check(head + "derive x = nosuch + 1"), """
            error: unknown column 'nosuch'
             --> q.aq:4:12
              |
            4 | derive x = nosuch + 1
              |            ^^^^^^ not a column after the pivot step
              = hint: pivot y makes columns named like 2020, 2021; the other columns: province
            """)
        // A year column holds the value's type: text is refused, numbers are fine.
        XCTAssertNotNil(check(head + "derive x = `2024` + \"a\""))
        XCTAssertNil(check(head + "derive g = `2024` / `2023` - 1\nwhere g > 0"))
        // Years that may or may not be in the data wait for it (2030 could be a column).
        XCTAssertNil(check(head + "derive x = `2030` * 2"))
        // A select fixes the columns: later steps are checked against them.
        XCTAssertNotNil(check(head + "select province, `2024`\nderive z = province * 2"))
        XCTAssertNotNil(check(head + "select province, `2024`\nsort `2023`"))
        // Several values: columns are named value_year.
        let two = "from trade\naggregate v = sum(value_usd), n = count() by province, y = year(period)\npivot y\n"
        XCTAssertNil(check(two + "derive x = v_2024 / n_2024"))
        XCTAssertNotNil(check(two + "derive x = v2024"))
        // Over text, any name may be a value: only the keys are checked.
        let text = "from trade\naggregate v = sum(value_usd) by province, flow\npivot flow\n"
        XCTAssertNil(check(text + "derive x = anything + 1"))
        XCTAssertNotNil(check(text + "derive x = province + 1"))
    }

    func testRunRefusesBeforeReadingAnyTable() {
        let provider = InMemoryProvider(Fixtures.all)
        let engine = QueryEngine(provider: provider)
        XCTAssertNotNil(engine.errorText("from trade\npivot flow\nderive x = nosuch(1)"))
        XCTAssertNotNil(engine.errorText("from trade\nwhere provnce = 1"))
        XCTAssertNotNil(engine.errorText("from trade\naggregate s = sum(province)"))
        XCTAssertNotNil(engine.errorText("from trade\naggregate v = sum(value_usd) by province, y = year(period)\npivot y\nderive x = province + 1"))
        XCTAssertTrue(provider.loads.isEmpty, "read \(provider.loads) before reporting a bind error")
    }
}
