import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Edge cases of the block tokenizer (4096 records a block, 64-byte separator windows) and of the parallel
/// chunks (speculative boundaries, re-parse, assembly).
final class CSVBlockAndChunkTests: XCTestCase {
    func load(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> LoadResult {
        try CSVReader.load(text: text, name: "t.csv", options: options)
    }
    func vals(_ r: LoadResult, _ c: String) -> [Value] { TestSupport.values(r.table, c) }
    func options(threads: Int, lenient: Bool = false) -> CSVOptions {
        var o = CSVOptions(lenient: lenient)
        o.threads = threads
        return o
    }

    func testBlockBoundaryFallsOnQuotedFields() throws {
        let block = ChunkParser.blockSize
        var text = "id,note,v\n"
        var notes: [Value] = []
        for i in 0..<(3 * block + 5) {
            let near = (i % block) >= block - 3 || (i % block) < 3
            let note = near ? "line one, \"quoted\"\nline two" : "n\(i % 7)"
            text += near ? "\(i),\"line one, \"\"quoted\"\"\nline two\",\"\(i)\"\n" : "\(i),\(note),\(i)\n"
            notes.append(.text(note))
        }
        let r = try load(text)
        XCTAssertEqual(r.table.rowCount, 3 * block + 5)
        XCTAssertEqual(vals(r, "note"), notes)
        XCTAssertEqual(vals(r, "v"), (0..<(3 * block + 5)).map { .int(Int64($0)) })
    }

    func testLenientRaggedRowsInAFileOfSeveralBlocks() throws {
        let block = ChunkParser.blockSize
        let ragged: Set<Int> = [0, 100, block - 1, block, block + 1, 2 * block - 1, 2 * block + 7]
        var text = "period,v,w\n"
        var kept: [Value] = []
        for i in 0..<(2 * block + 10) {
            if ragged.contains(i) {
                text += i % 2 == 0 ? "2024-01,\(i)\n" : "2024-01,\(i),1,extra\n"
            } else {
                text += "2024-\(String(format: "%02d", i % 12 + 1)),\(i),\(i % 3)\n"
                kept.append(.int(Int64(i)))
            }
        }
        let r = try load(text, CSVOptions(lenient: true))
        XCTAssertEqual(vals(r, "v"), kept)
        XCTAssertEqual(r.report.rejected.map(\.line), ragged.sorted().map { $0 + 2 })
        XCTAssertEqual(r.report.rejected.first?.reason, "expected 3 fields, found 2")
        XCTAssertEqual(r.report.rejected.first?.text, "2024-01,0")
        // Strict: the first ragged row is the error.
        XCTAssertThrowsError(try load(text)) { e in XCTAssertEqual((e as? CSVError)?.line, 2) }
    }

    func testChunkBoundariesInsideMultilineQuotedFields() throws {
        // Over 1 MB with long multi-line quoted fields, so that speculative chunk starts land inside quotes.
        var text = "k,body,v\n"
        var bodies: [Value] = []
        var i = 0
        while text.utf8.count < 1_500_000 {
            let lines = (0..<(i % 40 + 1)).map { "row \(i) line \($0), with comma\r\nand \"\"quotes\"\"" }
            let body = lines.joined(separator: "\n")
            text += "\(i),\"\(body)\",\(Double(i) / 4)\n"
            bodies.append(.text(body.replacingOccurrences(of: "\"\"", with: "\"")))
            i += 1
        }
        let reference = try load(text, options(threads: 1))
        XCTAssertEqual(vals(reference, "body"), bodies)
        XCTAssertEqual(vals(reference, "v"), (0..<i).map { .float(Double($0) / 4) })
        for threads in [2, 3, 4, 7] {
            let r = try load(text, options(threads: threads))
            XCTAssertEqual(r.table.rowCount, i, "threads \(threads)")
            XCTAssertEqual(vals(r, "body"), bodies, "threads \(threads)")
            XCTAssertEqual(vals(r, "k"), vals(reference, "k"), "threads \(threads)")
            XCTAssertEqual(vals(r, "v"), vals(reference, "v"), "threads \(threads)")
        }
    }

    func testTextColumnEmptyInWholeChunks() throws {
        var text = "name,v\n"
        var i = 0
        while text.utf8.count < 1_300_000 { text += (i < 1000 ? "x\(i % 5)" : "") + ",\(i)\n"; i += 1 }
        for threads in [2, 4] {
            let r = try load(text, options(threads: threads))
            let names = vals(r, "name")
            XCTAssertEqual(names.count, i)
            XCTAssertEqual(names[3], .text("x3"))
            XCTAssertEqual(names[i - 1], .null)
            XCTAssertEqual(r.table.column(named: "name")?.nullCount, i - 1000)
        }
    }

    func testManyDistinctValuesAcrossChunks() throws {
        var text = "code,v\n"
        var i = 0
        while text.utf8.count < 1_200_000 { text += "c\((i * 7919) % 20011)x,\(i)\n"; i += 1 }
        let r = try load(text, options(threads: 4))
        let expected: [Value] = (0..<i).map { .text("c\(($0 * 7919) % 20011)x") }
        XCTAssertEqual(vals(r, "code"), expected)
        guard case .text(_, let dict)? = r.table.column(named: "code")?.storage else { return XCTFail() }
        XCTAssertEqual(dict.count, Set(expected.map { "\($0)" }).count)
    }

    func testTextCodesWidenPastOneAndTwoBytes() throws {
        // One chunk whose dictionary passes 256 and then 65 536 values, with rejected rows (lenient) along the way.
        var text = "period,name,v\n"
        var names: [Value] = []
        var rejected: [Int] = []
        for i in 0..<70_000 {
            let name = i < 300 ? "n\(i % 50)" : "v\(i)"
            if i % 9_973 == 5 {
                text += "2024-13,\(name),\(i)\n"
                rejected.append(i + 2)
            } else {
                text += "2024-\(String(format: "%02d", i % 12 + 1)),\(name),\(i)\n"
                names.append(.text(name))
            }
        }
        let r = try load(text, options(threads: 1, lenient: true))
        XCTAssertEqual(vals(r, "name"), names)
        XCTAssertEqual(r.report.rejected.map(\.line), rejected)
        guard case .text(_, let dict)? = r.table.column(named: "name")?.storage else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(dict.count, Set(names.map { "\($0)" }).count)
    }

    func testControlBytesLongFieldsAndLineEnds() throws {
        let long = String(repeating: "abcdefghij", count: 13)   // 130 bytes: spans separator windows
        for delimiter in [",", "\t", ";"] {
            let d = delimiter
            let rows: [[String]] = [
                ["a\u{01}b", long, "1"],
                ["tab\u{0B}vt\u{0C}ff", "x", "2"],
                [long + long, "", "3"],
                ["", long, "4"],
            ]
            var text = ["c1", "c2", "c3"].joined(separator: d) + "\r\n"
            for (k, row) in rows.enumerated() { text += row.joined(separator: d) + (k == rows.count - 1 ? "" : (k % 2 == 0 ? "\r\n" : "\n")) }
            var o = CSVOptions()
            o.delimiter = UInt8(ascii: Unicode.Scalar(d)!)
            let r = try load(text, o)
            XCTAssertEqual(vals(r, "c1"), [.text("a\u{01}b"), .text("tab\u{0B}vt\u{0C}ff"), .text(long + long), .null], "delimiter \(d.debugDescription)")
            XCTAssertEqual(vals(r, "c2"), [.text(long), .text("x"), .null, .text(long)], "delimiter \(d.debugDescription)")
            XCTAssertEqual(vals(r, "c3"), [.int(1), .int(2), .int(3), .int(4)], "delimiter \(d.debugDescription)")
        }
        // A trailing delimiter at the very end of the file is an empty last field.
        let r = try load("a,b\n1,")
        XCTAssertEqual(vals(r, "b"), [.null])
        XCTAssertEqual(vals(r, "a"), [.int(1)])
    }

    func testFastNumberPathAgreesWithTheGeneralParser() {
        var samples = ["0", "-0", "7", "-7", "5.", ".5", "-.5", "+5", "00", "007", "0.5", "-0.5", "0.000", "1e3", "1E-2", "12,5",
                       "123456789012345", "1234567890123456", "99999999.9999999", "9999999.99999999", "-", "1.2.3", "1-2", "١٢",
                       "12 ", " 12", "1_000", "0x10", "9223372036854775807", "358378.14", "-358378.14"]
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+e,")
        for _ in 0..<20_000 {
            samples.append(String((0..<Int.random(in: 1...18, using: &g)).map { _ in alphabet.randomElement(using: &g)! }))
        }
        NumberParsing.powersOfTen.withUnsafeBufferPointer { pow10 in
            for s in samples {
                for style in [NumberStyle.standard, NumberStyle.vietnamese] {
                    // The field, then what follows it in a file (digits after the delimiter must not be taken).
                    let field = Array(s.utf8)
                    let bytes = field + Array(",12345678\n".utf8)
                    bytes.withUnsafeBufferPointer { b in
                        let general = NumberParsing.parse(b.baseAddress!, field.count, style: style)
                        // Readable to the field's end only (byte loop) or past it (word load).
                        for readable in [field.count, b.count] {
                            var v: UInt64 = 0
                            let tag = NumberParsing.fastParse(b.baseAddress!, field.count, readable: readable, decimalMark: style.decimalMark,
                                                              powersOfTen: pow10.baseAddress!, value: &v)
                            if tag == NumberParsing.fastInt {
                                XCTAssertEqual(general, .int(Int64(bitPattern: v)), "'\(s)'")
                            } else if tag == NumberParsing.fastFloat {
                                XCTAssertEqual(general, .float(Double(bitPattern: v)), "'\(s)'")
                                if case .float(let d) = general { XCTAssertEqual(d.bitPattern, v, "'\(s)'") }
                            }
                        }
                    }
                }
            }
        }
    }

    func testPeriodFastPathAgreesWithTheGeneralParser() {
        var samples = ["2024-01", "2024-12", "2024-13", "2024-00", "0000-05", "9999-12", "2024-1", "2024/01", "2024-01-31",
                       "2024-02-29", "2023-02-29", "2024-04-31", "0000-01-01", "2024-00-10", "2024-01-00", "2024-1-5", "20a4-01"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let y = Int.random(in: 0...9999, using: &g), m = Int.random(in: 0...13, using: &g), d = Int.random(in: 0...32, using: &g)
            samples.append(String(format: "%04d-%02d", y, m))
            samples.append(String(format: "%04d-%02d-%02d", y, m, d))
        }
        for s in samples {
            let bytes = Array(s.utf8)
            bytes.withUnsafeBufferPointer { b in
                for freq in [Frequency.month, .day, .quarter, .year] {
                    guard let ordinal = PeriodFastPath.ordinal(b.baseAddress!, b.count, freq) else { continue }
                    let general = PeriodParser.parse(b, dayOrder: .dayFirst, allowBareYear: true)
                    XCTAssertEqual(general, .period(Period(frequency: freq, ordinal: ordinal)), "'\(s)' as \(freq)")
                }
            }
        }
        // Out-of-range months and days keep the general parser's messages.
        XCTAssertThrowsError(try load("period,v\n2024-01,1\n0000-05,2\n")) { e in
            XCTAssertTrue((e as? CSVError)?.message.contains("year 0 is out of range") == true, "\(e)")
        }
        XCTAssertThrowsError(try load("date,v\n2024-01-05,1\n2023-02-29,2\n")) { e in
            XCTAssertTrue((e as? CSVError)?.message.contains("day 29 does not exist in 2023-02") == true, "\(e)")
        }
    }
}
