import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class GroupingTests: XCTestCase {
    func testDirectGroupingWithNullsAsOwnGroup() throws {
        let p = Column.texts("province", ["Hà Giang", "Cao Bằng", nil, "Hà Giang", nil])
        let f = Column.texts("flow", ["export", "export", "export", "export", "import"])
        let g = try Grouping.build(keys: [p, f])
        XCTAssertEqual(g.strategy, .direct)
        XCTAssertEqual(g.groupIDs, [0, 1, 2, 0, 3])
        XCTAssertEqual(g.groupCount, 4)
        XCTAssertEqual(g.firstRows, [0, 1, 2, 4])
        XCTAssertEqual(vals(g.keyColumns([p])[0]), [.text("Hà Giang"), .text("Cao Bằng"), .null, .null])
    }

    func testAllStrategiesAgree() throws {
        // Same logical keys through different encodings: small ints (direct), wide ints (packed), floats with nulls (tuple).
        var rng = SplitMix(seed: 7)
        let n = 3000
        let a = (0..<n).map { _ in Int64(rng.next() % 7) }
        let b: [Int64?] = (0..<n).map { _ in rng.next() % 10 == 0 ? nil : Int64(rng.next() % 5) }
        let direct = try Grouping.build(keys: [.ints("a", a.map { $0 }), .ints("b", b)])
        let packed = try Grouping.build(keys: [.ints("a", a.map { $0 * 1_000_000_007 }), .ints("b", b)])
        let tuple = try Grouping.build(keys: [.floats("a", a.map { Double($0) + 0.5 }), .floats("b", b.map { $0.map(Double.init) })])
        XCTAssertEqual(direct.strategy, .direct)
        XCTAssertEqual(packed.strategy, .packedHash)
        XCTAssertEqual(tuple.strategy, .tupleHash)
        XCTAssertEqual(direct.groupIDs, packed.groupIDs)
        XCTAssertEqual(direct.groupIDs, tuple.groupIDs)
        // Reference: first-appearance numbering of the tuples.
        var seen: [String: Int32] = [:]
        let ref = (0..<n).map { i -> Int32 in
            let k = "\(a[i])|\(b[i].map(String.init) ?? "null")"
            if let g = seen[k] { return g }
            seen[k] = Int32(seen.count); return Int32(seen.count - 1)
        }
        XCTAssertEqual(direct.groupIDs, ref)
    }

    func testNoKeysAndFloatZeroes() throws {
        let g = try Grouping.build(keys: [], rowCount: 3)
        XCTAssertEqual(g.groupIDs, [0, 0, 0]); XCTAssertEqual(g.groupCount, 1)
        let z = try Grouping.build(keys: [.floats("x", [0.0, -0.0, nil, 1])])
        XCTAssertEqual(z.groupIDs, [0, 0, 1, 2])
    }

    func testLengthMismatchThrows() {
        XCTAssertThrowsError(try Grouping.build(keys: [.ints("a", [1, 2]), .ints("b", [1])]))
    }

    func testOutOfRangeTextCodeIsNullNotTrap() throws {
        let d = TextDictionary(uniqueNFC: ["a"])
        let c = Column(name: "t", storage: .text([0, 5, -1, 0], d))
        let g = try Grouping.build(keys: [c])
        XCTAssertEqual(g.groupIDs, [0, 1, 1, 0])
    }
}

/// Deterministic generator for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
