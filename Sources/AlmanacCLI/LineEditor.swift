import Foundation
import CEditLine
import Synchronization

/// Ctrl-C, as the REPL sees it: a SIGINT handler (installed once) sets the flag, without SA_RESTART so that a wait
/// for input wakes up; the REPL takes the flag where it waits (for a line, for a query).
enum Interrupt {
    /// Set by the handler: lock-free, so safe in a signal handler.
    static let pending = Atomic<Bool>(false)

    static func install() {
        _ = pending.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.pending.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last call.
    static func take() -> Bool { pending.exchange(false, ordering: .relaxed) }
}

/// What reading a line gave.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case end
}

/// Reads lines for the REPL: libedit (line editing, history) on a terminal, plain reads otherwise.
/// The only file that calls libedit.
final class LineEditor {
    let interactive: Bool
    let historyPath: String?

    init(historyPath: String?) {
        interactive = isatty(STDIN_FILENO) != 0
        self.historyPath = historyPath
        if interactive {
            // libedit decodes typed bytes by the locale: without a UTF-8 one it drops every non-ASCII letter ("Hà"
            // arrives as "H"). Take the user's locale, and C.UTF-8 when it is not a UTF-8 one.
            setlocale(LC_ALL, "")
            if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
                setlocale(LC_CTYPE, "C.UTF-8")
            }
            rl_readline_name = UnsafePointer(strdup("almanac"))
            // The REPL handles SIGINT itself: libedit must not catch it (its handler cooks the terminal and
            // re-raises the signal, and the read goes on).
            rl_catch_signals = 0
            using_history()
            if let p = historyPath { _ = read_history(p) }
        }
    }

    /// The line libedit hands back to its callback (callbacks cannot capture, so it is kept here).
    nonisolated(unsafe) private static var finished: (done: Bool, line: String?) = (false, nil)

    /// The next line without its newline; `.interrupted` when Ctrl-C drops the line being typed; `.end` at the end.
    func readLine(prompt: String) -> LineInput {
        guard interactive else {
            return Swift.readLine(strippingNewline: true).map(LineInput.line) ?? .end
        }
        // libedit's callback interface, so that Ctrl-C wakes the wait for input (poll returns EINTR) and the line
        // can be dropped; readline() itself would go back to reading.
        _ = Interrupt.take()
        LineEditor.finished = (false, nil)
        rl_callback_handler_install(prompt) { raw in
            LineEditor.finished = (true, raw.map { String(cString: $0) })
            if let raw { free(raw) }
            rl_callback_handler_remove()
        }
        while !LineEditor.finished.done {
            var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let r = poll(&fd, 1, -1)
            if Interrupt.take() {
                rl_callback_handler_remove()
                fputs("^C\n", stdout)
                fflush(stdout)
                return .interrupted
            }
            if r < 0 { if errno == EINTR { continue }; rl_callback_handler_remove(); return .end }
            rl_callback_read_char()
        }
        return LineEditor.finished.line.map(LineInput.line) ?? .end
    }

    /// Adds an entry (a whole query, possibly several lines) to the history and saves it.
    func remember(_ entry: String) {
        guard interactive, !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        _ = add_history(entry)
        if let p = historyPath { _ = write_history(p) }
    }
}
