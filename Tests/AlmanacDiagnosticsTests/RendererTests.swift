import AlmanacDiagnostics
import XCTest

final class RendererTests: XCTestCase {
    private func span(_ file: SourceFile, _ needle: String, occurrence: Int = 0) -> SourceSpan {
        var searchStart = file.text.startIndex
        var found: Range<String.Index>?
        for _ in 0...occurrence {
            found = file.text.range(of: needle, range: searchStart..<file.text.endIndex)
            if let found { searchStart = found.upperBound }
        }
        guard let found else {
            XCTFail("'\(needle)' not in source")
            return .point(file, at: 0)
        }
        let start = file.text.utf8.distance(from: file.text.utf8.startIndex, to: found.lowerBound)
        let end = file.text.utf8.distance(from: file.text.utf8.startIndex, to: found.upperBound)
        return SourceSpan(file: file, start: start, end: end)
    }

    func testUnknownColumnExample() {
        let file = SourceFile(name: "monthly.aq", text: "from trade\nwhere provnce = \"Hà Giang\"\n")
        let diagnostic = Diagnostic.error(
            "query.unknown-column", "unknown column 'provnce'", span: span(file, "provnce"),
            label: "not a column of 'trade'", hints: ["did you mean 'province'?"])
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: unknown column 'provnce'
             --> monthly.aq:2:7
              |
            2 | where provnce = "Hà Giang"
              |       ^^^^^^^ not a column of 'trade'
              = hint: did you mean 'province'?
            """)
    }

    func testCaretsAlignUnderVietnameseText() {
        let file = SourceFile(name: "q.aq", text: "where tỉnh = \"Hà Giang\" and giá_trị > 1")
        let diagnostic = Diagnostic.error(
            "query.unknown-column", "unknown column 'giá_trị'", span: span(file, "giá_trị"))
        XCTAssertEqual(
            diagnostic.description,
            """
            error: unknown column 'giá_trị'
             --> q.aq:1:29
              |
            1 | where tỉnh = "Hà Giang" and giá_trị > 1
              |                             ^^^^^^^
            """)
    }

    func testCaretsAlignUnderDecomposedText() {
        // Same line in NFD: every accented letter is a base letter plus combining marks.
        let nfd = "where ti\u{0309}nh = \"Ha\u{0300} Giang\" and gia\u{0301}_tri\u{0323} > 1"
        let file = SourceFile(name: "q.aq", text: nfd)
        XCTAssertEqual(file.text.utf8.count, 47)
        let start = nfd.utf8.count - "gia\u{0301}_tri\u{0323} > 1".utf8.count
        let diagnostic = Diagnostic.error(
            "query.unknown-column", "unknown column", span: SourceSpan(file: file, start: start, end: start + 11))
        let rendered = DiagnosticRenderer().render(diagnostic)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(lines[1], " --> q.aq:1:29")
        XCTAssertEqual(lines[4], "  |                             ^^^^^^^")
    }

    func testWideGutterAndEmptySpanAtEndOfLine() {
        let text = (1...9).map { "# line \($0)\n" }.joined() + "where a and\ntake 1\n"
        let file = SourceFile(name: "q.aq", text: text)
        let andSpan = span(file, "and")
        let diagnostic = Diagnostic.error(
            "syntax.expected-expression", "expected an expression after 'and'", span: andSpan.endPoint,
            label: "found end of line")
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: expected an expression after 'and'
              --> q.aq:10:12
               |
            10 | where a and
               |            ^ found end of line
            """)
    }

    func testEmptySpanAtEndOfFile() {
        let file = SourceFile(name: "q.aq", text: "take")
        let diagnostic = Diagnostic.error("syntax.take", "take expects a whole number", span: .point(file, at: 4))
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: take expects a whole number
             --> q.aq:1:5
              |
            1 | take
              |     ^
            """)
    }

    func testMultiLineSpanShowsFirstLine() {
        let file = SourceFile(name: "q.aq", text: "derive x = f(a,\n  b)\n")
        let diagnostic = Diagnostic.error(
            "query.call", "unknown function 'f'", span: SourceSpan(file: file, start: 11, end: 20),
            label: "this call", notes: ["functions are listed by `almanac help functions`"])
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: unknown function 'f'
             --> q.aq:1:12
              |
            1 | derive x = f(a,
              |            ^^^^ this call
              = note: functions are listed by `almanac help functions`
            """)
    }

    func testTabsAndControlCharacters() {
        let file = SourceFile(name: "q.aq", text: "\twhere x\u{7} = 1")
        let diagnostic = Diagnostic.error("t", "bad", span: span(file, "="))
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: bad
             --> q.aq:1:11
              |
            1 |     where x\u{FFFD} = 1
              |              ^
            """)
    }

    func testDiagnosticWithoutSpan() {
        let diagnostic = Diagnostic.error(
            "io.missing", "no dataset named 'trde'", hints: ["did you mean 'trade'?"], notes: ["searched ./data"])
        XCTAssertEqual(
            DiagnosticRenderer().render(diagnostic),
            """
            error: no dataset named 'trde'
              = hint: did you mean 'trade'?
              = note: searched ./data
            """)
    }

    func testSeveralDiagnosticsAndIDs() {
        let file = SourceFile(name: "q.aq", text: "take 10")
        let warning = Diagnostic.warning("query.big-take", "take is larger than the data", span: span(file, "10"))
        let note = Diagnostic.note("query.info", "the data has 3 rows")
        XCTAssertEqual(
            DiagnosticRenderer(showIDs: true).render([warning, note]),
            """
            warning[query.big-take]: take is larger than the data
             --> q.aq:1:6
              |
            1 | take 10
              |      ^^

            note[query.info]: the data has 3 rows
            """)
    }

    func testDiagnosticError() {
        let warning = Diagnostic.warning("w", "just a warning")
        XCTAssertNil(DiagnosticError(diagnostics: [warning]))
        let error = Diagnostic.error("e", "broken")
        let wrapped = DiagnosticError(diagnostics: [warning, error])
        XCTAssertEqual(wrapped?.errors, [error])
        XCTAssertEqual(wrapped?.warnings, [warning])
        XCTAssertEqual(wrapped?.ids, ["w", "e"])
        XCTAssertEqual(wrapped?.description, "warning: just a warning\n\nerror: broken")
        // The single-diagnostic initialiser promotes to an error.
        let promoted = DiagnosticError(warning)
        XCTAssertEqual(promoted.diagnostics.first?.severity, .error)
        XCTAssertEqual("\(promoted)", "error: just a warning")
    }

    func testBuilders() {
        let d = Diagnostic.error("x", "m").withHint("h").withHint(nil).withNote("n").withLabel("l")
        XCTAssertEqual(d.hints, ["h"])
        XCTAssertEqual(d.notes, ["n"])
        XCTAssertEqual(d.label, "l")
        let unknown = Diagnostic.unknownName("trde", kind: "dataset", span: nil, candidates: ["trade", "gdp"])
        XCTAssertEqual(unknown.description, "error: unknown dataset 'trde'\n  = hint: did you mean 'trade'?")
    }

    func testANSIDecoratorOnlyAddsEscapes() {
        let file = SourceFile(name: "monthly.aq", text: "where provnce = 1")
        let diagnostic = Diagnostic.error(
            "query.unknown-column", "unknown column 'provnce'", span: span(file, "provnce"),
            label: "here", hints: ["did you mean 'province'?"])
        let coloured = DiagnosticRenderer.ansi.render(diagnostic)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let stripped = coloured.replacingOccurrences(
            of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, DiagnosticRenderer().render(diagnostic))
    }
}
