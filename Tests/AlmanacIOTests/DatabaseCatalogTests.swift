import AlmanacIO
import XCTest

/// `[datasets.NAME] database = "postgresql://…", table = "…"` in the catalog: read, and refused with the field named.
final class DatabaseCatalogTests: XCTestCase {
    func parse(_ body: String) throws -> Catalog {
        try Catalog.parse("[datasets.trade]\n" + body, file: "catalog.toml", directory: "/tmp")
    }

    func error(_ body: String) -> CatalogError? {
        do { _ = try parse(body); return nil } catch { return error as? CatalogError }
    }

    func testADatabaseDatasetNeedsNoFile() throws {
        let c = try parse("""
            database = "postgresql://almanac@127.0.0.1:5432/stats"
            table = "public.trade"
            period = "period"
            frequency = "month"
            dimensions = ["province"]
            [datasets.trade.measures]
            value_usd = { unit = "USD" }
            """)
        let spec = try XCTUnwrap(c.datasets["trade"])
        XCTAssertEqual(spec.database, DatabaseTable(url: "postgresql://almanac@127.0.0.1:5432/stats", table: "public.trade"))
        XCTAssertFalse(spec.fileIsMissing)
        XCTAssertEqual(spec.frequency, .month)
    }

    func testBadEntriesNameTheirField() {
        let base = "period = \"period\"\nfrequency = \"month\"\n"
        XCTAssertEqual(error(base + "database = \"postgresql://a@h/db\"")?.field, "table")
        XCTAssertEqual(error(base + "table = \"t\"")?.field, "database")
        XCTAssertEqual(error(base + "database = \"mysql://a@h/db\"\ntable = \"t\"")?.field, "database")
        let password = error(base + "database = \"postgresql://a:secret@h/db\"\ntable = \"t\"")
        XCTAssertEqual(password?.field, "database")
        XCTAssertTrue(password?.hint?.contains("PGPASSWORD") ?? false, "\(String(describing: password))")
        XCTAssertEqual(error(base + "database = \"postgresql://a@h/db\"\ntable = \"t\"\nfile = \"x.csv\"")?.field, "file")
        XCTAssertEqual(error("period = \"period\"\ndatabase = \"postgresql://a@h/db\"\ntable = \"t\"")?.field, "frequency")
    }
}
