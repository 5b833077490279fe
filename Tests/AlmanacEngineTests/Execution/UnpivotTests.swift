import AlmanacCore
import AlmanacDiagnostics
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// `unpivot`: the inverse of `pivot`, period names, value types, units, roles, lineage and explain.
final class UnpivotTests: XCTestCase {
    let engine = Fixtures.engine()

    func run(_ tables: [String: Table], _ query: String) throws -> QueryResult {
        try QueryEngine(provider: InMemoryProvider(tables)).run(query)
    }

    /// A long table pivoted wide and unpivoted back is the same table: rows, order, types and roles.
    func testPivotThenUnpivotReturnsTheTable() throws {
        let long = T.table(
            .texts("province", ["Hà Giang", "Hà Giang", "Cao Bằng", "Cao Bằng", "Lào Cai"]),
            T.years([2019, 2020, 2019, 2020, 2020], name: "year"),
            .floats("arrivals", [1.5, 2, 3, 4.25, 5])
        )
        let r = try run(["long": long], "from long\npivot year\nunpivot all except province into year, arrivals")
        XCTAssertEqual(r.table.columnNames, long.columnNames)
        XCTAssertEqual(r.table.rowCount, long.rowCount)
        for i in 0..<long.rowCount { XCTAssertEqual(r.table.row(i), long.row(i), "row \(i)") }
        XCTAssertEqual(r.table.columns.map(\.dataType), long.columns.map(\.dataType))
        XCTAssertEqual(r.table.periodKey?.name, "year")
        XCTAssertEqual(r.table.column(named: "arrivals")?.meta.role, .measure)
        // Lào Cai's empty 2019 cell after the pivot is left out again, and said so.
        XCTAssertEqual(r.facts.map(\.fact), [.unpivotNulls(cells: 1, column: "arrivals")])
    }

    func testEverySpellingOfAPeriodNameMakesItsFrequency() throws {
        let cases: [([String], DataType, String)] = [
            (["2019", "2020"], .period(.year), "2019"),
            (["2019-Q1", "2019-Q2"], .period(.quarter), "2019-Q1"),
            (["T1/2024", "T2/2024"], .period(.month), "2024-01"),
            (["Tháng 1/2023", "Tháng 2/2023"], .period(.month), "2023-01"),
            (["Jan 2023", "February 2023"], .period(.month), "2023-01"),
            (["Năm 2023", "Năm 2024"], .period(.year), "2023"),
            (["export", "import"], .text, "export"),
            (["2019", "2019-Q2"], .text, "2019"),
        ]
        for (names, type, first) in cases {
            let t = T.table([.texts("k", ["a"])] + names.map { Column.ints($0, [1]) })
            let r = try run(["t": t], "from t\nunpivot all except k into p, v")
            XCTAssertEqual(r.table.column(named: "p")?.dataType, type, "\(names)")
            XCTAssertEqual(r.table.column(named: "p").map { Render.cell($0.value(at: 0)) }, first, "\(names)")
            if type == .text, names.contains("2019") {
                XCTAssertEqual(r.warnings.map(\.id), ["query.unpivot-names-text"], "\(names)")
            }
        }
    }

    func testANewPeriodIsTheKeyOnlyWhenTheTableHasNone() throws {
        let none = try engine.run("from wide\nunpivot `2019`, `2020`, `2021` into year, arrivals")
        XCTAssertEqual(none.table.periodKey?.name, "year")
        // monthly has a period: the years of the names are a series key beside it, not a second period key.
        let t = T.table(T.months(["2024-01"]), .texts("k", ["a"]), .ints("2019", [1]), .ints("2020", [2]))
        let r = try run(["t": t], "from t\nunpivot `2019`, `2020` into year, v\nderive g = pop(v)")
        XCTAssertEqual(r.table.periodKey?.name, "period")
        XCTAssertEqual(r.table.column(named: "year")?.meta.role, .dimension)
    }

