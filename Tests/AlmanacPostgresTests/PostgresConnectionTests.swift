import AlmanacCore
import AlmanacPostgres
import AlmanacTestSupport
import XCTest

/// The libpq client against a throwaway PostgreSQL 15 cluster: typed results, nulls, and one-sentence errors.
final class PostgresConnectionTests: XCTestCase {
    func url() throws -> String {
        do { return try PostgresCluster.shared() } catch {
            XCTFail("the PostgreSQL tests need a throwaway cluster, which could not start: \(error)")
            throw error
        }
    }

    func testResultColumnsAreTypedFromTheirOIDs() throws {
        let db = try PostgresConnection(url: try url())
        let cols = try db.query("""
            SELECT * FROM (VALUES (1::int4, 2::int8, 1.5::float8, 2.25::numeric, true, 'Huế'::text, DATE '2024-10-01'),
                                  (NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS t(a, b, c, d, e, f, g)
            """)
        XCTAssertEqual(cols.map(\.name), ["a", "b", "c", "d", "e", "f", "g"])
        XCTAssertEqual(cols.map(\.dataType), [.int, .int, .float, .float, .bool, .text, .text])
        XCTAssertEqual(cols[0].value(at: 0), .int(1))
        XCTAssertEqual(cols[3].value(at: 0), .float(2.25))
        XCTAssertEqual(cols[4].value(at: 0), .bool(true))
        XCTAssertEqual(cols[5].value(at: 0), .text("Huế"))
        XCTAssertEqual(cols[6].value(at: 0), .text("2024-10-01"))
        for c in cols { XCTAssertEqual(c.value(at: 1), .null, c.name) }
    }

    func testAMissingTableOrColumnIsOneSentence() throws {
        let db = try PostgresConnection(url: try url())
        XCTAssertThrowsError(try db.query("SELECT * FROM no_such_table", table: "no_such_table")) { e in
            let m = "\(e)"
            XCTAssertEqual((e as? PostgresError)?.kind, .missingTable, m)
            XCTAssertTrue(m.contains("no_such_table") && m.contains("127.0.0.1:") && !m.contains("\n"), m)
        }
        try db.execute("CREATE TABLE IF NOT EXISTS t_cols (province text, v float8)")
        XCTAssertThrowsError(try db.query("SELECT provnce FROM t_cols", table: "t_cols")) { e in
            let m = "\(e)"
            XCTAssertEqual((e as? PostgresError)?.kind, .missingColumn, m)
            XCTAssertTrue(m.contains("'provnce'") && m.contains("'t_cols'") && !m.contains("\n"), m)
        }
        let columns = try db.columns(ofTable: "t_cols")
        XCTAssertEqual(columns.map(\.name), ["province", "v"])
        XCTAssertEqual(columns.map(\.type), [.text, .float])
    }

    /// fold() compiles to unaccent(): the test cluster has the extension (đ → d by its rules); a database without it
    /// gets one sentence saying how to add it.
    func testUnaccentIsThereAndItsAbsenceIsOneSentence() throws {
        let u = try url()
        let db = try PostgresConnection(url: u)
        XCTAssertEqual(try db.query("SELECT lower(unaccent('ĐÀ NẴNG Huế'))")[0].value(at: 0), .text("da nang hue"))
        try db.execute("DROP DATABASE IF EXISTS no_unaccent")
        try db.execute("CREATE DATABASE no_unaccent")
        let bare = try PostgresConnection(url: u.replacingOccurrences(of: "/postgres", with: "/no_unaccent"))
        XCTAssertThrowsError(try bare.query("SELECT lower(unaccent('Đà'))")) { e in
            let m = "\(e)"
            XCTAssertTrue(m.contains("no unaccent extension, which fold() needs") && m.contains("CREATE EXTENSION unaccent") && !m.contains("\n"), m)
        }
    }

    func testARefusedConnectionNamesHostAndPort() throws {
        _ = try url()
        XCTAssertThrowsError(try PostgresConnection(url: "postgresql://almanac@127.0.0.1:1/postgres?connect_timeout=5")) { e in
            let m = "\(e)"
            XCTAssertEqual((e as? PostgresError)?.kind, .refused, m)
            XCTAssertTrue(m.contains("127.0.0.1:1 ") && m.contains("running") && !m.contains("\n"), m)
        }
    }

    func testAWrongPasswordSaysWhereToSetIt() throws {
        let u = try url()
        let db = try PostgresConnection(url: u)
        try db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'almanac_pw') THEN CREATE ROLE almanac_pw LOGIN PASSWORD 'right'; END IF; END $$")
        let wrong = u.replacingOccurrences(of: "almanac@", with: "almanac_pw:wrong@")
        XCTAssertThrowsError(try PostgresConnection(url: wrong)) { e in
            let m = "\(e)"
            XCTAssertEqual((e as? PostgresError)?.kind, .authentication, m)
            XCTAssertTrue(m.contains("PGPASSWORD") && m.contains("'almanac_pw'") && m.contains("127.0.0.1:") && !m.contains("\n"), m)
        }
        XCTAssertNoThrow(try PostgresConnection(url: u.replacingOccurrences(of: "almanac@", with: "almanac_pw:right@")))
    }

    func testAMissingDatabaseIsNamed() throws {
        let u = try url().replacingOccurrences(of: "/postgres", with: "/no_such_db")
        XCTAssertThrowsError(try PostgresConnection(url: u)) { e in
            XCTAssertEqual((e as? PostgresError)?.kind, .missingDatabase, "\(e)")
            XCTAssertTrue("\(e)".contains("'no_such_db'"), "\(e)")
        }
    }
}
