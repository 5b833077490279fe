import AlmanacDiagnostics
@testable import AlmanacSyntax
import Foundation
import XCTest
import AlmanacTestSupport


/// The parser must return normally — a pipeline or diagnostics — for any input: mutated
/// golden queries (byte deletions, insertions, swaps, duplications, random UTF-8 including
/// combining marks and invalid sequences decoded with `String(decoding:)`), token soups and
/// spliced lines. Invariants are checked on every result.
///
/// Reproduce with `ALMANAC_FUZZ_SEED=<seed>`; `ALMANAC_FUZZ_ITERATIONS` scales the run and
/// `ALMANAC_FUZZ_VERBOSE=1` prints each input before parsing it (to find a crashing one).
final class FuzzTests: XCTestCase {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = UInt64(environment["ALMANAC_FUZZ_SEED"] ?? "") ?? 0x00A1_3A5A_C2024
    static let iterations = Int(environment["ALMANAC_FUZZ_ITERATIONS"] ?? "") ?? 3_000
    static let verbose = environment["ALMANAC_FUZZ_VERBOSE"] == "1"

    static let corpus: [String] = {
        let urls = (try? GoldenSyntaxTests.queryFiles()) ?? []
        let texts = urls.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        return texts.isEmpty ? ["from trade\nwhere a = 1\ntake 10\n"] : texts
    }()

    /// Byte sequences worth inserting: syntax characters, Vietnamese letters, combining marks,
    /// odd whitespace and invalid UTF-8.
    static let interesting: [[UInt8]] = {
        let ascii = "()|,=<>!+-*/.\"`$#\\\n\r\t _0123456789aQqeE'&;@{}"
        var pieces = ascii.unicodeScalars.map { [UInt8($0.value)] }
        let unicode = [
            "ạ", "Đ", "ư", "\u{0301}", "\u{0323}", "\u{0309}", "\u{200D}", "\u{FEFF}", "\u{00A0}", "\u{3000}",
            "😀", "👩‍👩‍👧", "\u{2028}", "\u{E000}",
        ]
        pieces += unicode.map { Array($0.utf8) }
        pieces += [[0x80], [0xC3], [0xFF], [0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80], [0xC0, 0xAF]]
        let words = [
            "from", "where", "derive", "select", "aggregate", "by", "sort", "desc", "take", "pivot", "values", "join",
            "on", "compare", "vs", "and", "or", "not", "in", "between", "is", "null", "2024-Q3", "2019-01", "..",
            "1e6", "\\u{", "2024-13", "unpivot", "into", "all", "except", "keep",
        ]
        pieces += words.map { Array($0.utf8) }
        return pieces
    }()

    static let vocabulary: [String] = [
        "from", "where", "derive", "select", "aggregate", "by", "sort", "asc", "desc", "take", "pivot", "values",
        "join", "on", "compare", "vs", "and", "or", "not", "in", "between", "is", "null", "true", "false",
        "unpivot", "into", "all", "except", "keep", "nulls", "`2019`",
        "trade", "province", "giá_trị", "`giá trị`", "\"Hà Giang\"", "\"unterminated", "\"esc \\n \\u{1EA1}\"",
        "\"bad \\q\"", "`", "$p", "$", "0", "10", "1_000", "1.5", "1e6", "1e999", "99999999999999999999",
        "2019-01", "2024-Q3", "2024-10-15", "2024-13", "2024-Q9", "2023-02-29", "2019 - 01", "(", ")", ",", "=",
        "==", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "..", "|", "||", "&&", "!", "#", "'x'", ";",
        "sum(", "count()", "year(period)", "ạ", "\u{0301}", "\u{FEFF}",
    ]

    static let separators = [" ", " ", " ", "", "\n", "\t", " | ", "\r\n", "\n  "]

    func testParserNeverTraps() {
        var rng = SeededGenerator(seed: Self.seed)
        let started = Date()
        var parsed = 0
        for iteration in 0..<Self.iterations {
            check(mutate(Self.corpus.randomElement(using: &rng)!, using: &rng), iteration: iteration, kind: "mutation")
            check(tokenSoup(using: &rng), iteration: iteration, kind: "soup")
            if iteration % 3 == 0 { check(splice(using: &rng), iteration: iteration, kind: "splice") }
            parsed += iteration % 3 == 0 ? 3 : 2
        }
        // Pathological shapes.
        for text in [
            String(repeating: "(", count: 10_000), String(repeating: ")", count: 10_000),
            "from t\nwhere " + String(repeating: "(", count: 10_000), String(repeating: "\"", count: 5_001),
            String(repeating: "|", count: 5_000), String(repeating: "from t\n", count: 2_000),
            "from t\nwhere " + String(repeating: "a in (", count: 5_000),
            "from t\nderive " + (0..<3_000).map { "c\($0) = \($0)" }.joined(separator: ", "),
            String(repeating: "\u{0301}", count: 5_000), String(decoding: [UInt8](repeating: 0xFF, count: 5_000), as: UTF8.self),
        ] {
            check(text, iteration: -1, kind: "pathological")
            parsed += 1
        }
        let seconds = Date().timeIntervalSince(started)
        print("fuzz: \(parsed) inputs in \(String(format: "%.2f", seconds)) s (seed \(Self.seed))")
    }

