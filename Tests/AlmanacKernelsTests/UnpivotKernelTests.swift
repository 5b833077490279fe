import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class UnpivotKernelTests: XCTestCase {
    func testRowMajorOrderAndNullsDropped() throws {
        let a = Validity(flags: [true, false, true])
        let b = Validity(flags: [true, true, false])
        let l = try Unpivot.layout(validities: [a, b], rowCount: 3, keepNulls: false)
        XCTAssertEqual(l.rows, [0, 0, 1, 2])
        XCTAssertEqual(l.which, [0, 1, 1, 0])
        XCTAssertEqual(l.droppedNulls, 2)
        let kept = try Unpivot.layout(validities: [a, b], rowCount: 3, keepNulls: true)
        XCTAssertEqual(kept.rows, [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(kept.which, [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(kept.droppedNulls, 0)
        let (v, valid) = Unpivot.gather([[1, 2, 3], [10, 20, 30]] as [[Int64]], validities: [a, b], layout: kept)
        XCTAssertEqual(v, [1, 10, 2, 20, 3, 30])
        XCTAssertEqual((0..<6).map(valid.isValid), [true, true, false, true, true, false])
    }

    /// Cells set aside (row × 2 + column): no row with keep nulls; without it they were dropped as nulls and are
    /// no longer counted so.
    func testRemovingCellsSetAside() throws {
        let a = Validity(flags: [true, false, true])
        let b = Validity(flags: [true, true, false])
        // Row 1 column 0: set aside (the operator made it invalid, as a null).
        let setAside: Set<Int> = [1 * 2 + 0]
        let kept = Unpivot.removing(setAside, columns: 2, from: try Unpivot.layout(validities: [a, b], rowCount: 3, keepNulls: true), keepNulls: true)
        XCTAssertEqual(kept.rows, [0, 0, 1, 2, 2])
        XCTAssertEqual(kept.which, [0, 1, 1, 0, 1])
        let dropped = Unpivot.removing(setAside, columns: 2, from: try Unpivot.layout(validities: [a, b], rowCount: 3, keepNulls: false), keepNulls: false)
        XCTAssertEqual(dropped.rows, [0, 0, 1, 2])
        XCTAssertEqual(dropped.droppedNulls, 1, "two empty cells, one of them set aside")
    }

    /// Bitmaps past the first word: row r of column c is valid when (r + c) % 3 != 0.
    func testValidityAcrossWords() throws {
        let n = 200
        let vs = (0..<3).map { c in Validity(flags: (0..<n).map { ($0 + c) % 3 != 0 }) }
        let cols = (0..<3).map { c in (0..<n).map { Double($0 * 10 + c) } }
        let l = try Unpivot.layout(validities: vs, rowCount: n, keepNulls: false)
        XCTAssertEqual(l.rows.count, vs.reduce(0) { $0 + $1.count - $1.nullCount })
        let (v, valid) = Unpivot.gather(cols, validities: vs, layout: l)
        XCTAssertEqual(valid.nullCount, 0)
        for i in 0..<l.rows.count {
            let r = Int(l.rows[i]), c = Int(l.which[i])
            XCTAssertNotEqual((r + c) % 3, 0)
            XCTAssertEqual(v[i], Double(r * 10 + c))
        }
    }

    func testTextColumnsShareOneDictionary() {
        let x = Column.texts("x", ["có", "không", "có"])
        let y = Column.texts("y", ["không", "chưa rõ", nil])
        guard case .text(let xc, let xd) = x.storage, case .text(let yc, let yd) = y.storage else { return XCTFail() }
        let (codes, dict) = Unpivot.unifiedCodes([(xc, xd), (yc, yd)])
        XCTAssertEqual(codes[0].map { dict.values[Int($0)] }, ["có", "không", "có"])
        XCTAssertEqual(codes[1].prefix(2).map { dict.values[Int($0)] }, ["không", "chưa rõ"])
        XCTAssertEqual(dict.count, 3)
    }

    func testTooManyRowsIsAnError() {
        XCTAssertThrowsError(try Unpivot.layout(validities: Array(repeating: .allValid(0), count: 3), rowCount: Int(Int32.max), keepNulls: true))
    }
}
