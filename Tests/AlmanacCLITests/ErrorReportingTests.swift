import XCTest
import AlmanacTestSupport

/// What a new user met (issue 14): errors that hid, leaked system text, or exited with the wrong code.
final class ErrorReportingTests: XCTestCase {
    func testHeadFailsOnAQuotingErrorAsQueryAndDescribeDo() throws {
        let dir = TestSupport.temporaryDirectory("cli-head")
        for (name, text) in [("first.csv", "a,b\n1,\"x\"y\n2,3\n"), ("third.csv", "a,b\n1,2\n3,4\n5,\"x\"y\n7,8\n")] {
            let path = dir.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let head = try CLIRunner.run(["head", path])
            let describe = try CLIRunner.run(["describe", path])
            XCTAssertEqual(head.status, 1, head.stdout)
            XCTAssertEqual(head.stdout, "")
            XCTAssertTrue(head.stderr.contains("unexpected text after a closing quote"), head.stderr)
            XCTAssertEqual(head.stderr, describe.stderr)
        }
    }
}

extension ErrorReportingTests {
    /// One line on stderr, a sentence naming the path, with no system or C library text.
    func assertPlainSentence(_ r: CLIResult, naming path: String, saying words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: cannot "), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(path), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(words), r.stderr, file: file, line: line)
        for raw in ["Error Domain", "NSCocoaErrorDomain", "errno", "[ERROR]", "libxlsxwriter", "UserInfo", "failed for"] {
            XCTAssertFalse(r.stderr.contains(raw), r.stderr, file: file, line: line)
        }
    }

    func testSystemErrorsWhenSavingAreOneSentenceNamingThePath() throws {
        let dir = TestSupport.temporaryDirectory("cli-save")
        let query = "from \"\(TestSupport.packageRoot.path)/Data/demo/trade_monthly.csv\" | take 2"
        try Data("x".utf8).write(to: dir.appendingPathComponent("afile"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("taken.xlsx"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("taken.csv"), withIntermediateDirectories: true)
        for ext in ["csv", "json", "xlsx"] {
            // The parent is a file.
            assertPlainSentence(try CLIRunner.run(["query", query, "-o", "afile/x.\(ext)"], in: dir),
                                naming: "afile", saying: "is a file, not a folder; choose another path")
            // A folder the system will not let anyone write into (root included).
            assertPlainSentence(try CLIRunner.run(["query", query, "-o", "/proc/almanac-test.\(ext)"], in: dir),
                                naming: "/proc/almanac-test.\(ext)", saying: "cannot write")
        }
        for name in ["taken.xlsx", "taken.csv"] {
            assertPlainSentence(try CLIRunner.run(["query", query, "-o", name], in: dir), naming: name, saying: "it is a folder")
        }
        let export = try CLIRunner.run(["export", "Workbooks/monthly-report.toml", "-o", dir.appendingPathComponent("afile/r.xlsx").path])
        assertPlainSentence(export, naming: "afile", saying: "is a file, not a folder")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["afile", "taken.csv", "taken.xlsx"])
    }
}

extension ErrorReportingTests {
    /// README's rule: 64 when the command line is wrong, 1 when the command ran into an error.
    func testExitCodesFollowTheReadmeRule() throws {
        let dir = TestSupport.temporaryDirectory("cli-exit")
        let csv = TestSupport.packageRoot.appendingPathComponent("Data/demo/trade_monthly.csv").path
        let usage: [([String], String)] = [
            (["bogus"], "Unexpected argument 'bogus'"),
            (["query", "from trade_monthly", "--no-such-option"], "Unknown option"),
            (["sample", "trade", "--rows", "-5", "--out", "x.csv"], "--rows must be zero or more, got -5"),
            (["head", csv, "-n", "-3"], "-n must be zero or more, got -3"),
            (["query", "from trade_monthly", "-o", "noext"], "the output 'noext' has no file type: end its name in .csv, .json or .xlsx"),
            (["query", "from trade_monthly", "-o", "out.txt"], "unknown output type '.txt'"),
            (["export", "Workbooks/monthly-report.toml", "-o", dir.appendingPathComponent("out.csv").path], "-o must name a .xlsx file"),
            (["query", "from trade_monthly", "--param", "novalue"], "--param needs name=value"),
        ]
        for (args, message) in usage {
            let r = try CLIRunner.run(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "nothing written on a usage error")
        let failures: [([String], String)] = [
            (["query", "from trade_monthly | where provnce = 1"], "unknown column 'provnce'"),
            (["describe", dir.appendingPathComponent("none.csv").path], "cannot open"),
            (["query", "-f", dir.appendingPathComponent("none.aq").path], "cannot read the query file"),
            (["datasets", "--data-dir", dir.appendingPathComponent("nothing").path], "no data folder"),
        ]
        for (args, message) in failures {
            let r = try CLIRunner.run(args)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("64 when the command line itself is wrong"), "README states the rule")
    }

    func testAFolderNamedAsASourceIsSaidToBeAFolder() throws {
        let dir = TestSupport.temporaryDirectory("cli-folder")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("some/folder"), withIntermediateDirectories: true)
        let r = try CLIRunner.run(["query", "from \"some/folder\""], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("some/folder is a folder, not a CSV file"), r.stderr)
        XCTAssertFalse(r.stderr.contains("no such file"), r.stderr)
    }
}

extension ErrorReportingTests {
    func testALongQueryLineIsQuotedAsAWindowAroundTheCaret() throws {
        let dir = TestSupport.temporaryDirectory("cli-flood")
        let file = dir.appendingPathComponent("big.aq")
        let filler = String(repeating: "a", count: 200_000)
        try Data("from trade_monthly | where province = \"\(filler)\" and provnce = 1 | take 1".utf8).write(to: file)
        let r = try CLIRunner.run(["query", "-f", file.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertLessThan(r.stderr.utf8.count, 1_000, String(r.stderr.prefix(400)))
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "error: unknown column 'provnce'")
        let quoted = try XCTUnwrap(lines.first { $0.hasPrefix("1 | ") })
        let carets = try XCTUnwrap(lines.first { $0.contains("^^^^^^^") })
        XCTAssertTrue(quoted.hasPrefix("1 | …aaa"), quoted)
        // The caret still stands under the name it points at.
        let at = carets.firstIndex(of: "^").map { carets.distance(from: carets.startIndex, to: $0) } ?? 0
        XCTAssertEqual(String(Array(quoted)[at..<(at + 7)]), "provnce")
    }

    func testTheTerminalTableCutsALongCellWhileCSVAndFilesKeepItWhole() throws {
        let dir = TestSupport.temporaryDirectory("cli-cell")
        let long = String(repeating: "Hà Giang ", count: 100_000)
        try Data("k,v\n\"\(long)\",1\n".utf8).write(to: dir.appendingPathComponent("t.csv"))
        let table = try CLIRunner.run(["query", "from \"t.csv\""], in: dir)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertLessThan(table.stdout.utf8.count, 500)
        XCTAssertTrue(table.stdout.contains("Hà Giang Hà Giang"), table.stdout)
        XCTAssertTrue(table.stdout.contains("…"), table.stdout)
        let csv = try CLIRunner.run(["query", "from \"t.csv\"", "--format", "csv"], in: dir)
        XCTAssertTrue(csv.stdout.contains(long), "--format csv keeps the value whole")
        let saved = try CLIRunner.run(["query", "from \"t.csv\"", "-o", "out.csv"], in: dir)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8).contains(long))
        let describe = try CLIRunner.run(["describe", "t.csv"], in: dir)
        XCTAssertLessThan(describe.stdout.utf8.count, 2_000)
    }
}