    func testValuesTakeTheWidestTypeAndASharedUnit() throws {
        let r = try engine.run("from wide\nunpivot `2019`, `2020`, `2021` into year, arrivals")
        XCTAssertEqual(r.table.column(named: "arrivals")?.dataType, .float)
        XCTAssertEqual(r.table.column(named: "arrivals")?.meta.unit, "thousand arrivals")
        let ints = try engine.run("from wide\nunpivot `2019`, `2021` into year, arrivals")
        XCTAssertEqual(ints.table.column(named: "arrivals")?.dataType, .int)
        // A column without a unit beside ones with: no unit claimed.
        let mixed = try engine.run("from wide\nderive `2022` = `2021` * 1\nselect province, `2021`, `2022` = `2021` + 0\nunpivot `2021`, `2022` into year, n")
        XCTAssertNil(mixed.table.column(named: "n")?.meta.unit)
        let texts = try run(["t": T.table(.texts("k", ["a", "b"]), .texts("2019", ["có", nil]), .texts("2020", ["không", "có"]))],
                            "from t\nunpivot `2019`, `2020` into year, answer")
        XCTAssertEqual(texts.table.column(named: "answer")?.dataType, .text)
        XCTAssertEqual(texts.table.rowCount, 3)
        XCTAssertEqual(texts.table.column(named: "answer")?.meta.role, .attribute)
    }

    func testTypesThatCannotShareAColumnAreAnError() throws {
        let t = T.table(.texts("k", ["a"]), .ints("2019", [1]), .bools("2020", [true], meta: ColumnMeta(role: .measure)))
        XCTAssertThrowsError(try QueryEngine(provider: InMemoryProvider(["t": t])).check(SourceFile(name: "q.aq", text: "from t\nunpivot `2019`, `2020` into y, v"))) { e in
            XCTAssertEqual((e as? DiagnosticError)?.ids, [TypeMismatch.unpivotValues.id])
        }
    }

    func testSameRowFormulasOfKeptColumnsSurviveAndOthersEnd() throws {
        let t = T.table(.texts("k", ["a", "b"]), .floats("num", [1, 3]), .floats("den", [2, 4]), .floats("2019", [5, 6]), .floats("2020", [7, 8]))
        let r = try run(["t": t], "from t\nderive share = num / den, s = `2019` / den\nunpivot `2019`, `2020` into year, v")
        XCTAssertNotNil(r.lineage["share"], "num and den repeat row by row: share = num / den still holds")
        XCTAssertNil(r.lineage["s"], "2019 is gone: its formula cannot be written")
    }

    func testExplainAndCheckShowTheStep() throws {
        let plan = try engine.check(SourceFile(name: "q.aq", text: "from wide\nunpivot all except province, unit into year, arrivals keep nulls"))
        let text = PlanPrinter.render(plan)
        XCTAssertTrue(text.contains("Unpivot 2019, 2020, 2021 into year (period(year)), arrivals (number) keeping province, unit, nulls kept"), text)
        XCTAssertTrue(text.contains("year: period(year), arrivals: number [thousand arrivals]"), text)
        // Only the columns the step reads are loaded.
        XCTAssertEqual(ColumnPruning.sourceColumns(try engine.check(SourceFile(name: "q.aq", text: "from wide\nunpivot `2019` into year, n\nselect year, n"))),
                       ["province", "unit", "2019"])
    }

    func testAfterAPivotTheStepIsBoundOnceThePivotHasRun() throws {
        // The pivot's columns are known only when it runs; the unpivot of all but the row key is checked then.
        let r = try engine.run("from trade\naggregate v = sum(value_usd) by province, flow\npivot flow\nunpivot all except province into flow, v")
        XCTAssertEqual(r.table.columnNames, ["province", "flow", "v"])
        XCTAssertEqual(r.table.rowCount, 6 - 1, "Lào Cai has no import row")
    }
}
