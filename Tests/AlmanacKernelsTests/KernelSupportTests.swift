import XCTest
import AlmanacCore
@testable import AlmanacKernels

final class KernelSupportTests: XCTestCase {
    /// `forEachValid` visits exactly the rows a bit-by-bit test would, in order, for any range and any pattern of
    /// nulls (full words, empty words, single bits, ranges starting and ending mid-word).
    func testForEachValidMatchesBitByBit() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 63, 64, 65, 130, 1000] {
            for density in [0.0, 0.05, 0.5, 0.97, 1.0] {
                var words = zeroWords(n)
                for i in 0..<n where Double.random(in: 0..<1, using: &rng) < density { words[i >> 6] |= 1 << UInt64(i & 63) }
                // Bits past the end must not be visited.
                if n % 64 != 0 { words[words.count - 1] |= ~0 << UInt64(n % 64) }
                let ranges: [Range<Int>] = n == 0 ? [0..<0] : [0..<n, (n / 3)..<n, 0..<(n / 2), (n / 5)..<(n - n / 7)]
                for r in ranges {
                    let expected = words.withUnsafeBufferPointer { w in r.filter { testBit(w, $0) } }
                    var seen: [Int] = []
                    forEachValid(r, words) { seen.append($0) }
                    XCTAssertEqual(seen, expected, "n \(n), density \(density), rows \(r)")
                    var all: [Int] = []
                    forEachValid(r, nil as [UInt64]?) { all.append($0) }
                    XCTAssertEqual(all, Array(r))
                }
            }
        }
    }

    func testValidBit() {
        let words: [UInt64] = [0b1010]
        words.withUnsafeBufferPointer { w in
            XCTAssertEqual((0..<4).map { validBit(w, $0) }, [false, true, false, true])
        }
        XCTAssertTrue(validBit(nil, 3))
        Optional<[UInt64]>.none.withUnsafeBufferPointerIfPresent { XCTAssertNil($0) }
        Optional(words).withUnsafeBufferPointerIfPresent { XCTAssertEqual($0?.count, 1) }
    }
}
