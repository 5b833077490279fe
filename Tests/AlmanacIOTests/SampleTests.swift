import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

final class SampleTests: XCTestCase {
    func testTradeSampleIsDeterministicAndHasGaps() throws {
        let a = TradeSample(rows: 5000, seed: 7).text()
        XCTAssertEqual(a, TradeSample(rows: 5000, seed: 7).text())
        XCTAssertNotEqual(a, TradeSample(rows: 5000, seed: 8).text())
        let r = try CSVReader.load(text: a, name: "sample.csv")
        XCTAssertEqual(r.table.rowCount, 5000)
        XCTAssertEqual(r.table.columnNames, ["period", "province", "partner", "flow", "product", "value_usd"])
        XCTAssertEqual(r.table.column(named: "period")?.dataType, .period(.month))
        // About 2% of (series, month) slots are missing: count months per series.
        var months: [String: Int] = [:]
        var order: [String] = []
        for i in 0..<r.table.rowCount {
            let key = ["province", "partner", "flow", "product"].map { r.table.column(named: $0)!.value(at: i).description }.joined(separator: "|")
            if months[key] == nil { order.append(key) }
            months[key, default: 0] += 1
        }
        let full = order.dropLast()   // the last series may be cut short by the row count
        XCTAssertTrue(full.allSatisfy { months[$0]! <= 120 })
        let missing = Double(full.map { 120 - months[$0]! }.reduce(0, +)) / Double(full.count * 120)
        XCTAssertGreaterThan(missing, 0.01)
        XCTAssertLessThan(missing, 0.03)
    }

    func testSumsMatchAnIndependentComputation() throws {
        let text = TradeSample(rows: 20_000, seed: 3).text()
        let r = try CSVReader.load(text: text, name: "s.csv", options: CSVOptions(threads: 2))
        // Independent: sum the last field of each line with Foundation's Double parser, grouped by province.
        var expected: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            expected[String(f[1]), default: 0] += Double(f[5])!
        }
        guard case .text(let codes, let dict) = r.table.column(named: "province")!.storage,
              case .float(let v) = r.table.column(named: "value_usd")!.storage else { return XCTFail() }
        var got: [String: Double] = [:]
        for i in 0..<codes.count { got[dict.values[Int(codes[i])], default: 0] += v[i] }
        XCTAssertEqual(Set(got.keys), Set(expected.keys))
        for (k, e) in expected { XCTAssertEqual(got[k]!, e, accuracy: 1e-6 * abs(e)) }
    }

    func testLargeFileUsesSeveralChunksAndAgreesWithOneThread() throws {
        let path = TestSupport.temporaryDirectory().appendingPathComponent("big.csv").path
        try TradeSample(rows: 60_000, seed: 11).write(to: path)
        let many = try CSVReader.load(path: path, options: CSVOptions(threads: 4))
        let one = try CSVReader.load(path: path, options: CSVOptions(threads: 1))
        XCTAssertEqual(many.table.rowCount, 60_000)
        for name in many.table.columnNames {
            let a = many.table.column(named: name)!, b = one.table.column(named: name)!
            for r in stride(from: 0, to: 60_000, by: 997) { XCTAssertEqual(a.value(at: r), b.value(at: r), "\(name) row \(r)") }
        }
    }
}
