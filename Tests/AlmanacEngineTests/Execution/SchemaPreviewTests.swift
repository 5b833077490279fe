import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// Queries are checked against the schema the first rows show, before the data is read; a full load that types a
/// column differently (a value after the sample) still gives the right answer.
final class SchemaPreviewTests: XCTestCase {
    func writeFile(_ rows: Int, late: String, column: String = "period") -> String {
        var csv = "\(column),province,value\n"
        for i in 0..<rows {
            let v = i == rows - 10 ? late : (column == "period" ? "2024-\(String(format: "%02d", i % 12 + 1))" : String(100 + i))
            csv += "\(v),P\(i % 7),\(i)\n"
        }
        return TestSupport.writeTemporary(csv, name: "big.csv")
    }

    func testCheckReadsOnlyTheFirstRows() throws {
        let path = writeFile(5000, late: "2024-13")
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))
        let query = SourceFile(name: "q.aq", text: "from \"\(path)\"\naggregate v = sum(value) by period")
        XCTAssertNoThrow(try engine.check(query), "a bad value after the sample is not read by check")
        XCTAssertThrowsError(try engine.run(query)) { e in
            XCTAssertTrue("\(e)".contains("month 13 does not exist in '2024-13'"), "\(e)")
            XCTAssertTrue("\(e)".contains(":4992"), "names the line: \(e)")
        }
    }

    func testAColumnThatTurnsTextAfterTheSampleIsBoundAgain() throws {
        let path = writeFile(5000, late: "0902", column: "code")
        let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))
        // The first rows say `code` holds integers; the whole file says text (a leading zero).
        let r = try engine.run("from \"\(path)\"\nwhere code = \"0902\"\nselect code, value")
        XCTAssertEqual(r.table.rowCount, 1)
        XCTAssertEqual(r.table.column(named: "code")?.value(at: 0), .text("0902"))
        XCTAssertEqual(r.table.column(named: "value")?.value(at: 0), .int(4990))
        let counted = try engine.run("from \"\(path)\"\naggregate n = count() by kind = if(startswith(code, \"09\"), \"tea\", \"other\")\nsort kind")
        XCTAssertEqual(counted.table.rowCount, 2)
    }
}
