import Foundation
import CEditLine

/// Reads lines for the REPL: libedit (line editing, history) on a terminal, plain reads otherwise.
/// The only file that calls libedit.
final class LineEditor {
    let interactive: Bool
    let historyPath: String?

    init(historyPath: String?) {
        interactive = isatty(STDIN_FILENO) != 0
        self.historyPath = historyPath
        if interactive {
            rl_readline_name = UnsafePointer(strdup("almanac"))
            using_history()
            if let p = historyPath { _ = read_history(p) }
        }
    }

    /// The next line without its newline, or nil at end of input.
    func readLine(prompt: String) -> String? {
        guard interactive else {
            return Swift.readLine(strippingNewline: true)
        }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds an entry (a whole query, possibly several lines) to the history and saves it.
    func remember(_ entry: String) {
        guard interactive, !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        _ = add_history(entry)
        if let p = historyPath { _ = write_history(p) }
    }
}
