import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// A pivot's failures in SQL are the local pivot's: two rows for one cell stop the statement with a message saying
/// so, no rows before the pivot and a value that names an existing column are the local errors, before any
/// statement runs; without its values, the pivot is refused by name.
final class SQLPivotTests: XCTestCase {
    static let csv = "period,province,flow,value_usd\n2024-01,Huế,export,1\n2024-01,Hue\u{302}\u{301},export,2\n2024-01,Hà Nội,province,3\n"

    func setUp(_ table: String) throws -> (PostgresConnection, QueryEngine, SQLCompiler, String) {
        let db = try PostgresConnection(url: try PostgresCluster.shared())
        try db.execute("DROP TABLE IF EXISTS \(table)")
        try db.execute("CREATE TABLE \(table) (period text, province text, flow text, value_usd double precision)")
        try db.copyIn("COPY \(table) FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.csv.utf8))
        let dir = TestSupport.temporaryDirectory("sql-pivot")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("t.csv").path
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        return (db, engine, SQLCompiler(dialect: PostgresDialect()) { _ in .table(table) }, path)
    }

    func compile(_ text: String, _ db: PostgresConnection, _ engine: QueryEngine, _ compiler: SQLCompiler) throws -> String {
        try compiler.compile(try engine.check(.init(name: "p.aq", text: text)), engine: engine) { statement, _ in
            let c = try db.query(statement)[0]
            return (0..<c.count).map { c.value(at: $0) }
        }
    }

    func testTwoRowsForOneCellStopTheStatementAsTheLocalPivotStops() throws {
        let (db, engine, compiler, path) = try setUp("pivot_dup")
        // Huế in NFC and in NFD is one province: (2024-01, Huế) has two export rows.
        let text = "from \"\(path)\"\nwhere flow = \"export\"\nselect period, province, flow, value_usd\npivot flow"
        XCTAssertThrowsError(try engine.run(text, name: "p.aq")) { XCTAssertTrue("\($0)".contains("pivot"), "\($0)") }
        let sql = try compile(text, db, engine, compiler)
        XCTAssertThrowsError(try db.query(sql)) { error in
            XCTAssertTrue("\(error)".contains("several rows have the same row keys (period, province) and the same flow"), "\(error)")
        }
        // One row per cell (Huế's two rows summed first) runs: 1 + 2.
        let fine = try compile("from \"\(path)\"\nwhere flow = \"export\"\naggregate v = sum(value_usd) by province, flow\npivot flow", db, engine, compiler)
        let columns = try db.query(fine)
        XCTAssertEqual(columns.map(\.name), ["province", "export"])
        XCTAssertEqual(columns.first?.count, 1)
        XCTAssertTrue(SQLPostgresCrossCheckTests.same(columns.last?.value(at: 0) ?? .null, .float(3)), "\(String(describing: columns.last?.value(at: 0)))")
    }

    func testNoRowsAndAClashingValueAreTheLocalErrors() throws {
        let (db, engine, compiler, path) = try setUp("pivot_errors")
        let empty = "from \"\(path)\"\nwhere value_usd > 100\npivot flow"
        XCTAssertThrowsError(try engine.run(empty, name: "p.aq")) { XCTAssertTrue("\($0)".contains("pivot: no rows to spread into columns"), "\($0)") }
        XCTAssertThrowsError(try compile(empty, db, engine, compiler)) { XCTAssertTrue("\($0)".contains("pivot: no rows to spread into columns"), "\($0)") }
        // The flow 'province' would be a second column 'province'.
        let clash = "from \"\(path)\"\naggregate v = sum(value_usd) by province, flow\npivot flow"
        XCTAssertThrowsError(try engine.run(clash, name: "p.aq")) { XCTAssertTrue("\($0)".contains("is 'province', which is already a column"), "\($0)") }
        XCTAssertThrowsError(try compile(clash, db, engine, compiler)) { XCTAssertTrue("\($0)".contains("is 'province', which is already a column"), "\($0)") }
    }

    func testAPivotWithoutItsValuesIsRefusedByName() throws {
        let (_, engine, compiler, path) = try setUp("pivot_refused")
        let plan = try engine.check(.init(name: "p.aq", text: "from \"\(path)\"\npivot flow\nderive x = 1"))
        XCTAssertThrowsError(try compiler.compile(plan)) { XCTAssertTrue("\($0)".contains("pivot needs its values to be compiled to SQL for postgres"), "\($0)") }
        XCTAssertThrowsError(try compiler.compile(plan, engine: engine) { _, _ in nil }) {
            XCTAssertTrue("\($0)".contains("pivot needs its values to be compiled to SQL for postgres"), "\($0)")
        }
    }
}
