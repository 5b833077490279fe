import AlmanacCore
import AlmanacDiagnostics
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport

/// `unpivot` cells that cannot be numbers: located in the source (through the steps before, which keep and reorder
/// rows) when the load was strict, set aside as rejected rows when it was lenient.
final class UnpivotLenientTests: XCTestCase {
    /// `wide_months` as a sheet whose data starts on row 3 (header on row 2): row r is sheet row r + 3, and the
    /// columns are B (province) to E (`Mar 2024`).
    final class SheetProvider: TableProvider, @unchecked Sendable {
        let lenient: Bool
        init(lenient: Bool) { self.lenient = lenient }
        var datasetNames: [String] { ["wide_months"] }
        func resolve(_ name: String, quoted: Bool) -> SourceResolution {
            name == "wide_months" ? .found(SourceHandle(key: "sheet:wide_months", displayName: "wide_months")) : .unknown
        }
        func schema(of source: SourceHandle) throws -> Schema { Schema(Fixtures.wideMonths) }
        func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable {
            let letters = ["province": "B", "Jan 2024": "C", "Feb 2024": "D", "Mar 2024": "E"]
            return SourceTable(table: Fixtures.wideMonths, lenient: lenient, locate: { rows, column in
                Dictionary(uniqueKeysWithValues: rows.map { r in (r, RowPlace.cell("\(column.flatMap { letters[$0] } ?? "?")\(r + 3)")) })
            })
        }
    }

    func run(_ query: String, lenient: Bool) throws -> QueryResult {
        try QueryEngine(provider: SheetProvider(lenient: lenient)).run(query)
    }

    func testAStrictLoadStopsAtTheCellNamedInTheSource() throws {
        // The filter leaves Cao Bằng alone as row 0; its cell is still found at source row 1, sheet row 4.
        XCTAssertThrowsError(try run("from wide_months\nwhere province != \"Hà Giang\"\nunpivot all except province into month, n", lenient: false)) { e in
            let text = Render.error(e)
            XCTAssertTrue(text.contains("unpivot: 'Mar 2024' holds 'n/a' where province = Cao Bằng (wide_months, cell E4), which is not a number"), text)
            XCTAssertTrue(text.contains("--lenient"), text)
        }
    }

    func testALenientLoadSetsTheCellAsideAsARejectedRow() throws {
        let r = try run("from wide_months\nsort province desc\nunpivot all except province into month, n", lenient: true)
        // Hà Giang's three months and Cao Bằng's two: 10 + 12 + 15 + 4 + 5.
        XCTAssertEqual(r.table.rowCount, 5)
        XCTAssertEqual(r.table.column(named: "n").map { c in (0..<c.count).compactMap { c.value(at: $0).number }.reduce(0, +) }, 46)
        let expected = RejectedRow(line: 4, reason: "cell E4: unpivot: 'Mar 2024' holds 'n/a', which is not a number", text: "n/a")
        XCTAssertEqual(r.rejected.map(\.source), ["wide_months"])
        XCTAssertEqual(r.rejected.first?.rows, [expected])
        // One warning, located; the set-aside cell is not counted as an empty one.
        XCTAssertEqual(r.facts.map(\.fact), [.unpivotRejected(source: "wide_months", cells: 1, examples: ["cell E4: unpivot: 'Mar 2024' holds 'n/a', which is not a number"])])
        XCTAssertEqual(r.warnings.first?.message, "unpivot: 1 cell of 'wide_months' that is not a number was set aside (--lenient)")
    }

    func testKeepNullsKeepsEmptyCellsButNotTheCellsSetAside() throws {
        let r = try run("from wide_months\nderive `Apr 2024` = if(province = \"Hà Giang\", 20, null)\nunpivot all except province into month, n keep nulls", lenient: true)
        // 2 rows × 4 months = 8 cells, less Cao Bằng's March set aside: its empty April stays, as null.
        XCTAssertEqual(r.table.rowCount, 7)
        XCTAssertEqual(r.table.column(named: "n")?.validity.nullCount, 1)
        XCTAssertEqual(r.rejected.first?.rows.count, 1)
    }

    func testAfterAnAggregateTheRowIsNamedByItsKeys() throws {
        // The aggregate makes new rows: no source row to name; the keys still say which.
        XCTAssertThrowsError(try run("from wide_months\naggregate `Jan 2024` = sum(`Jan 2024`), `Mar 2024` = max(`Mar 2024`) by province\nunpivot all except province into month, n", lenient: true)) { e in
            XCTAssertTrue(Render.error(e).contains("'Mar 2024' holds 'n/a' where province = Cao Bằng, which is not a number"), Render.error(e))
        }
    }
}
