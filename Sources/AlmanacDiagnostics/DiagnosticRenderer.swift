/// The parts of a rendered diagnostic that a decorator may style.
public enum DiagnosticRole: Sendable, Hashable {
    /// `error` / `warning` / `note` at the start of the header.
    case severity(Severity)
    /// The header message.
    case message
    /// ` --> file:line:col` arrow and location.
    case location
    /// Line numbers and the `|` gutter.
    case gutter
    /// The caret run (`^^^^`) and its label.
    case caret(Severity)
    /// `hint` / `note` keywords in `= hint:` lines.
    case annotation
}

/// Styles pieces of rendered text. The renderer only ever calls `decorate` on whole tokens, so
/// a decorator can wrap them in escape codes without disturbing alignment.
public protocol DiagnosticDecorator: Sendable {
    func decorate(_ text: String, as role: DiagnosticRole) -> String
}

/// No styling: the plain text used in tests, logs and files.
public struct PlainDecorator: DiagnosticDecorator {
    public init() {}
    public func decorate(_ text: String, as role: DiagnosticRole) -> String { text }
}

/// ANSI terminal colours (rustc-like: red errors, yellow warnings, blue gutter, bold message).
public struct ANSIDecorator: DiagnosticDecorator {
    public init() {}

    public func decorate(_ text: String, as role: DiagnosticRole) -> String {
        guard !text.isEmpty else { return text }
        let code: String
        switch role {
        case .severity(let severity), .caret(let severity):
            switch severity {
            case .error: code = "1;31"
            case .warning: code = "1;33"
            case .note: code = "1;36"
            }
        case .message: code = "1"
        case .location, .gutter: code = "1;34"
        case .annotation: code = "1"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

/// Renders diagnostics as plain text in the style of rustc / PRQL:
///
/// ```
/// error: unknown column 'provnce'
///  --> monthly.aq:2:7
///   |
/// 2 | where provnce = "Hà Giang"
///   |       ^^^^^^^ not a column of 'trade'
///   = hint: did you mean 'province'?
/// ```
///
/// Columns and caret runs are measured in Characters (grapheme clusters), tabs are expanded to
/// `tabWidth` spaces and other control characters are shown as `�`, so carets line up under
/// Vietnamese text. A span running over several lines is shown on its first line, with carets to
/// the end of that line. Every span gets at least one caret (an empty span at the end of a line
/// points just past its last character). A diagnostic without a span renders as its header plus
/// hints and notes. The result has no trailing newline; several diagnostics are separated by a
/// blank line.
public struct DiagnosticRenderer: Sendable {
    public var decorator: any DiagnosticDecorator
    public var tabWidth: Int
    /// Print `error[syntax.unknown-step]:` instead of `error:`.
    public var showIDs: Bool

    public init(decorator: any DiagnosticDecorator = PlainDecorator(), tabWidth: Int = 4, showIDs: Bool = false) {
        self.decorator = decorator
        self.tabWidth = max(1, tabWidth)
        self.showIDs = showIDs
    }

    /// A renderer with ANSI colours.
    public static var ansi: DiagnosticRenderer { DiagnosticRenderer(decorator: ANSIDecorator()) }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n\n")
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let d = decorator
        var lines: [String] = []
        var header = d.decorate(diagnostic.severity.rawValue, as: .severity(diagnostic.severity))
        if showIDs { header += d.decorate("[\(diagnostic.id.rawValue)]", as: .severity(diagnostic.severity)) }
        header += d.decorate(": " + diagnostic.message, as: .message)
        lines.append(header)

        var gutterWidth = 1
        if let span = diagnostic.span {
            let file = span.file
            let lineIndex = file.lineIndex(containing: span.start)
            let lineNumber = String(lineIndex + 1)
            gutterWidth = lineNumber.count
            let pad = String(repeating: " ", count: gutterWidth)
            let (line, column) = file.location(of: span.start)
            lines.append(pad + d.decorate("--> ", as: .location) + "\(file.name):\(line):\(column)")
            lines.append(pad + " " + d.decorate("|", as: .gutter))

            let range = file.lineRange(index: lineIndex)
            // Caret run: from the span start to its end, clipped to this line, at least one caret.
            let caretStart = min(max(span.start, range.lowerBound), range.upperBound)
            let caretEnd = min(span.end, range.upperBound)
            // A long line is quoted as a window around the caret, cut with `…` (a 200 KB query gives a short error).
            let window = QuotedWindow(before: displayText(file.slice(range.lowerBound..<caretStart)),
                                      marked: displayText(file.slice(caretStart..<caretEnd)),
                                      after: displayText(file.slice(caretEnd..<range.upperBound)))
            let lineText = window.before + window.marked + window.after
            lines.append(
                d.decorate(lineNumber, as: .gutter) + " " + d.decorate("|", as: .gutter)
                    + (lineText.isEmpty ? "" : " " + lineText))
            let prefixWidth = window.before.count
            let caretWidth = max(1, window.marked.count)
            var caretLine = pad + " " + d.decorate("|", as: .gutter) + " "
            caretLine += String(repeating: " ", count: prefixWidth)
            var carets = String(repeating: "^", count: caretWidth)
            if let label = diagnostic.label, !label.isEmpty { carets += " " + label }
            caretLine += d.decorate(carets, as: .caret(diagnostic.severity))
            lines.append(caretLine)
        }
        let annotationPad = String(repeating: " ", count: gutterWidth + 1)
        for hint in diagnostic.hints {
            lines.append(annotationPad + "= " + d.decorate("hint", as: .annotation) + ": " + hint)
        }
        for note in diagnostic.notes {
            lines.append(annotationPad + "= " + d.decorate("note", as: .annotation) + ": " + note)
        }
        return lines.joined(separator: "\n")
    }

    /// The line as displayed: tabs expanded, other control characters replaced.
    private func displayText(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\t" {
                out += String(repeating: " ", count: tabWidth)
            } else if isControl(character) {
                out.append("\u{FFFD}")
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Width in display columns: one per Character, `tabWidth` per tab.
    private func displayWidth(_ text: String) -> Int {
        var width = 0
        for character in text { width += character == "\t" ? tabWidth : 1 }
        return width
    }

    private func isControl(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.value < 0x20 || scalar.value == 0x7F
    }
}

/// The quoted part of a source line: the text before the caret, under it and after it, each cut with `…` when the
/// line is longer than `maxWidth` Characters (tabs already expanded).
struct QuotedWindow {
    static let maxWidth = 120
    static let context = 40
    static let maxMarked = 60
    var before: String
    var marked: String
    var after: String

    init(before: String, marked: String, after: String) {
        guard before.count + marked.count + after.count > Self.maxWidth else {
            (self.before, self.marked, self.after) = (before, marked, after)
            return
        }
        self.before = before.count > Self.context ? "…" + String(before.suffix(Self.context - 1)) : before
        self.marked = marked.count > Self.maxMarked ? String(marked.prefix(Self.maxMarked - 1)) + "…" : marked
        self.after = after.count > Self.context ? String(after.prefix(Self.context - 1)) + "…" : after
    }
}