    // MARK: - Generators

    private func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty:  // delete a run
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &rng))
                bytes.removeSubrange(min(position, end)..<end)
            case 1:  // insert something interesting
                bytes.insert(contentsOf: Self.interesting.randomElement(using: &rng)!, at: position)
            case 2 where bytes.count > 1:  // swap two bytes
                let a = Int.random(in: 0..<bytes.count, using: &rng), b = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.swapAt(a, b)
            case 3 where !bytes.isEmpty:  // overwrite with any byte
                bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &rng)
            case 4 where !bytes.isEmpty:  // duplicate a slice
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                let end = min(bytes.count, start + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[start..<end], at: position)
            default:  // insert random bytes
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
                    at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func tokenSoup(using rng: inout SeededGenerator) -> String {
        var text = Bool.random(using: &rng) ? "from t\n" : ""
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            text += Self.vocabulary.randomElement(using: &rng)!
            text += Self.separators.randomElement(using: &rng)!
        }
        return text
    }

    private func splice(using rng: inout SeededGenerator) -> String {
        let lines = Self.corpus.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        return (0..<Int.random(in: 1...10, using: &rng)).map { _ in String(lines.randomElement(using: &rng)!) }
            .joined(separator: Bool.random(using: &rng) ? "\n" : " | ")
    }

    // MARK: - Invariants

    private func check(_ text: String, iteration: Int, kind: String) {
        if Self.verbose { print("fuzz \(kind) #\(iteration): \(text.debugDescription)") }
        let file = SourceFile(name: "fuzz.aq", text: text)
        let result = QueryParser.parse(file)
        let context = "seed \(Self.seed), \(kind) #\(iteration): \(text.debugDescription)"

        for diagnostic in result.diagnostics {
            XCTAssertFalse(diagnostic.message.isEmpty, context)
            if let span = diagnostic.span {
                XCTAssertTrue(span.file === file, context)
                XCTAssertTrue(0 <= span.start && span.start <= span.end && span.end <= file.utf8Count, context)
            }
        }
        if !result.diagnostics.isEmpty {
            XCTAssertFalse(DiagnosticRenderer().render(result.diagnostics).isEmpty, context)
        }
        if result.hasErrors {
            XCTAssertThrowsError(try result.get(), context)
        } else {
            guard case .from? = result.pipeline.steps.first else {
                return XCTFail("parsed without errors but does not start with from: \(context)")
            }
            for step in result.pipeline.steps { checkSpans(of: step, in: file, context) }
        }
        _ = ASTPrinter.print(result.pipeline)
    }

    private func checkSpans(of step: Step, in file: SourceFile, _ context: String) {
        var spans = [step.span]
        var exprs: [Expr] = []
        switch step {
        case .from(let s): spans.append(s.source.span)
        case .where(let s): exprs.append(s.condition)
        case .derive(let s): for a in s.assignments { spans += [a.span, a.nameSpan]; exprs.append(a.expr) }
        case .select(let s): for i in s.items { spans += [i.span, i.nameSpan]; exprs += i.expr.map { [$0] } ?? [] }
        case .aggregate(let s):
            for a in s.measures { spans += [a.span, a.nameSpan]; exprs.append(a.expr) }
            for i in s.groupBy { spans += [i.span, i.nameSpan]; exprs += i.expr.map { [$0] } ?? [] }
        case .sort(let s): for k in s.keys { spans.append(k.span); exprs.append(k.expr) }
        case .take(let s): spans.append(s.countSpan)
        case .pivot(let s): spans += [s.column.span] + s.values.map(\.span)
        case .join(let s): spans += [s.dataset.span] + s.keys.map(\.span)
        case .compare(let s): exprs += [s.baseline.lower, s.baseline.upper, s.comparison.lower, s.comparison.upper]
        case .unpivot(let s):
            switch s.columns {
            case .listed(let names), .allExcept(let names): spans += names.map(\.span)
            }
            spans += [s.nameColumn.span, s.valueColumn.span]
        }
        while let expr = exprs.popLast() {
            spans.append(expr.span)
            exprs += expr.kind.children
        }
        for span in spans {
            XCTAssertTrue(span.file === file, context)
            XCTAssertTrue(step.span.start <= span.start && span.end <= step.span.end, "span outside its step: \(context)")
        }
    }
}
