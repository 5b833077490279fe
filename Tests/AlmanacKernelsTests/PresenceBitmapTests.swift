import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// The (a, b) presence bitmap agrees with a set of the pairs, over one chunk and over several, with and without
/// validity.
final class PresenceBitmapTests: XCTestCase {
    func testBitsAreExactlyThePairsPresent() {
        for n in [10, 300_000] {
            var state: UInt64 = 7
            func next(_ m: UInt64) -> Int32 { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int32((state >> 33) % m) }
            let a = (0..<n).map { _ in next(40) }, b = (0..<n).map { _ in next(30) &+ 100 }
            var valid = [UInt64](repeating: ~0, count: (n + 63) / 64)
            for i in stride(from: 0, to: n, by: 7) { valid[i >> 6] &= ~(1 << UInt64(i & 63)) }
            for useValidity in [false, true] {
                let bits = PresenceBitmap.build(a, b, width: 30, offset: 100, cells: 40 * 30, valid: useValidity ? valid : nil)
                var expected = Set<Int>()
                for i in 0..<n where !useValidity || i % 7 != 0 { expected.insert(Int(a[i]) * 30 + Int(b[i] - 100)) }
                let got = Set((0..<(40 * 30)).filter { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 })
                XCTAssertEqual(got, expected, "n = \(n), validity \(useValidity)")
            }
        }
    }
}
