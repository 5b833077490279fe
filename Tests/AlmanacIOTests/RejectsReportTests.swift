import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

final class RejectsReportTests: XCTestCase {
    func testEveryRejectedRowWithFileLineReasonAndText() throws {
        var text = "a,b\n"
        for i in 0..<30 { text += i % 3 == 0 ? "\(i)\n" : "\(i),\(i)\n" }
        text += "\"x,\ny\",1,2\n"
        let r = try CSVReader.load(text: text, name: "many.csv", options: CSVOptions(lenient: true))
        XCTAssertEqual(r.report.rejected.count, 11)
        let csv = try CSVReader.load(bytes: RejectsReport.bytes([r.report]), name: "report.csv")
        XCTAssertEqual(csv.table.columnNames, ["file", "line", "reason", "text"])
        XCTAssertEqual(csv.table.rowCount, 11, "every rejected row, not a preview")
        XCTAssertEqual(csv.table.column(named: "line")?.value(at: 0), .int(2))
        XCTAssertEqual(csv.table.column(named: "file")?.value(at: 10), .text("many.csv"))
        XCTAssertEqual(csv.table.column(named: "reason")?.value(at: 10), .text("expected 2 fields, found 3"))
        XCTAssertEqual(csv.table.column(named: "text")?.value(at: 10), .text("\"x,\ny\",1,2"), "the row as written, quotes and newline kept")
    }

    func testDefaultPathIsUnderOutRejectedByDatasetOrFileStem() {
        XCTAssertEqual(RejectsReport.defaultPath(for: "trade", under: "/w"), "/w/out/rejected/trade.csv")
        XCTAssertEqual(RejectsReport.defaultPath(for: "data/xuất khẩu.csv", under: "/w"), "/w/out/rejected/xuất khẩu.csv")
        XCTAssertEqual(RejectsReport.summary(source: "trade", count: 1, path: "r.csv"), "1 row of 'trade' rejected; all listed in r.csv")
    }

    func testDescribeListsTenAndSaysHowManyMoreAndWhere() throws {
        var text = "a,b\n"
        for i in 0..<14 { text += "\(i)\n" }
        let r = try CSVReader.load(text: text, name: "m.csv", options: CSVOptions(lenient: true))
        let d = DatasetDescription.render(name: "m.csv", spec: nil, result: r, rejectsPath: "out/rejected/m.csv")
        XCTAssertTrue(d.contains("rejected rows: 14 (all listed in out/rejected/m.csv)"), d)
        XCTAssertTrue(d.contains("  line 11: expected 2 fields, found 1\n  … and 4 more\n"), d)
        XCTAssertFalse(d.contains("line 12:"), d)
    }
}

extension RejectsReportTests {
    /// Line numbers of rejected rows in one pass: many rejects load in about the time of a clean load.
    func testManyRejectedRowsGetTheirLinesInOnePass() throws {
        var text = "period,v\n", clean = "period,v\n"
        let n = 40_000
        for i in 0..<n {
            text += i % 2 == 0 ? "2024-01,\(i)\n" : "2024-01\n"
            clean += "2024-01,\(i)\n"
        }
        let t0 = Date()
        _ = try CSVReader.load(text: clean)
        let cleanTime = Date().timeIntervalSince(t0)
        let t1 = Date()
        let r = try CSVReader.load(text: text, options: CSVOptions(lenient: true))
        let rejectTime = Date().timeIntervalSince(t1)
        XCTAssertEqual(r.report.rejected.count, n / 2)
        XCTAssertEqual(r.report.rejected.first?.line, 3)
        XCTAssertEqual(r.report.rejected.last?.line, n + 1)
        XCTAssertEqual(r.report.rejected.map(\.line), stride(from: 3, through: n + 1, by: 2).map { $0 })
        XCTAssertLessThan(rejectTime, 20 * cleanTime + 0.5, "quadratic line numbering took \(rejectTime) s vs \(cleanTime) s clean")
    }

    func testLineNumbersOfOffsetsInAnyOrder() {
        let bytes = Array("a\nb\r\nc\rd\n".utf8)
        bytes.withUnsafeBufferPointer { b in
            XCTAssertEqual(CSVReader.lineNumbers(b, offsets: [7, 0, 2, 5, 2]), [4, 1, 2, 3, 2])
            XCTAssertEqual(CSVReader.lineNumbers(b, offsets: [7, 0, 2, 5, 2]), [7, 0, 2, 5, 2].map { CSVReader.lineNumber(b, offset: $0) })
        }
    }
}
