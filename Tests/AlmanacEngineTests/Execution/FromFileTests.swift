import AlmanacCore
import AlmanacIO
import AlmanacTestSupport
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// `from "path.csv"`: a CSV read by path through the catalog provider, and the error for a missing file.
final class FromFileTests: XCTestCase {
    func engine(_ dir: URL) -> QueryEngine {
        QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
    }

    func testFromQuotedPath() throws {
        // Hà Giang written in NFD in the file; the query literal in NFC.
        let csv = "period,province,value\n2023-01,Ha\u{0300} Giang,100\n2024-01,Hà Giang,150\n2024-01,Cao Bằng,60\n"
        let path = TestSupport.writeTemporary(csv, name: "small.csv")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let r = try engine(dir).run("from \"\(path)\"\nwhere province = \"Hà Giang\"\nderive g = yoy(value)")
        XCTAssertEqual(Render.table(r.table), """
            | period | province | value | g |
            | 2023-01 | Hà Giang | 100 | null |
            | 2024-01 | Hà Giang | 150 | 0.5 |
            """)
        XCTAssertEqual(r.sources.map(\.displayName), [path])
    }

    func testMissingFileIsAnErrorBeforeRunning() {
        let dir = TestSupport.temporaryDirectory()
        let text = engine(dir).errorText("from \"/nonexistent/trade.csv\"\ntake 1")
        XCTAssertEqual(text, """
            error: no such file: /nonexistent/trade.csv
             --> q.aq:1:6
              |
            1 | from "/nonexistent/trade.csv"
              |      ^^^^^^^^^^^^^^^^^^^^^^^^
              = hint: paths are relative to the folder you run almanac in
            """)
    }
}
