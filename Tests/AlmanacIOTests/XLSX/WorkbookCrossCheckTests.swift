import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Every cell of generated workbooks checked against an independent reader, python-calamine (Rust's calamine): the
/// openpyxl fixtures, and the same saved again by LibreOffice so that formulas carry saved values as Excel's do.
final class WorkbookCrossCheckTests: XCTestCase {
    /// Our value as the text calamine's (normalised by scripts/xlsx_calamine.py) would be, or nil for null.
    func ours(_ v: Value) -> Any? {
        switch v {
        case .null: return nil
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b
        case .text(let s): return s
        case .period(let p):
            switch p.frequency {
            case .day: return PeriodFormat.string(p.ordinal, .day)
            case .month: return PeriodFormat.string(p.ordinal, .month) + "-01"
            default: return PeriodFormat.string(p.ordinal, p.frequency)
            }
        }
    }

    func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x as Double, y as NSNumber): return abs(x - y.doubleValue) <= 1e-9 * max(1, abs(x))
        case let (x as Bool, y as NSNumber): return x == y.boolValue
        case let (x as String, y as String): return x == y
        // A marker (`-`) is null for us and the text it is for calamine.
        case (nil, let y as String): return CSVOptions.defaultNullMarkers.contains(y)
        default: return false
        }
    }

    func check(_ file: URL, sheet: String? = nil, line: UInt = #line) throws {
        let expected = try WorkbookFixtures.calamine(file, sheet: sheet)
        let r = try WorkbookReader.load(path: file.path, sheet: sheet)
        let t = r.table
        guard let header = expected.first else { return XCTFail("calamine read no rows", line: line) }
        XCTAssertEqual(t.columns.count, header.count, line: line)
        let body = expected.dropFirst().filter { row in row.contains { $0 != nil } }
        XCTAssertEqual(t.rowCount, body.count, line: line)
        var compared = 0
        for (r, row) in body.enumerated() where r < t.rowCount {
            for (c, want) in row.enumerated() where c < t.columns.count {
                let got = ours(t.columns[c].value(at: r))
                XCTAssertTrue(same(got, want), "\(file.lastPathComponent) row \(r + 2) column \(t.columns[c].name): ours \(String(describing: got)), calamine \(String(describing: want))", line: line)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 0, line: line)
    }

    func testOpenpyxlWorkbooks() throws {
        let dir = try WorkbookFixtures.folder()
        try check(dir.appendingPathComponent("typed.xlsx"))
        try check(dir.appendingPathComponent("typed.xlsx"), sheet: "Du lịch")
        try check(dir.appendingPathComponent("epoch1904.xlsx"))
        try check(dir.appendingPathComponent("quirk1900.xlsx"))
    }

    func testSavedAgainByLibreOfficeFormulasHaveTheirValues() throws {
        let saved = try WorkbookFixtures.resavedByLibreOffice(try WorkbookFixtures.folder().appendingPathComponent("typed.xlsx"))
        try check(saved)
        let r = try WorkbookReader.load(path: saved.path)
        XCTAssertEqual(r.report.warnings, [], "LibreOffice saves every formula's value")
        let total = TestSupport.values(r.table, "total"), value = TestSupport.values(r.table, "value")
        XCTAssertEqual(total.count, 24)
        for (t, v) in zip(total, value) { if case .float(let x) = v { XCTAssertEqual(t, .float(x * 2)) } }
    }
}
