import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class SortingTests: XCTestCase {
    func testVietnameseOrderNullsLastBothDirections() throws {
        let t = Column.texts("province", ["Hà Nội", nil, "Đà Nẵng", "An Giang", "Dak Lak", nil, "Bắc Giang"])
        let asc = try Sorting.sortedIndices([SortColumn(t)])
        XCTAssertEqual(asc.map { t.value(at: Int($0)) }, [.text("An Giang"), .text("Bắc Giang"), .text("Dak Lak"), .text("Đà Nẵng"), .text("Hà Nội"), .null, .null])
        XCTAssertEqual(Array(asc.suffix(2)), [1, 5], "nulls keep table order")
        let desc = try Sorting.sortedIndices([SortColumn(t, descending: true)])
        XCTAssertEqual(desc.map { t.value(at: Int($0)) }, [.text("Hà Nội"), .text("Đà Nẵng"), .text("Dak Lak"), .text("Bắc Giang"), .text("An Giang"), .null, .null])
    }

    func testMultiKeyStableWithNegativesAndFloats() throws {
        let a = Column.ints("a", [2, 1, 2, 1, -5, nil])
        let b = Column.floats("b", [0.5, -1, 0.5, 3, 2, 1])
        let idx = try Sorting.sortedIndices([SortColumn(a), SortColumn(b, descending: true)])
        XCTAssertEqual(idx, [4, 3, 1, 0, 2, 5])
        // Wide range ints go through the radix path.
        let w = Column.ints("w", [Int64.max, Int64.min, 0, -1, 1 << 40, nil, Int64.min])
        XCTAssertEqual(try Sorting.sortedIndices([SortColumn(w)]), [1, 6, 3, 2, 4, 0, 5])
        XCTAssertEqual(try Sorting.sortedIndices([SortColumn(w, descending: true)]), [0, 4, 2, 3, 1, 6, 5])
    }

    func testPeriodsAndRandomAgainstStdlib() throws {
        var rng = SplitMix(seed: 11)
        let n = 5000
        let xs: [Double?] = (0..<n).map { _ in rng.next() % 10 == 0 ? nil : Double(Int64(rng.next() % 2_000_000_000) - 1_000_000_000) / 7 }
        let ps: [Period?] = (0..<n).map { _ in .month(2000 + Int32(rng.next() % 20), 1 + Int32(rng.next() % 12)) }
        let idx = try Sorting.sortedIndices([SortColumn(.periods("p", ps, frequency: .month), descending: true), SortColumn(.floats("x", xs))])
        let ref = (0..<n).sorted { i, j in
            let pi = ps[i]!.ordinal, pj = ps[j]!.ordinal
            if pi != pj { return pi > pj }
            switch (xs[i], xs[j]) {
            case (nil, nil): return i < j
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?): return a != b ? a < b : i < j
            }
        }
        XCTAssertEqual(idx.map(Int.init), ref)
    }
}
