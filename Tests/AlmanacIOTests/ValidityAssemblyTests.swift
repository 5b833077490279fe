import XCTest
import AlmanacCore
@testable import AlmanacIO

/// The bulk validity paths the CSV loader uses: `ValidityBuilder.appendValid(count:)` and chunk concatenation.
final class ValidityAssemblyTests: XCTestCase {
    func testBulkValidAppendsMatchOneByOne() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bulk = ValidityBuilder(), single = ValidityBuilder()
            var flags: [Bool] = []
            for _ in 0..<Int.random(in: 1...12, using: &g) {
                switch Int.random(in: 0..<4, using: &g) {
                case 0:
                    bulk.append(false); single.append(false); flags.append(false)
                case 1:
                    let n = min(flags.count, Int.random(in: 0...70, using: &g))
                    bulk.truncate(to: flags.count - n); single.truncate(to: flags.count - n); flags.removeLast(n)
                default:
                    let n = Int.random(in: 0...200, using: &g)
                    bulk.appendValid(count: n)
                    for _ in 0..<n { single.append(true) }
                    flags += Array(repeating: true, count: n)
                }
            }
            XCTAssertEqual(bulk.finish(), single.finish())
            XCTAssertEqual(bulk.finish(), Validity(flags: flags))
            for (i, f) in flags.enumerated() { XCTAssertEqual(bulk.isValid(i), f) }
        }
    }

    func testChunkValidityConcatenation() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var parts: [Validity] = []
            var flags: [Bool] = []
            for _ in 0..<Int.random(in: 1...6, using: &g) {
                let n = Int.random(in: 0...300, using: &g)
                let kind = Int.random(in: 0..<3, using: &g)
                let f = (0..<n).map { _ in kind == 0 ? true : kind == 1 ? false : Bool.random(using: &g) }
                parts.append(Validity(flags: f))
                flags += f
            }
            XCTAssertEqual(CSVReader.concatValidity(parts), Validity(flags: flags))
        }
    }
}
