import AlmanacDiagnostics
@testable import AlmanacSyntax
import Foundation
import XCTest
import AlmanacTestSupport

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t.aq", text: text)).tokens.map(\.kind)
    }

    private func values(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(name: "t.aq", text: text)).tokens.dropLast().map(\.value)
    }

    func testPeriodVersusSubtraction() {
        XCTAssertEqual(kinds("2019-01"), [.period, .endOfInput])
        XCTAssertEqual(kinds("2019 - 01"), [.integer, .minus, .integer, .endOfInput])
        XCTAssertEqual(kinds("2019 -01"), [.integer, .minus, .integer, .endOfInput])
        XCTAssertEqual(kinds("2019- 01"), [.integer, .minus, .integer, .endOfInput])
        XCTAssertEqual(kinds("x-2019"), [.word, .minus, .integer, .endOfInput])
        XCTAssertEqual(kinds("2024-Q3 2024-10-15"), [.period, .period, .endOfInput])
        XCTAssertEqual(values("2024-q3 2024-10-15 2024-02"), ["2024-Q3", "2024-10-15", "2024-02"])
        XCTAssertEqual(kinds("2015..2019"), [.integer, .dotDot, .integer, .endOfInput])
        XCTAssertEqual(kinds("2023-01..2023-10"), [.period, .dotDot, .period, .endOfInput])
        XCTAssertEqual(kinds("20244-01"), [.integer, .minus, .integer, .endOfInput])
    }

    func testPeriodValidation() {
        func ids(_ text: String) -> [DiagnosticID] {
            Lexer.tokenize(SourceFile(name: "t.aq", text: text)).diagnostics.map(\.id)
        }
        XCTAssertEqual(ids("2024-02-29"), [])
        XCTAssertEqual(ids("2000-02-29"), [])
        XCTAssertEqual(ids("1900-02-29"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("2024-04-31"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("2024-00"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("2024-Q0"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("2024-Q12"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("2024-10x"), ["syntax.invalid-number"])
        // Core's period reader decides; the lexer names the part that is wrong.
        func message(_ text: String) -> String? {
            Lexer.tokenize(SourceFile(name: "t.aq", text: text)).diagnostics.first?.message
        }
        XCTAssertEqual(message("2023-02-29"), "day 29 does not exist in 2023-02")
        XCTAssertEqual(message("2024-13"), "month 13 does not exist")
        XCTAssertEqual(message("2024-13-05"), "month 13 does not exist")
        XCTAssertEqual(message("2024-Q5"), "quarter 5 does not exist")
        XCTAssertEqual(ids("0000-01"), ["syntax.invalid-period"])
        XCTAssertEqual(ids("0000-Q2"), ["syntax.invalid-period"])
        XCTAssertEqual(message("0000-01"), "invalid period '0000-01': year 0 is out of range")
    }

    func testNumbers() {
        XCTAssertEqual(kinds("1 1.5 1e6 1_000 2.5E-3 007"), [.integer, .float, .float, .integer, .float, .integer, .endOfInput])
        XCTAssertEqual(values("1_000 1.5e+3"), ["1000", "1.5e+3"])
        XCTAssertEqual(kinds("1."), [.integer, .invalid, .endOfInput])  // '.' alone is not a token
        XCTAssertEqual(kinds("1e999"), [.invalid, .endOfInput])
    }

    func testSpansAreUTF8Offsets() {
        let tokens = Lexer.tokenize(SourceFile(name: "t.aq", text: "tỉnh = \"Hà\"")).tokens
        XCTAssertEqual(tokens.map(\.span.range), [0..<6, 7..<8, 9..<14, 14..<14])
        XCTAssertEqual(tokens[0].value, "tỉnh")
        XCTAssertEqual(tokens[2].value, "Hà")
    }

    func testDecomposedIdentifiers() {
        // "giá" with a combining acute accent is still one word.
        let text = "gia\u{0301}_tri\u{0323} > 1"
        let tokens = Lexer.tokenize(SourceFile(name: "t.aq", text: text)).tokens
        XCTAssertEqual(tokens.map(\.kind), [.word, .greater, .integer, .endOfInput])
        XCTAssertEqual(tokens[0].value, "giá_trị")  // canonically equivalent to the NFC spelling
    }

    func testKeywordsAreCaseSensitiveAndQuotedNamesAreNeverKeywords() {
        let tokens = Lexer.tokenize(SourceFile(name: "t.aq", text: "and AND `and`")).tokens
        XCTAssertTrue(tokens[0].isWord("and"))
        XCTAssertFalse(tokens[1].isWord("and"))
        XCTAssertEqual(tokens[2].kind, .quotedName)
        XCTAssertFalse(tokens[2].isWord("and"))
    }

    func testLayoutKeepsOnlyStepBoundaries() {
        let file = SourceFile(name: "t.aq", text: "from t\n\n# c\nwhere a and\n b\n| take 1\n")
        let tokens = Lexer.layout(Lexer.tokenize(file).tokens)
        let newlines = tokens.filter { $0.kind == .newline }.count
        XCTAssertEqual(newlines, 1)  // after "t"; the others are blank, continued or before '|'
        XCTAssertEqual(tokens.filter { $0.kind == .pipe }.count, 1)
    }

    func testStringEscapes() {
        XCTAssertEqual(values(#""a\"b\\c\n\t\r\0\u{1EA1}\u{41}""#), ["a\"b\\c\n\t\r\0ạA"])
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t.aq", text: #""\u{D800}" "\u{}" "\u{1234567}" "\x""#))
        XCTAssertEqual(tokens.map(\.kind), [.invalid, .invalid, .invalid, .invalid, .endOfInput])
        XCTAssertEqual(diagnostics.count, 4)
    }
}

final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> ParseResult {
        QueryParser.parse(SourceFile(name: "t.aq", text: text))
    }

    private func ast(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = parse(text)
        XCTAssertFalse(result.hasErrors, DiagnosticRenderer().render(result.diagnostics), file: file, line: line)
        return ASTPrinter.print(result.pipeline)
    }

    func testSpansOfNodes() throws {
        let text = "from trade\naggregate value = sum(value_usd) / 1e6 by year = year(period)\n"
        let pipeline = try QueryParser.parsePipeline(SourceFile(name: "t.aq", text: text))
        XCTAssertEqual(pipeline.steps.count, 2)
        XCTAssertEqual(pipeline.source?.source.name, "trade")
        XCTAssertEqual(pipeline.source?.source.span.text, "trade")
        XCTAssertEqual(pipeline.span.text, String(text.dropLast()))
        guard case .aggregate(let aggregate) = pipeline.steps[1] else { return XCTFail("not an aggregate") }
        XCTAssertEqual(aggregate.span.text, "aggregate value = sum(value_usd) / 1e6 by year = year(period)")
        XCTAssertEqual(aggregate.measures[0].nameSpan.text, "value")
        XCTAssertEqual(aggregate.measures[0].expr.span.text, "sum(value_usd) / 1e6")
        XCTAssertEqual(aggregate.measures[0].span.text, "value = sum(value_usd) / 1e6")
        XCTAssertEqual(aggregate.groupBy[0].expr?.span.text, "year(period)")
        guard case .binary(.divide, let call, _) = aggregate.measures[0].expr.kind,
            case .call(let name, let nameSpan, let arguments) = call.kind
        else { return XCTFail("unexpected shape") }
        XCTAssertEqual(name, "sum")
        XCTAssertEqual(nameSpan.text, "sum")
        XCTAssertEqual(arguments.first?.span.text, "value_usd")
        XCTAssertEqual(pipeline.steps[1].keyword, "aggregate")
    }

    func testParenthesisedSpansIncludeParentheses() throws {
        let (expr, diagnostics) = QueryParser.parseExpression(SourceFile(name: "e", text: "(a + b) * 2"))
        XCTAssertEqual(diagnostics, [])
        guard case .binary(.multiply, let lhs, _)? = expr?.kind else { return XCTFail("shape") }
        XCTAssertEqual(lhs.span.text, "(a + b)")
        XCTAssertEqual(expr?.height, 3)
    }

    func testParseExpressionRejectsTrailingTokens() {
        let (expr, diagnostics) = QueryParser.parseExpression(SourceFile(name: "e", text: "a b"))
        XCTAssertNil(expr)
        XCTAssertEqual(diagnostics.map(\.id), ["syntax.expected"])
    }

    func testEqualityIgnoresFileIdentity() {
        let text = "from t\nwhere a = 1"
        XCTAssertEqual(parse(text).pipeline, parse(text).pipeline)
        XCTAssertNotEqual(parse(text).pipeline, parse("from t\nwhere a = 2").pipeline)
    }

    func testThrowsAllErrors() {
        let file = SourceFile(name: "t.aq", text: "from t\nagregate x = 1\ntake ten\nwhere")
        XCTAssertThrowsError(try QueryParser.parsePipeline(file)) { error in
            guard let error = error as? DiagnosticError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.ids, ["syntax.unknown-step", "syntax.take-count", "syntax.expected-expression"])
        }
    }

    func testCRLFAndTabs() {
        XCTAssertEqual(ast("from t\r\n\twhere a = 1\r\n\ttake 3\r\n"), "(from t)\n(where (= a 1))\n(take 3)")
        let result = parse("from t\r\ntake x\r\n")
        XCTAssertEqual(
            DiagnosticRenderer().render(result.diagnostics),
            """
            error: take expects a whole number
             --> t.aq:2:6
              |
            2 | take x
              |      ^ found 'x'
              = hint: take N keeps the first N rows, e.g. take 10
            """)
    }

    func testIntegerLimits() {
        XCTAssertEqual(ast("from t | derive a = -9223372036854775808, b = 9223372036854775807"),
            "(from t)\n(derive a=-9223372036854775808 b=9223372036854775807)")
        XCTAssertEqual(parse("from t | derive a = 9223372036854775808").errors.map(\.id), ["syntax.number-range"])
        XCTAssertEqual(parse("from t | take 9223372036854775808").errors.map(\.id), ["syntax.number-range"])
    }

    func testKeywordsAsNamesAndBackticks() {
        XCTAssertEqual(ast("from values | derive by = `and` + desc, on = `null`"),
            "(from values)\n(derive by=(+ `and` desc) on=`null`)")
        XCTAssertEqual(parse("from t | derive x = and").errors.map(\.id), ["syntax.expected-expression"])
    }

    func testStepKeywordLineAlwaysStartsAStep() {
        // The trailing '=' would continue the step, but 'take' at the start of a line wins.
        let result = parse("from t\nwhere a =\ntake 3")
        XCTAssertEqual(result.errors.map(\.id), ["syntax.expected-expression"])
        XCTAssertEqual(ASTPrinter.print(result.pipeline), "(from t)\n(take 3)")
        // Unclosed parentheses do not swallow the following steps.
        let unclosed = parse("from t\nderive a = f(x,\ny\nsort a\ntake 1")
        XCTAssertEqual(unclosed.errors.map(\.id), ["syntax.unclosed-parenthesis"])
        XCTAssertEqual(ASTPrinter.print(unclosed.pipeline), "(from t)\n(sort (asc a))\n(take 1)")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        for (open, close) in [("(", ")"), ("-", ""), ("not ", ""), ("f(", ")")] {
            let text = "from t\nwhere " + String(repeating: open, count: 10_000) + "x"
                + String(repeating: close, count: 10_000) + "\ntake 1"
            let result = parse(text)
            XCTAssertEqual(result.errors.map(\.id), ["syntax.nesting-depth"], "nesting with \(open)")
            XCTAssertEqual(result.pipeline.steps.count, 2)
        }
        // Within the limit it parses.
        let nested = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        XCTAssertFalse(parse("from t\nwhere " + nested).hasErrors)
        // Long flat chains are bounded by the tree height instead.
        let chain = (0..<5_000).map { _ in "1" }.joined(separator: " + ")
        XCTAssertEqual(parse("from t\nderive x = " + chain).errors.map(\.id), ["syntax.expression-size"])
        let shortChain = (0..<200).map { _ in "a" }.joined(separator: " and ")
        XCTAssertFalse(parse("from t\nwhere " + shortChain).hasErrors)
        // Long lists are flat and fine.
        let list = (0..<5_000).map(String.init).joined(separator: ", ")
        XCTAssertFalse(parse("from t\nwhere x in (\(list))").hasErrors)
    }

    /// The deepest accepted inputs can be parsed, printed, compared and hashed on a secondary
    /// thread with a 2 MB stack even in a debug build (Linux threads default to 8 MB).
    func testDeepInputsOnASmallStack() {
        let done = expectation(description: "parsed on a small stack")
        let thread = Thread {
            let depth = QuerySyntax.maxNestingDepth - 1
            let forms: [(String, String)] = [("(", ")"), ("-", ""), ("not ", ""), ("f(", ")"), ("x in (", ")")]
            for (open, close) in forms {
                for count in [depth, 10_000] {
                    let text = "from t\nwhere " + String(repeating: open, count: count) + "x"
                        + String(repeating: close, count: count)
                    let result = QueryParser.parse(text)
                    XCTAssertEqual(result.hasErrors, count > depth, "\(open) × \(count)")
                    _ = ASTPrinter.print(result.pipeline)
                    XCTAssertEqual(result.pipeline, QueryParser.parse(text).pipeline)
                    _ = result.pipeline.hashValue
                }
            }
            let chain = (1..<QuerySyntax.maxExpressionHeight).map { _ in "1" }.joined(separator: " + ")
            let result = QueryParser.parse("from t\nderive x = " + chain)
            XCTAssertFalse(result.hasErrors)
            XCTAssertEqual(result.pipeline, QueryParser.parse("from t\nderive x = " + chain).pipeline)
            _ = ASTPrinter.print(result.pipeline)
            _ = result.pipeline.hashValue
            done.fulfill()
        }
        thread.stackSize = 2 << 20
        thread.start()
        wait(for: [done], timeout: 120)
    }

    func testEmptyAndWhitespaceQueries() {
        for text in ["", "   ", "\n\n", "# only a comment", "\u{FEFF}"] {
            XCTAssertEqual(parse(text).errors.map(\.id), ["syntax.empty-query"], "for \(text.debugDescription)")
        }
        XCTAssertEqual(parse("|").errors.map(\.id), ["syntax.empty-step"])
    }

    func testQuotedNamesInNamePositions() {
        XCTAssertEqual(
            ast(#"from "a b.csv" | join "c d" on "e f" | pivot "g h" values "i j" | select "k l", m = "n""#),
            #"(from "a b.csv")"# + "\n(join `c d` (on `e f`))\n(pivot `g h` (values `i j`))\n"
                + #"(select `k l` m="n")"#)
        // In expressions "…" stays a string literal; a sort key followed by more is an expression.
        XCTAssertEqual(ast(#"from t | sort "a" + x"#), #"(from t)"# + "\n" + #"(sort (asc (+ "a" x)))"#)
    }

    func testNamePrinting() {
        XCTAssertEqual(ASTPrinter.name("giá_trị"), "giá_trị")
        XCTAssertEqual(ASTPrinter.name("giá trị"), "`giá trị`")
        XCTAssertEqual(ASTPrinter.name("a`b"), "`a``b`")
        XCTAssertEqual(ASTPrinter.name("and"), "`and`")
        XCTAssertEqual(ASTPrinter.name("1st"), "`1st`")
        XCTAssertEqual(ASTPrinter.string("a\u{1}\"\\"), #""a\u{1}\"\\""#)
    }
}
