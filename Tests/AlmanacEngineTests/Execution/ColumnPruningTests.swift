import XCTest
import AlmanacCore
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// The loader is asked only for the columns a query reads — and never loses a key a series depends on.
final class ColumnPruningTests: XCTestCase {
    /// Loads CSV files and records the columns each load asked for.
    final class RecordingProvider: TableProvider {
        let path: String
        var requests: [Set<String>?] = []
        init(path: String) { self.path = path }
        var datasetNames: [String] { ["trade"] }
        func resolve(_ name: String, quoted: Bool) -> SourceResolution {
            name == "trade" ? .found(SourceHandle(key: path, displayName: path)) : .unknown
        }
        func schema(of source: SourceHandle) throws -> Schema { Schema(try CSVReader.load(path: path).table) }
        func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable {
            requests.append(columns)
            var o = CSVOptions()
            o.columns = columns
            return SourceTable(table: try CSVReader.load(path: path, options: o).table)
        }
    }

    let path = TestSupport.writeTemporary("""
    period,province,partner,weight,value
    2023-01,Hà Giang,Trung Quốc,7,10
    2023-01,Hà Giang,Lào,8,1
    2024-01,Hà Giang,Trung Quốc,9,12
    2024-01,Hà Giang,Lào,6,2

    """, name: "trade.csv")

    func run(_ q: String) throws -> (QueryResult, Set<String>?) {
        let p = RecordingProvider(path: path)
        let r = try QueryEngine(provider: p).run(q)
        return (r, p.requests.last ?? nil)
    }

    func testAggregateReadsOnlyItsColumns() throws {
        let (r, cols) = try run("from trade\naggregate v = sum(value) by year = year(period)")
        XCTAssertEqual(cols, ["value", "period"])
        XCTAssertEqual(r.table.column(named: "v")?.value(at: 1), .int(14))
    }

    func testTimeFunctionsKeepEverySeriesKey() throws {
        // yoy per (province, partner): dropping `partner` would merge two series and fail (two rows per period).
        let (r, cols) = try run("from trade\nderive g = yoy(value)\nselect period, g")
        XCTAssertEqual(cols, ["period", "value", "province", "partner"], "the measure 'weight' is not read; every key is")
        XCTAssertEqual(Set((0..<r.table.rowCount).compactMap { r.table.column(named: "g")?.value(at: $0).number.map { ($0 * 1000).rounded() } }), [200, 1000])
    }

    func testAQueryWithoutAClosingStepReadsEverything() throws {
        let (r, cols) = try run("from trade\nwhere value > 5")
        XCTAssertNil(cols)
        XCTAssertEqual(r.table.columns.count, 5)
    }

    func testCountingRowsStillReadsTheRows() throws {
        let (r, cols) = try run("from trade\naggregate n = count()")
        XCTAssertEqual(cols?.count, 1, "one column is enough to count rows")
        XCTAssertEqual(r.table.column(named: "n")?.value(at: 0), .int(4))
        let (s, _) = try run("from trade\nselect x = 1")
        XCTAssertEqual(s.table.rowCount, 4)
    }
}
