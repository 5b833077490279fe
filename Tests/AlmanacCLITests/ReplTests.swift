import XCTest
import AlmanacTestSupport

/// Drives `almanac repl` in a real terminal (tmux), as a person would: typing, Enter, the up arrow.
final class ReplTests: XCTestCase {
    /// Runs tmux through `ChildProcess` (never Foundation's `Process`, whose wait hangs once `new-session` leaves
    /// its server running) and returns what it printed. A private server (`-L`, no configuration file) keeps the test
    /// apart from any tmux the developer runs, and starts fresh each time, as on CI.
    func tmux(_ args: [String]) throws -> String {
        let r = try ChildProcess.run("/usr/bin/tmux", ["-L", "almanac-test-\(getpid())", "-f", "/dev/null"] + args, timeout: 30)
        if r.timedOut { throw ChildProcessFailure("tmux \(args.joined(separator: " ")) did not finish within 30 s") }
        return r.stdoutText
    }

    /// Types text literally (tmux would read a trailing ';' as its own command separator), then presses Enter.
    func type(_ text: String, session: String) throws {
        let body = text.hasSuffix(";") ? String(text.dropLast()) : text
        _ = try tmux(["send-keys", "-t", session, "-l", body])
        if text.hasSuffix(";") { _ = try tmux(["send-keys", "-t", session, "-l", "\\;"]) }
        _ = try tmux(["send-keys", "-t", session, "Enter"])
    }

    func waitFor(_ text: String, session: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try tmux(["capture-pane", "-p", "-t", session])
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("'\(text)' never appeared; the screen was:\n\(screen)")
        return screen
    }

    /// Starts `almanac repl` over the bundled data in a detached tmux session; returns the session and HOME.
    /// Without tmux the test fails (never skips): CI installs it.
    func startRepl(_ name: String) throws -> (session: String, home: URL) {
        guard FileManager.default.fileExists(atPath: "/usr/bin/tmux") else {
            throw ChildProcessFailure("tmux is needed for the REPL test (apt-get install tmux; CI installs it)")
        }
        let home = TestSupport.temporaryDirectory("repl-home")
        let session = "almanac-\(name)-\(getpid())"
        let binary = CLIRunner.productsDirectory.appendingPathComponent("almanac").path
        let data = TestSupport.packageRoot.appendingPathComponent("Data").path
        _ = try tmux(["new-session", "-d", "-s", session, "-x", "220", "-y", "50",
                      "env HOME=\(home.path) TERM=xterm \(binary) repl --data-dir \(data)"])
        return (session, home)
    }

    /// Vietnamese typed at the prompt arrives whole, whatever the terminal's locale (libedit reads bytes by it).
    func testTypedVietnameseArrivesWhole() throws {
        let (session, _) = try startRepl("repl-vi")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor("almanac>", session: session)
        try type("from trade_annual | where province = \"Hà Giang\" | take 1;", session: session)
        let screen = try waitFor("row", session: session)
        XCTAssertTrue(screen.contains("(1 row)"), screen)
    }

