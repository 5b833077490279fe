import AlmanacCore
import AlmanacIO
import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// The postgres dialect's SQL run in a throwaway PostgreSQL 15 against Almanac's own result, over the DuckDB
/// cross-check's data (gaps, nulls, zeros, NFD text) loaded with COPY: every figure of every result agrees to 1e-9,
/// nulls included; sorted results row for row, the others as sets of rows.
final class SQLPostgresCrossCheckTests: XCTestCase {
    func testPostgreSQLRunsTheSQLToAlmanacsFigures() throws {
        let mismatches = try compareAll(corrupt: false)
        XCTAssertEqual(mismatches, [], "Almanac and PostgreSQL disagree")
    }

    /// The comparison can fail: Almanac's figures changed by 1% are reported.
    func testTheComparisonReportsAWrongFigure() throws {
        let mismatches = try compareAll(corrupt: true)
        XCTAssertFalse(mismatches.isEmpty)
        XCTAssertTrue(mismatches.contains { $0.hasPrefix("growth: row") }, "\(mismatches)")
    }

    /// A lookup with two rows for one key stops the statement with a message saying so, as the local engine stops;
    /// the same lookup without the duplicate runs.
    func testAJoinOnADuplicatedKeyFails() throws {
        let url = try PostgresCluster.shared()
        let db = try PostgresConnection(url: url)
        try db.execute("DROP TABLE IF EXISTS dup_trade, dup_provinces")
        try db.execute("CREATE TABLE dup_trade (period text, province text, value_usd double precision)")
        try db.execute("INSERT INTO dup_trade VALUES ('2024-01', 'Huế', 1), ('2024-02', 'Hà Nội', 2)")
        try db.execute("CREATE TABLE dup_provinces (province text, region text)")
        try db.execute("INSERT INTO dup_provinces VALUES ('Huế', 'Trung'), ('Hà Nội', 'Bắc'), (NULL, 'x'), (NULL, 'y')")
        let dir = TestSupport.temporaryDirectory("sql-pg-dup")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "period,province,value_usd\n2024-01,Huế,1\n".write(to: dir.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        try "province,region\nHuế,Trung\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let text = "from \"\(dir.appendingPathComponent("t.csv").path)\"\njoin \"\(dir.appendingPathComponent("p.csv").path)\" on province"
        let compiler = SQLCompiler(dialect: PostgresDialect()) { h in .table(h.key.hasSuffix("p.csv") ? "dup_provinces" : "dup_trade") }
        let sql = try compiler.compile(try engine.check(.init(name: "dup.aq", text: text)))
        // Null keys never match, so two of them are no duplicate.
        XCTAssertEqual(try db.query(sql).first?.count, 2)
        try db.execute("INSERT INTO dup_provinces VALUES ('Hue\u{302}\u{301}', 'Trung')")
        XCTAssertThrowsError(try db.query(sql)) { error in
            XCTAssertTrue("\(error)".contains("has several rows for some key"), "\(error)")
        }
    }

    func compareAll(corrupt: Bool) throws -> [String] {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the PostgreSQL cross-check needs a throwaway cluster, which could not start: \(error)")
            throw error
        }
        let db = try PostgresConnection(url: url)
        try db.execute("DROP TABLE IF EXISTS crosscheck_trade")
        try db.execute("CREATE TABLE crosscheck_trade (period text, province text, flow text, value_usd double precision)")
        let csv = SQLCrossCheckTests.sample()
        try db.copyIn("COPY crosscheck_trade FROM STDIN (FORMAT csv, HEADER true)", data: Array(csv.utf8))
        try db.execute("DROP TABLE IF EXISTS crosscheck_provinces")
        try db.execute("CREATE TABLE crosscheck_provinces (province text, region text, target bigint)")
        try db.copyIn("COPY crosscheck_provinces FROM STDIN (FORMAT csv, HEADER true)", data: Array(SQLCrossCheckTests.lookupSample.utf8))
        let loaded = try db.query("SELECT count(*) AS n, count(value_usd) AS v FROM crosscheck_trade")
        XCTAssertEqual(loaded[0].value(at: 0), .int(Int64(csv.split(separator: "\n").count - 1)))

        let dir = TestSupport.temporaryDirectory("sql-pg-crosscheck")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("trade.csv").path
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let lookup = dir.appendingPathComponent("provinces.csv").path
        try SQLCrossCheckTests.lookupSample.write(toFile: lookup, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let compiler = SQLCompiler(dialect: PostgresDialect()) { h in .table(h.key.hasSuffix("provinces.csv") ? "crosscheck_provinces" : "crosscheck_trade") }
        var mismatches: [String] = []
        for q in SQLCrossCheckTests.allQueries {
            let text = SQLCrossCheckTests.text(q.text, data: data, lookup: lookup)
            var local = try engine.run(text, name: "\(q.name).aq").table
            XCTAssertGreaterThan(local.rowCount, 0, q.name)
            if corrupt, q.name == "growth" { local = try Self.scaled(local, column: "d", by: 1.01) }
            let sql = try compiler.compile(try engine.check(.init(name: "\(q.name).aq", text: text)), engine: engine) { statement, _ in
                let c = try db.query(statement)[0]
                return (0..<c.count).map { c.value(at: $0) }
            }
            let remote = try db.query(sql)
            mismatches += Self.compare(q.name, local: local, remote: remote, ordered: q.ordered)
        }
        return mismatches
    }

    /// A column's non-null floats times a factor (to make the comparison see a wrong figure).
    static func scaled(_ t: Table, column: String, by f: Double) throws -> Table {
        guard let c = t.column(named: column) else { return t }
        let values = (0..<c.count).map { i -> Double? in
            switch c.value(at: i) { case .float(let x): return x * f + 0.5; case .int(let x): return Double(x) * f + 0.5; default: return nil }
        }
        return try t.setting(.floats(column, values))
    }

    /// Every cell of two results compared; one line per mismatch (at most 10 per result).
    static func compare(_ name: String, local: Table, remote: [Column], ordered: Bool) -> [String] {
        guard local.columnNames == remote.map(\.name) else {
            return ["\(name): columns differ: Almanac \(local.columnNames), PostgreSQL \(remote.map(\.name))"]
        }
        let rows = remote.first?.count ?? 0
        guard rows == local.rowCount else { return ["\(name): Almanac has \(local.rowCount) rows, PostgreSQL \(rows)"] }
        var a = (0..<rows).map { local.row($0) }
        var p = (0..<rows).map { i in remote.map { $0.value(at: i) } }
        if !ordered {
            let sortKey: ([Value]) -> String = { row in
                row.map { v -> String in
                    switch v { case .int, .float: return ""; case .null: return "∅"; default: return text(v) } }.joined(separator: "\u{1}")
            }
            a.sort { sortKey($0) < sortKey($1) }
            p.sort { sortKey($0) < sortKey($1) }
        }
        var out: [String] = []
        for r in 0..<rows {
            for c in 0..<remote.count where !same(a[r][c], p[r][c]) {
                if out.count < 10 { out.append("\(name): row \(r + 1) \(remote[c].name): Almanac \(a[r][c]), PostgreSQL \(p[r][c])") }
            }
        }
        return out
    }

    static func text(_ v: Value) -> String {
        switch v { case .text(let s): return s.precomposedStringWithCanonicalMapping; default: return v.description }
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int, _), (.float, _):
            guard let x = number(a), let y = number(b) else { return false }
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y)) || abs(x - y) <= 1e-12
        default: return text(a) == text(b)
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v { case .int(let x): return Double(x); case .float(let x): return x; default: return nil }
    }
}
