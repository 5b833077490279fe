import AlmanacDiagnostics
import XCTest

final class SourceFileTests: XCTestCase {
    func testLineStartsAndLocations() {
        let file = SourceFile(name: "q.aq", text: "from trade\nwhere x = 1\n")
        XCTAssertEqual(file.lineStarts, [0, 11, 23])
        XCTAssertEqual(file.lineCount, 3)
        XCTAssertTrue(file.location(of: 0) == (1, 1))
        XCTAssertTrue(file.location(of: 5) == (1, 6))
        XCTAssertTrue(file.location(of: 10) == (1, 11))  // the newline itself
        XCTAssertTrue(file.location(of: 11) == (2, 1))
        XCTAssertTrue(file.location(of: 17) == (2, 7))
        XCTAssertTrue(file.location(of: 23) == (3, 1))
        // Clamped.
        XCTAssertTrue(file.location(of: -5) == (1, 1))
        XCTAssertTrue(file.location(of: 999) == (3, 1))
    }

    func testColumnsCountCharactersNotBytes() {
        // "Hà Giang": 'à' is two UTF-8 bytes in NFC.
        let text = "where tỉnh = \"Hà Giang\" and x"
        let file = SourceFile(name: "q.aq", text: text)
        let offsetOfAnd = text.utf8.count - "and x".utf8.count
        XCTAssertTrue(file.location(of: offsetOfAnd) == (1, 25))
        XCTAssertEqual(text.count - "and x".count + 1, 25)
    }

    func testColumnsWithDecomposedMarks() {
        // "ả" written as a + U+0309 (combining hook above): one Character, three bytes.
        let text = "ta\u{0309}ng x"
        let file = SourceFile(name: "q.aq", text: text)
        XCTAssertTrue(file.location(of: 5) == (1, 4))  // "n"
        XCTAssertTrue(file.location(of: 7) == (1, 6))  // "x"
        // An offset inside the cluster reports the cluster's column.
        XCTAssertTrue(file.location(of: 3) == (1, 2))
    }

    func testCRLFLines() {
        let file = SourceFile(name: "q.aq", text: "from t\r\ntake 1\r\n")
        XCTAssertEqual(file.lineText(index: 0), "from t")
        XCTAssertEqual(file.lineText(index: 1), "take 1")
        XCTAssertTrue(file.location(of: 8) == (2, 1))
    }

    func testSpans() {
        let file = SourceFile(name: "q.aq", text: "from trade")
        let a = SourceSpan(file: file, start: 0, end: 4)
        let b = SourceSpan(file: file, start: 5, end: 10)
        XCTAssertEqual(a.text, "from")
        XCTAssertEqual(b.text, "trade")
        XCTAssertEqual(a.joined(with: b), SourceSpan(file: file, start: 0, end: 10))
        XCTAssertEqual(b.joined(with: a).range, 0..<10)
        XCTAssertEqual(SourceSpan.covering([b, a])?.range, 0..<10)
        XCTAssertNil(SourceSpan.covering([SourceSpan]()))
        XCTAssertEqual(b.description, "q.aq:1:6")
        // Clamping instead of trapping.
        let odd = SourceSpan(file: file, start: 8, end: 3)
        XCTAssertEqual(odd.range, 8..<8)
        XCTAssertEqual(SourceSpan(file: file, start: -3, end: 400).range, 0..<10)
        // Spans of different files do not join.
        let other = SourceFile(name: "other.aq", text: "x")
        XCTAssertEqual(a.joined(with: SourceSpan.whole(other)), a)
    }

    func testSliceNeverTraps() {
        let file = SourceFile(name: "q.aq", text: "Hà")
        // Offset 2 splits the two-byte 'à'.
        XCTAssertEqual(file.slice(0..<2), "H\u{FFFD}")
        XCTAssertEqual(file.slice(0..<3), "Hà")
        XCTAssertEqual(file.slice(5..<9), "")
    }
}
