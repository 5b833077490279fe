import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// No input may trap the CSV reader: random bytes, mutated real files, and hostile shapes must each give a table or
/// a located error. Seeded, so a failure reproduces (ALMANAC_FUZZ_SEED).
final class CSVFuzzTests: XCTestCase {
    static let seeds = [
        "period,province,value\n2024-01,Hà Giang,1.5\n2024-02,\"Cao Bằng\",2\n2024-03,Lào Cai,NA\n",
        "Tháng;Tỉnh;Giá trị\nTháng 10/2024;Hà Giang;1.234,5\nT11/2024;Cao Bằng;\"703,8\"\n",
        "a,b\n1,\"ha \"\"ha\"\" ha\"\n\"Once upon \r\na time\",5\r\n",
        "ngày,v\n15/10/2024,1\n16/10/2024,2\n01/11/2024,3\n",
        "hs,code,id\n0902,02,12345678901234567890\n",
        "date,v\n2019-01-01,1\n2019-02-01,2\n",
    ]

    func checkNoTrap(_ bytes: [UInt8], options: CSVOptions) {
        do {
            let r = try CSVReader.load(bytes: bytes, name: "fuzz.csv", options: options)
            for c in r.table.columns {
                XCTAssertEqual(c.count, r.table.rowCount)
                if case .float(let v) = c.storage { for (i, x) in v.enumerated() where c.validity.isValid(i) { XCTAssertTrue(x.isFinite) } }
            }
        } catch let e as CSVError {
            XCTAssertFalse(e.message.isEmpty)
        } catch {
            XCTFail("unexpected error type: \(error)")
        }
    }

    func testRandomAndMutatedInputsNeverTrap() {
        let seed = UInt64(ProcessInfo.processInfo.environment["ALMANAC_FUZZ_SEED"] ?? "") ?? 20261125
        var rng = SplitMix64(seed: seed)
        let alphabet: [UInt8] = Array("\",;\t\n\r 0123456789-./:TQe+aNAHàả\u{301}".utf8) + [0xC3, 0xFF, 0x80, 0x00]
        let optionSets = [CSVOptions(), CSVOptions(lenient: true), CSVOptions(numberStyle: .vietnamese, sampleRows: 2),
                          CSVOptions(lenient: true, sampleRows: 1)]
        for i in 0..<3000 {
            var bytes: [UInt8]
            if i % 3 == 0 {
                bytes = (0..<Int(rng.next() % 120)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            } else {
                bytes = Array(Self.seeds[Int(rng.next() % UInt64(Self.seeds.count))].utf8)
                for _ in 0..<Int(1 + rng.next() % 6) where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 4 {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                    case 2: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 8)], at: at)
                    }
                }
            }
            checkNoTrap(bytes, options: optionSets[i % optionSets.count])
        }
    }

    func testHostileShapes() {
        let cases: [[UInt8]] = [
            [], [0xEF, 0xBB, 0xBF], Array("\n\n\n".utf8), Array("\"".utf8), Array("a\n\"".utf8),
            Array(("a\n" + String(repeating: "9", count: 400) + "\n").utf8),
            Array(("a\n" + String(repeating: "1e", count: 50) + "\n").utf8),
            Array("a\n1e99999\n-1e-99999\n".utf8),
            Array(("a," + String(repeating: ",", count: 5000) + "\n").utf8),
            Array("date\n29/02/2023\n".utf8), Array("period\n9999-12\n0000-01\n".utf8),
            Array("v\n\u{0}\n".utf8),
        ]
        for c in cases { checkNoTrap(c, options: CSVOptions()); checkNoTrap(c, options: CSVOptions(lenient: true)) }
    }
}
