import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// The kernels that split rows across cores give what one pass in row order gives: tables past the parallel
/// threshold, with nulls and text codes outside the dictionary, checked against sequential references.
final class ParallelKernelTests: XCTestCase {
    let n = parallelThreshold * 3 + 17

    func keys() -> [Column] {
        var rng = SplitMix(seed: 11)
        let p: [String?] = (0..<n).map { i in i % 97 == 0 ? nil : "p\(rng.next() % 40)" }
        let f: [String?] = (0..<n).map { _ in rng.next() % 2 == 0 ? "export" : "import" }
        let y: [Int64?] = (0..<n).map { i in i % 1013 == 0 ? nil : Int64(2015 + rng.next() % 9) }
        return [.texts("p", p), .texts("f", f), .ints("y", y)]
    }

    func testParallelDirectGroupingMatchesOnePass() throws {
        let k = keys()
        let g = try Grouping.build(keys: k)
        XCTAssertEqual(g.strategy, .direct)
        // The tuple strategy is one pass in row order: the same ids, groups in order of first appearance.
        let reference = Grouping.tuple(k.map(KeyEncoder.init), n)
        XCTAssertEqual(g.groupIDs, reference.groupIDs)
        XCTAssertEqual(g.firstRows, reference.firstRows)
        XCTAssertEqual(g.groupCount, reference.groupCount)
        XCTAssertGreaterThan(g.groupCount, 100)
    }

    func testParallelSumsMatchOnePass() throws {
        let g = try Grouping.build(keys: keys())
        var rng = SplitMix(seed: 5)
        let v: [Double?] = (0..<n).map { i in i % 7 == 0 ? nil : Double(rng.next() % 1_000_000) / 100 }
        let (sums, counts) = Aggregates.rawDoubleSums(v.map { $0 ?? 0 }, Column.floats("v", v).validity, g)
        var refSums = [Double](repeating: 0, count: g.groupCount), refCounts = [Int64](repeating: 0, count: g.groupCount)
        for i in 0..<n { if let x = v[i] { refSums[Int(g.groupIDs[i])] += x; refCounts[Int(g.groupIDs[i])] += 1 } }
        XCTAssertEqual(counts, refCounts)
        for k in 0..<g.groupCount { XCTAssertEqual(sums[k], refSums[k], accuracy: 1e-9 * max(1, abs(refSums[k]))) }
    }

    func testKeyCodesWithNullsMatchRowByRow() throws {
        let k = keys()
        let e = k.map(KeyEncoder.init)
        var buf = [UInt64](repeating: 0, count: 1000)
        buf.withUnsafeMutableBufferPointer { b in Grouping.combine(e, [1, 64, 128], b, 5000) }
        for j in 0..<1000 { XCTAssertEqual(buf[j], e[0].code(5000 + j) &+ e[1].code(5000 + j) &* 64 &+ e[2].code(5000 + j) &* 128) }
    }

    func testYearOfMonthsOnEveryCore() throws {
        let months: [Int32] = (0..<Int32(n)).map { $0 - Int32(n / 2) }
        let c = Column(name: "m", storage: .period(months, .month), validity: .allValid(n))
        guard case .period(let years, .year) = try PeriodConvert.convert(c, to: .year).storage else { return XCTFail("not a year column") }
        XCTAssertEqual(years, months.map { PeriodMath.floorDiv($0, 12) })
    }
}
