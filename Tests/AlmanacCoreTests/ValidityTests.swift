import XCTest
@testable import AlmanacCore

final class ValidityTests: XCTestCase {
    func testSpecialCasesCollapse() {
        XCTAssertEqual(Validity(flags: [true, true, true]).storage, .allValid)
        XCTAssertEqual(Validity(flags: [false, false]).storage, .allNull)
        let v = Validity(flags: (0..<130).map { $0 % 7 != 0 })
        XCTAssertEqual(v.nullCount, 19)
        for i in 0..<130 { XCTAssertEqual(v.isValid(i), i % 7 != 0) }
    }

    func testBuilderAllocatesOnFirstNull() {
        var b = ValidityBuilder()
        for i in 0..<100 { b.append(i != 70 && i != 99) }
        let v = b.finish()
        XCTAssertEqual(v.nullCount, 2)
        XCTAssertFalse(v.isValid(70)); XCTAssertFalse(v.isValid(99)); XCTAssertTrue(v.isValid(98))
        var all = ValidityBuilder()
        for _ in 0..<10 { all.append(true) }
        XCTAssertEqual(all.finish().storage, .allValid)
    }

    func testGatherAndIntersect() {
        let v = Validity(flags: [true, false, true, false])
        let g = [Int32(3), 2, 2, 0].withUnsafeBufferPointer { v.gathering($0) }
        XCTAssertEqual((0..<4).map { g.isValid($0) }, [false, true, true, true])
        let w = Validity(flags: [true, true, false, false])
        XCTAssertEqual((0..<4).map { v.intersection(w).isValid($0) }, [true, false, false, false])
        XCTAssertEqual(Validity.allValid(70).words.last, (1 << 6) - 1)
    }
}
