import AlmanacCore
import AlmanacDiagnostics
import Foundation
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// Golden tests over `Queries/steps/*.aq`, run against the hand-made tables of `Fixtures`.
///
/// Each query has either
/// - a `.out`: the expected table as `| a | b |` lines (header first), then the expected warnings, one per line as
///   `warning: <message>` (a note as `  = note: <text>` below its warning). Cells: `null`; text and periods as
///   printed; a number matches within a relative 1e-9 (so `0.1` accepts 0.10000000000000009); `≈0.7154` matches
///   when the value rounds to the digits written (for hand-rounded figures like 88/123);
/// - or an `.err`: the exact plain rendering of the diagnostics (with carets and hints).
///
/// Lines `# param NAME=VALUE` in the query pass parameters; `from "data/NAME.csv"` reads a CSV beside the goldens. Expected values were worked out by hand from the
/// fixture tables (see the comments in each `.aq`); the engine's output is never copied into them unchecked.
/// `ALMANAC_UPDATE_GOLDEN=1` writes `.actual` files next to the goldens for review; it never overwrites one.
final class GoldenStepTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Queries/steps")

    static func queryFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "aq" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func parameters(_ text: String) -> [String: String] {
        var params: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# param ") {
            let kv = line.dropFirst("# param ".count).split(separator: "=", maxSplits: 1)
            if kv.count == 2 { params[String(kv[0])] = String(kv[1]) }
        }
        return params
    }

    /// The actual output in `.out` form.
    static func render(_ r: QueryResult) -> String {
        var lines = [Render.table(r.table)]
        for w in r.warnings {
            lines.append("warning: \(w.message)")
            for h in w.hints { lines.append("  = hint: \(h)") }
            for n in w.notes { lines.append("  = note: \(n)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `body` in the steps folder, so that `from "data/m.csv"` reads the CSV fixtures beside the goldens.
    static func inStepsDirectory<R>(_ body: () throws -> R) rethrows -> R {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        return try body()
    }

    func testGoldenSteps() throws {
        try Self.inStepsDirectory { try runGoldenSteps() }
    }

    func runGoldenSteps() throws {
        let files = try Self.queryFiles()
        XCTAssertGreaterThanOrEqual(files.count, 30, "golden queries missing from \(Self.directory.path)")
        let update = ProcessInfo.processInfo.environment["ALMANAC_UPDATE_GOLDEN"] == "1"
        for url in files {
            let name = url.lastPathComponent
            let text = try String(contentsOf: url, encoding: .utf8)
            let outURL = url.deletingPathExtension().appendingPathExtension("out")
            let errURL = url.deletingPathExtension().appendingPathExtension("err")
            let expectedOut = try? String(contentsOf: outURL, encoding: .utf8)
            let expectedErr = try? String(contentsOf: errURL, encoding: .utf8)
            XCTAssertTrue((expectedOut == nil) != (expectedErr == nil), "\(name): needs exactly one of .out and .err")
            let provider = InMemoryProvider(Fixtures.all)
            let engine = QueryEngine(provider: provider)
            do {
                let r = try engine.run(text, name: name, parameters: Self.parameters(text))
                let actual = Self.render(r)
                if update { try actual.write(to: outURL.appendingPathExtension("actual"), atomically: true, encoding: .utf8) }
                guard let expectedOut else {
                    XCTFail("\(name): expected an error, got\n\(actual)")
                    continue
                }
                Self.compare(expected: expectedOut, actual: actual, name: name)
            } catch {
                let actual = Render.error(error) + "\n"
                // Name and type errors come before any step runs: no table was read. (Data-dependent errors, and
                // columns made by a pivot, can only be found by running.)
                if let d = error as? DiagnosticError, !d.ids.contains(where: { $0.belongs(to: .runtime) }), !d.ids.contains("query.duplicate-period"),
                   !name.contains("after-pivot") {
                    XCTAssertTrue(provider.loads.isEmpty, "\(name): a bind error after reading \(provider.loads)")
                }
                if update { try actual.write(to: errURL.appendingPathExtension("actual"), atomically: true, encoding: .utf8) }
                guard let expectedErr else {
                    XCTFail("\(name): unexpected error\n\(actual)")
                    continue
                }
                XCTAssertEqual(actual, expectedErr, "\(name): diagnostics differ")
            }
        }
    }

    /// Line by line; table cells number-aware.
    static func compare(expected: String, actual: String, name: String, file: StaticString = #filePath, line: UInt = #line) {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard e.count == a.count else {
            XCTFail("\(name): \(e.count) expected lines, \(a.count) actual:\n\(actual)", file: file, line: line)
            return
        }
        for (i, (el, al)) in zip(e, a).enumerated() where el != al {
            guard el.hasPrefix("|"), al.hasPrefix("|") else {
                XCTFail("\(name) line \(i + 1):\n  expected: \(el)\n  actual:   \(al)", file: file, line: line)
                continue
            }
            let ec = cells(el), ac = cells(al)
            guard ec.count == ac.count, zip(ec, ac).allSatisfy({ cellMatches(expected: $0, actual: $1) }) else {
                XCTFail("\(name) line \(i + 1):\n  expected: \(el)\n  actual:   \(al)", file: file, line: line)
                continue
            }
        }
    }

    static func cells(_ line: String) -> [String] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    static func cellMatches(expected: String, actual: String) -> Bool {
        if expected == actual { return true }
        if expected.hasPrefix("≈") {
            let digits = String(expected.dropFirst())
            guard let e = Double(digits), let a = Double(actual) else { return false }
            let decimals = digits.split(separator: ".").dropFirst().first?.count ?? 0
            let scale = pow(10.0, Double(decimals))
            return abs((a * scale).rounded() - (e * scale).rounded()) < 0.5
        }
        guard let e = Double(expected), let a = Double(actual) else { return false }
        return abs(e - a) <= 1e-9 * max(abs(e), abs(a)) || abs(e - a) < 1e-12
    }

    /// Every class of error has an exact-text golden.
    func testGoldenErrorsCoverEveryErrorClass() throws {
        var ids = Set<String>()
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Self.directory.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        for url in try Self.queryFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            do { _ = try Fixtures.engine().run(text, name: url.lastPathComponent, parameters: Self.parameters(text)) } catch let e as DiagnosticError {
                ids.formUnion(e.errors.map(\.id.family.rawValue))
            }
        }
        for id in ["query.unknown-column", "query.unknown-dataset", "query.unknown-function", "query.wrong-arity", "query.type-mismatch",
                   "query.misplaced-aggregate", "query.misplaced-time-function", "query.needs-period", "query.several-periods",
                   "query.constant-expected", "query.duplicate-name", "query.unknown-parameter", "query.duplicate-period",
                   "query.not-aggregated", "query.runtime"] {
            XCTAssertTrue(ids.contains(id), "no golden error of class \(id)")
        }
    }

    /// Every step keyword and every function of the catalog is exercised by at least one golden query.
    func testGoldenQueriesCoverEveryStepAndFunction() throws {
        let texts = try Self.queryFiles().map { try String(contentsOf: $0, encoding: .utf8) }
        let code = texts.map { $0.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") }.joined(separator: "\n")
        for step in QuerySyntax.stepKeywords {
            XCTAssertTrue(code.range(of: "(^|\\n|\\| )\(step) ", options: .regularExpression) != nil, "no golden query uses the step '\(step)'")
        }
        for f in FunctionCatalog.names {
            XCTAssertTrue(code.range(of: "\\b\(f)\\(", options: .regularExpression) != nil, "no golden query calls \(f)()")
        }
    }
}
