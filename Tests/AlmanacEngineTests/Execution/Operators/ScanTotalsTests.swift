import AlmanacCore
import AlmanacIO
import AlmanacTestSupport
import XCTest
@testable import AlmanacEngine
import Almanac

/// A scan (or a join's lookup) of a source whose load set total rows aside: the totals that differ from their parts
/// become one typed warning of the query, in English for the terminal and Vietnamese for the Notes sheet.
final class ScanTotalsTests: XCTestCase {
    func engine(_ dir: URL) -> QueryEngine {
        QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
    }

    func testATotalThatDiffersFromItsPartsIsAWarningOfTheQuery() throws {
        // 2024-01: 100 + 40 = 140 (written 140); 2024-02: 110 + 30 = 140 (written 150, line 7).
        let csv = "period,province,value\n2024-01,Hà Giang,100\n2024-01,Cao Bằng,40\n2024-01,Tổng cộng,140\n2024-02,Hà Giang,110\n2024-02,Cao Bằng,30\n2024-02,Tổng cộng,150\n"
        let path = TestSupport.writeTemporary(csv, name: "tong.csv")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let r = try engine(dir).run("from \"\(path)\" | derive s = share(value)")
        // share within each month, the total row left out: 100/140, 40/140, 110/140, 30/140.
        XCTAssertEqual(r.table.rowCount, 4)
        guard case .float(let s)? = r.table.column(named: "s")?.storage else { return XCTFail("a share column") }
        for (a, b) in zip(s, [100.0 / 140, 40.0 / 140, 110.0 / 140, 30.0 / 140]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        let facts = r.facts.compactMap { f -> (Int, Int, [TotalMismatch])? in
            if case .totalMismatch(_, let n, let checked, let examples) = f.fact { return (n, checked, examples) }
            return nil
        }
        XCTAssertEqual(facts.count, 1)
        XCTAssertEqual(facts.first?.0, 1)
        XCTAssertEqual(facts.first?.1, 2)
        XCTAssertEqual(facts.first?.2.first?.place, .line(7))
        let w = try XCTUnwrap(r.warnings.first { $0.id == "query.total-mismatch" })
        XCTAssertEqual(w.vietnamese?.notes, ["dòng 7 (2024-02, Tổng cộng): value ghi 150 nhưng 2 dòng thành phần cộng lại bằng 140 (lệch +10)"])
    }

    func testTotalsThatAgreeSayNothing() throws {
        let path = TestSupport.writeTemporary("province,value\nA,1\nB,2\nTotal,3\n", name: "agree.csv")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        let r = try engine(dir).run("from \"\(path)\" | aggregate v = sum(value)")
        XCTAssertEqual(r.table.column(named: "v")?.value(at: 0), .int(3))
        XCTAssertFalse(r.warnings.contains { $0.id == "query.total-mismatch" })
    }
}
