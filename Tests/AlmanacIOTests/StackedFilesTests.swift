import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// One file per month: a pattern stacks files whose headers agree; types unify; each row can keep its file's name
/// and take its period from it.
final class StackedFilesTests: XCTestCase {
    func folder(_ files: [String: String]) throws -> URL {
        let dir = TestSupport.temporaryDirectory("stacked")
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    func testFilesStackInNameOrderWithUnifiedTypes() throws {
        let dir = try folder(["xk-T11-2024.csv": "province,value\nHà Giang,1.5\nCao Bằng,\n",
                              "xk-T10-2024.csv": "province,value\nHà Giang,1\nCao Bằng,2\n",
                              "xk-T12-2024.csv": "province,value\nHà Giang,\n", "notes.txt": "x"])
        var o = CSVOptions()
        o.fileColumn = "tệp"
        o.periodFromFileName = "period"
        let r = try TableFile.load(path: dir.path + "/xk-*.csv", options: o)
        XCTAssertEqual(r.table.columns.map(\.name), ["period", "province", "value", "tệp"])
        XCTAssertEqual(TestSupport.values(r.table, "value"), [.float(1), .float(2), .float(1.5), .null, .null])
        XCTAssertEqual(TestSupport.values(r.table, "period"), [.period(.month(2024, 10)), .period(.month(2024, 10)), .period(.month(2024, 11)),
                                                               .period(.month(2024, 11)), .period(.month(2024, 12))])
        XCTAssertEqual(TestSupport.values(r.table, "tệp").last, .text("xk-T12-2024.csv"))
        XCTAssertEqual(try TableFile.header(path: dir.path + "/xk-*.csv", options: o), ["period", "province", "value", "tệp"])
    }

    func testHeadersMustAgree() throws {
        let dir = try folder(["a-2024-01.csv": "province,value\nX,1\n", "a-2024-02.csv": "province,amount\nX,1\n"])
        XCTAssertThrowsError(try TableFile.load(path: dir.path + "/a-*.csv")) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("a-2024-02.csv") && text.contains("has column 'amount' where a-2024-01.csv has 'value'"), text)
        }
        XCTAssertThrowsError(try TableFile.load(path: dir.path + "/b-*.csv")) { e in XCTAssertTrue("\(e)".contains("no file matches"), "\(e)") }
    }

    func testPeriodsInFileNames() {
        XCTAssertEqual(StackedFiles.period(inFileName: "x/xk-T10-2024.csv"), .month(2024, 10))
        XCTAssertEqual(StackedFiles.period(inFileName: "xuat-khau_2024-03.csv"), .month(2024, 3))
        XCTAssertEqual(StackedFiles.period(inFileName: "bao-cao-2023.csv"), .year(2023))
        XCTAssertEqual(StackedFiles.period(inFileName: "du-lich-2024-Q2.xlsx"), .quarter(2024, 2))
        XCTAssertNil(StackedFiles.period(inFileName: "tong-hop.csv"))
    }

    func testTextCodesRemapAcrossFilesAndNormalisationForms() throws {
        // File 1 spells "Hà Giang" in NFC, file 2 in NFD: one value, one code; file 2's codes start from its own 0.
        let nfd = "Ha\u{0300} Giang"
        let dir = try folder(["t-1.csv": "province,value\nHà Giang,1\nCao Bằng,2\n",
                              "t-2.csv": "province,value\nLào Cai,1.5\n\(nfd),\n"])
        let r = try TableFile.load(path: dir.path + "/t-*.csv")
        XCTAssertEqual(TestSupport.values(r.table, "province"), [.text("Hà Giang"), .text("Cao Bằng"), .text("Lào Cai"), .text("Hà Giang")])
        guard case .text(let codes, let dict)? = r.table.column(named: "province")?.storage else { return XCTFail("not text") }
        XCTAssertEqual(dict.count, 3)
        XCTAssertEqual(codes[0], codes[3])
        // Integers of one file among decimals of another are decimals; the empty cell stays null.
        XCTAssertEqual(TestSupport.values(r.table, "value"), [.float(1), .float(2), .float(1.5), .null])
    }

    func testAColumnEmptyInOneFileTakesTheOthersType() throws {
        let dir = try folder(["e-1.csv": "province,note\nHà Giang,\nCao Bằng,\n", "e-2.csv": "province,note\nLào Cai,mới\n"])
        let r = try TableFile.load(path: dir.path + "/e-*.csv")
        XCTAssertEqual(TestSupport.values(r.table, "note"), [.null, .null, .text("mới")])
    }

    func testACatalogListStacksFilesInTheListedOrder() throws {
        let dir = try folder(["2024.csv": "period,province,value\n2024-01,Hà Giang,3\n",
                              "2023.csv": "period,province,value\n2023-01,Hà Giang,1\n2023-02,Hà Giang,2\n"])
        let cat = try Catalog.parse("""
        [datasets.trade]
        file = ["2023.csv", "2024.csv"]
        file_column = "tệp"
        period = "period"
        dimensions = ["province"]
        """, file: "catalog.toml", directory: dir.path)
        try cat.validate()
        let r = try cat.load("trade")
        XCTAssertEqual(TestSupport.values(r.table, "value"), [.int(1), .int(2), .int(3)])
        XCTAssertEqual(TestSupport.values(r.table, "tệp"), [.text("2023.csv"), .text("2023.csv"), .text("2024.csv")])
        XCTAssertEqual(TestSupport.values(r.table, "period").last, .period(.month(2024, 1)))
    }

    func testACatalogListNamesItsMissingFileAndRefusesPatterns() throws {
        let dir = try folder(["2023.csv": "period,value\n2023-01,1\n"])
        let cat = try Catalog.parse("[datasets.t]\nfile = [\"2023.csv\", \"2024.csv\"]\n", file: "catalog.toml", directory: dir.path)
        XCTAssertEqual(cat.datasets["t"]?.missingFile.map { ($0 as NSString).lastPathComponent }, "2024.csv")
        XCTAssertThrowsError(try cat.load("t")) { e in XCTAssertTrue("\(e)".contains("no such file") && "\(e)".contains("2024.csv"), "\(e)") }
        XCTAssertThrowsError(try Catalog.parse("[datasets.t]\nfile = [\"2023.csv\", \"x/*.csv\"]\n", file: "catalog.toml", directory: dir.path)) { e in
            XCTAssertTrue("\(e)".contains("pattern inside a list"), "\(e)")
        }
        XCTAssertThrowsError(try Catalog.parse("[datasets.t]\nfile = \"2023.csv\"\nfile_column = \"f\"\n", file: "catalog.toml", directory: dir.path)) { e in
            XCTAssertTrue("\(e)".contains("several files"), "\(e)")
        }
    }
}
