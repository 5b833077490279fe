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
}