    func testTypingAQueryAndRecallingItFromHistory() throws {
        let (session, home) = try startRepl("repl")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor("almanac>", session: session)
        try type("from trade_annual", session: session)
        _ = try waitFor("...>", session: session)
        try type("derive g = yoy(turnover);", session: session)
        let screen = try waitFor("(2 rows)", session: session)
        XCTAssertTrue(screen.contains("3.0%"), screen)
        // A typo gets the caret and the hint.
        try type("from trade_anual;", session: session)
        let err = try waitFor("did you mean 'trade_annual'?", session: session)
        XCTAssertTrue(err.contains("^^^^"), err)
        // The up arrow brings back the last query, from history.
        _ = try tmux(["send-keys", "-t", session, "Up"])
        _ = try waitFor("almanac> from trade_anual", session: session)
        _ = try tmux(["send-keys", "-t", session, "C-u"])
        try type(".quit", session: session)
        // The file appears when the REPL starts saving and is complete only when it quits: wait for its content.
        let deadline = Date().addingTimeInterval(10)
        var history = ""
        repeat {
            history = (try? String(contentsOf: home.appendingPathComponent(".almanac_history"), encoding: .utf8)) ?? ""
            if history.contains("trade_anual") { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        XCTAssertTrue(history.contains("trade_anual"), history)
    }

    /// `.datasets` lists the catalog with titles; `.describe NAME` shows a dataset's columns, roles, units and period;
    /// a name not in the catalog is an error that lists the datasets.
    func testDatasetsAndDescribe() throws {
        let (session, _) = try startRepl("repl-describe")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor("almanac>", session: session)
        try type(".datasets", session: session)
        let list = try waitFor("trade_totals — Kim ngạch xuất nhập khẩu cả giai đoạn", session: session)
        XCTAssertTrue(list.contains("trade_annual — Kim ngạch xuất nhập khẩu theo năm"), list)
        XCTAssertTrue(list.contains("trade_monthly (synthetic)"), list)
        _ = try tmux(["send-keys", "-t", session, "C-l"])
        try type(".describe trade_annual", session: session)
        let described = try waitFor("declared period (year)", session: session)
        XCTAssertTrue(described.contains("rows:    2"), described)
        XCTAssertTrue(described.contains("period:  'period', year, 2020 … 2021"), described)
        XCTAssertTrue(described.range(of: #"turnover +number +measure +million USD"#, options: .regularExpression) != nil, described)
        try type(".describe trade_anual", session: session)
        let missing = try waitFor("no dataset 'trade_anual'", session: session)
        XCTAssertTrue(missing.contains("trade_annual"), missing)
        try type(".quit", session: session)
    }

    /// Ctrl-C drops the line being typed, or stops the query running, and the prompt comes back in the same process;
    /// Ctrl-D on an empty line leaves.
    func testCtrlCCancelsTheLineOrTheQueryAndCtrlDQuits() throws {
        // A file big enough that loading it takes a while (seconds in a debug build).
        let dir = TestSupport.temporaryDirectory("repl-big")
        let big = dir.appendingPathComponent("big.csv")
        var text = "k,v\n"
        text.reserveCapacity(3_000_000 * 9)
        for i in 0..<3_000_000 { text += "k\(i % 7),\(i % 1000)\n" }
        try text.write(to: big, atomically: true, encoding: .utf8)
        let (session, _) = try startRepl("repl-ctrlc")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor("almanac>", session: session)
        // Mid-line: the text typed so far is dropped (otherwise the next line would continue it).
        _ = try tmux(["send-keys", "-t", session, "-l", "from trade_ann"])
        _ = try waitFor("almanac> from trade_ann", session: session)
        _ = try tmux(["send-keys", "-t", session, "C-c"])
        _ = try waitFor("from trade_ann^C", session: session)
        try type("from trade_annual;", session: session)
        _ = try waitFor("(2 rows)", session: session)
        // During a query: it stops, and the same process answers the next one.
        _ = try tmux(["send-keys", "-t", session, "C-l"])
        try type("from \"\(big.path)\" | sort v | derive w = v * 2 | sort w desc;", session: session)
        Thread.sleep(forTimeInterval: 0.5)
        _ = try tmux(["send-keys", "-t", session, "C-c"])
        let stopped = try waitFor("cancelled", session: session, timeout: 5)
        XCTAssertFalse(stopped.contains("rows)"), stopped)
        try type("from trade_annual | take 1;", session: session)
        _ = try waitFor("(1 row)", session: session)
        // Ctrl-D on an empty line leaves: the session (whose only command is the REPL) ends.
        _ = try tmux(["send-keys", "-t", session, "C-d"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? tmux(["list-sessions", "-F", "#{session_name}"]))?.contains(session) == true {
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertFalse((try? tmux(["list-sessions", "-F", "#{session_name}"]))?.contains(session) ?? false, "the REPL did not leave on Ctrl-D")
    }

    /// A query that fails with a did-you-mean shows the corrected query; `.fix` runs it.
    func testFixRunsTheCorrectedQuery() throws {
        let (session, _) = try startRepl("repl-fix")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor("almanac>", session: session)
        try type(".fix", session: session)
        _ = try waitFor("no fix to run", session: session)
        // ASCII only: without a UTF-8 locale libedit drops "à" as typed (so did readline() before this change).
        try type("from trade_anual | where provnce = \"x\";", session: session)
        let offered = try waitFor("(type .fix to run it)", session: session)
        // The first error (the dataset) gets its fix; once it binds, the column's turn comes.
        XCTAssertTrue(offered.contains("fix: from trade_annual | where provnce = \"x\""), offered)
        try type(".fix", session: session)
        let second = try waitFor("fix: from trade_annual | where province = \"x\"", session: session)
        XCTAssertTrue(second.contains("did you mean"), second)
        _ = try tmux(["send-keys", "-t", session, "C-l"])
        try type(".fix", session: session)
        _ = try waitFor("rows)", session: session)
        try type(".quit", session: session)
    }
}
