import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// The bundled data as planners would receive it from an office that keeps it in Excel: every CSV file of `Data/`
/// converted to .xlsx by LibreOffice loads to the same table (names, types, every value) as the CSV itself.
final class BundledDataWorkbookTests: XCTestCase {
    func testEveryBundledFileAsAWorkbookLoadsToTheSameTable() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("Data")
        var csvs: [URL] = []
        for sub in ["seed", "demo"] {
            let dir = root.appendingPathComponent(sub)
            csvs += try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.pathExtension == "csv" }
        }
        XCTAssertGreaterThanOrEqual(csvs.count, 19)
        // The HS codes (`0902`) are text: an office's workbook holds them as text cells. LibreOffice's CSV import
        // would make numbers of them unless told, so trade_monthly's column 7 is imported as text.
        let codes = csvs.filter { $0.lastPathComponent == "trade_monthly.csv" }
        let others = csvs.filter { $0.lastPathComponent != "trade_monthly.csv" }
        var books: [URL: URL] = [:]
        let plain = try WorkbookFixtures.convertedByLibreOffice(others)
        for f in others { books[f] = plain.appendingPathComponent(f.deletingPathExtension().lastPathComponent + ".xlsx") }
        let texts = try WorkbookFixtures.convertedByLibreOffice(codes, infilter: "44,34,76,1,7/2")
        for f in codes { books[f] = texts.appendingPathComponent(f.deletingPathExtension().lastPathComponent + ".xlsx") }
        for csv in csvs {
            let name = csv.lastPathComponent
            let a = try TableFile.load(path: csv.path).table
            let b = try TableFile.load(path: try XCTUnwrap(books[csv]).path).table
            XCTAssertEqual(b.columnNames, a.columnNames, name)
            // A workbook's number cell cannot say `708.0` rather than `708`: a CSV column of decimals that are all whole
            // numbers is integers in the workbook. Any other type must be the same.
            for (ca, cb) in zip(a.columns, b.columns) where ca.dataType != cb.dataType {
                let whole = (0..<ca.count).allSatisfy { if case .float(let d) = ca.value(at: $0) { return d == d.rounded() }; return true }
                XCTAssertTrue(ca.dataType == .float && cb.dataType == .int && whole, "\(name), column \(ca.name): \(ca.dataType) in the CSV, \(cb.dataType) in the workbook")
            }
            XCTAssertEqual(b.rowCount, a.rowCount, name)
            guard b.columnNames == a.columnNames, b.rowCount == a.rowCount else { continue }
            for c in a.columnNames {
                let x = TestSupport.values(a, c), y = TestSupport.values(b, c)
                var differing = 0
                for (u, v) in zip(x, y) where !Self.same(u, v) {
                    if differing == 0 { XCTFail("\(name), column \(c): \(u) in the CSV, \(v) in the workbook") }
                    differing += 1
                }
                XCTAssertEqual(differing, 0, "\(name), column \(c)")
            }
        }
    }

    /// Equal values; decimals to 15 significant digits (what a workbook's XML keeps of a double), a whole decimal equal
    /// to its integer.
    static func same(_ u: Value, _ v: Value) -> Bool {
        switch (u, v) {
        case (.float(let p), .float(let q)): return p == q || abs(p - q) <= 1e-14 * max(abs(p), abs(q))
        case (.float(let p), .int(let q)): return p == Double(q)
        default: return u == v
        }
    }
}
