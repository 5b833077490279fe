import XCTest
import AlmanacTestSupport
@testable import AlmanacIO

/// Damaged workbooks never trap: random bytes changed in a real workbook (container, compressed parts) and a stray
/// cell in the last column each end in a table or a clear error.
final class WorkbookFuzzTests: XCTestCase {
    func testMutatedWorkbooksFailCleanly() throws {
        let original = Array(try Data(contentsOf: try WorkbookFixtures.folder().appendingPathComponent("typed.xlsx")))
        var rng = SeededGenerator(seed: 12)
        let dir = TestSupport.temporaryDirectory("xlsx-fuzz")
        var loaded = 0, refused = 0
        for k in 0..<150 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let url = dir.appendingPathComponent("m\(k).xlsx")
            try Data(bytes).write(to: url)
            do { _ = try WorkbookReader.load(path: url.path); loaded += 1 } catch let e as WorkbookError {
                XCTAssertFalse(e.message.isEmpty)
                refused += 1
            } catch {
                XCTFail("mutation \(k): not a WorkbookError: \(error)")
            }
        }
        XCTAssertEqual(loaded + refused, 150)
        XCTAssertGreaterThan(refused, 0)
    }

    func testAStrayCellInTheLastColumnIsLocated() throws {
        let url = TestSupport.temporaryDirectory("xlsx-wide").appendingPathComponent("wide.xlsx")
        try WorkbookFixtures.python("""
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        ws.append(["a", "b"]); ws.append([1, 2]); ws.append([3, 4])
        ws["XFD2"] = "x"
        wb.save(sys.argv[1])
        """, [url.path])
        let t = try WorkbookReader.load(path: url.path).table
        XCTAssertEqual(t.columns.count, 16_384)
        XCTAssertEqual(t.columns.last?.value(at: 0), .text("x"))
        XCTAssertEqual(t.column(named: "b")?.value(at: 1), .int(4))
    }
}
