import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// Input held in memory we allocated (standard input, a transcoded file, bytes given to the reader) is never given
/// back with `madvise(MADV_DONTNEED)` after a chunk: on Linux such memory then reads as zeros, and a re-read or an
/// error's excerpt would see them.
final class InMemoryInputTests: XCTestCase {
    /// 120,000 rows (about 2.5 MB, several chunks on three threads); column `code` holds integers in the sample and
    /// `A7` at row 100,000, so it is re-read as text over the same bytes. Every value must be the file's: row i has
    /// code `i` (or `A7`), name `n{i % 13}`, v = i × 0.5.
    func testReReadOverMemoryLargerThanAChunk() throws {
        var text = "id,code,name,v\n"
        for i in 0..<120_000 { text += "\(i),\(i == 100_000 ? "A7" : String(i)),n\(i % 13),\(Double(i) * 0.5)\n" }
        XCTAssertGreaterThan(text.utf8.count, 2 << 20)
        var o = CSVOptions(); o.threads = 3
        let r = try CSVReader.load(bytes: Array(text.utf8), name: "mem.csv", options: o)
        XCTAssertEqual(r.report.rereads, 1)
        XCTAssertEqual(r.table.rowCount, 120_000)
        let code = TestSupport.values(r.table, "code"), name = TestSupport.values(r.table, "name"), v = TestSupport.values(r.table, "v")
        for i in stride(from: 0, to: 120_000, by: 1) {
            guard code[i] == .text(i == 100_000 ? "A7" : String(i)), name[i] == .text("n\(i % 13)"), v[i] == .float(Double(i) * 0.5) else {
                return XCTFail("row \(i): \(code[i]), \(name[i]), \(v[i])")
            }
        }
    }

    /// A value error near the end of a large in-memory input quotes the real text.
    func testErrorExcerptOverMemory() {
        var text = "id,v\n"
        for i in 0..<150_000 { text += "\(i),\(i)\n" }
        text += "150000,\"1,5 \"\"x\"\"\n"
        var o = CSVOptions(); o.threads = 3; o.declaredTypes = ["v": .int]
        do {
            _ = try CSVReader.load(bytes: Array(text.utf8), name: "mem.csv", options: o)
            XCTFail("a quote never closed")
        } catch let e as CSVError {
            XCTAssertEqual(e.line, 150_002)
            XCTAssertTrue(e.message.contains("1,5 \"\"x\"\""), e.message)
        } catch { XCTFail("\(error)") }
    }

    /// Standard input is read whole by `read(2)`: a pipe's bytes come back as they were written.
    func testStandardInputReadsAPipe() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let payload = Array((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
        let writer = Thread {
            payload.withUnsafeBytes { p in var off = 0; while off < p.count { let n = write(fds[1], p.baseAddress! + off, p.count - off); if n <= 0 { break }; off += n } }
            close(fds[1])
        }
        writer.start()
        let r = StandardInput.readAll(fd: fds[0])
        close(fds[0])
        let file = try r.get()
        XCTAssertFalse(file.isMapped)
        XCTAssertEqual(Array(file.bytes), payload)
    }
}
