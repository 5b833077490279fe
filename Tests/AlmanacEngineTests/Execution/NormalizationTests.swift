import AlmanacCore
import AlmanacIO
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// NFC and NFD spellings are the same text: in data, in literals, in names the query writes.
final class NormalizationTests: XCTestCase {
    func nfd(_ s: String) -> String { s.decomposedStringWithCanonicalMapping }

    func testNamesWrittenInNFDAreStoredInNFC() throws {
        let q = "from monthly\n\(nfd("derive giá = value * 2"))\n\(nfd("aggregate tổng = sum(giá)")) by province\nsort tổng desc"
        let r = try Fixtures.engine().run(q)
        XCTAssertEqual(r.table.columnNames.map { Array($0.unicodeScalars) }, ["province", "tổng"].map { Array($0.unicodeScalars) })
        XCTAssertEqual(Render.table(r.table), "| province | tổng |\n| Hà Giang | 1720 |\n| Cao Bằng | 280 |")
    }

    func testMixedSpellingsInDataAreOneGroup() throws {
        // The same province in NFC and NFD in one file: one group of 3 rows, and an NFD literal matches it.
        let csv = "province,value\nHà Giang,1\n\(nfd("Hà Giang")),2\nHà Giang,3\nCao Bằng,4\n"
        let t = try CSVReader.load(text: csv, name: "mixed.csv").table
        let engine = QueryEngine(provider: InMemoryProvider(["mixed": t]))
        let r = try engine.run("from mixed\nwhere province = \"\(nfd("Hà Giang"))\"\naggregate n = count(), s = sum(value) by province")
        XCTAssertEqual(Render.table(r.table), "| province | n | s |\n| Hà Giang | 3 | 6 |")
    }
}
