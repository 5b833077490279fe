import AlmanacCore
import AlmanacDiagnostics

/// Turns the UTF-8 bytes of a `SourceFile` into tokens whose spans are UTF-8 offsets.
///
/// The lexer never fails: problems are reported as diagnostics and the offending text becomes
/// an `.invalid` token (or, for `<>`, `&&`, `||`, the intended token) so that parsing can go on.
/// `tokenize` returns the raw stream, with every line break as a `.newline` token; `layout`
/// then applies the continuation rule of `QuerySyntax`, keeping only the newlines that end a
/// step. `QueryParser` runs both.
public struct Lexer {
    public let file: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []

    private init(file: SourceFile) {
        self.file = file
        self.bytes = Array(file.text.utf8)
    }

    /// Raw tokens (ending with `.endOfInput`) and lexical diagnostics.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    // MARK: - Scanning helpers

    private func byte(_ offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    private func isDigit(_ offset: Int) -> Bool {
        guard let b = byte(offset) else { return false }
        return b >= 0x30 && b <= 0x39
    }

    /// Decodes the scalar at `offset`; malformed bytes decode as U+FFFD of length 1.
    private func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard let b0 = byte(offset) else { return nil }
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        for i in 1..<length {
            guard let b = byte(offset + i), b & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard let s = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (s, length)
    }

    private func span(_ start: Int, _ end: Int) -> SourceSpan { SourceSpan(file: file, start: start, end: end) }

    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, _ value: String? = nil) {
        let span = span(start, end)
        tokens.append(Token(kind: kind, span: span, value: value ?? span.text))
    }

    private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Offset just past the identifier-continue characters starting at `offset`.
    private func endOfWord(from offset: Int) -> Int {
        var end = offset
        while let (s, length) = scalar(at: end), CharacterClass.isIdentifierContinue(s) { end += length }
        return end
    }

    /// Offset of the next `\n` (or the end of input) at or after `offset`.
    private func endOfLine(from offset: Int) -> Int {
        var end = offset
        while let b = byte(end), b != 0x0A { end += 1 }
        return end
    }

    // MARK: - Main loop

    private mutating func run() {
        while let (s, length) = scalar(at: position) {
            let start = position
            switch s {
            case "\n":
                position += 1
                emit(.newline, start, position, "\n")
            case "#":
                position = endOfLine(from: position)
            case "\"":
                lexString()
            case "`":
                lexQuotedName()
            case "$":
                lexParameter()
            case "0"..."9":
                lexNumberOrPeriod()
            case "(": position += 1; emit(.leftParen, start, position)
            case ")": position += 1; emit(.rightParen, start, position)
            case ",": position += 1; emit(.comma, start, position)
            case "+": position += 1; emit(.plus, start, position)
            case "-": position += 1; emit(.minus, start, position)
            case "*": position += 1; emit(.star, start, position)
            case "/": position += 1; emit(.slash, start, position)
            case "=":
                if byte(position + 1) == UInt8(ascii: "=") {
                    position += 2; emit(.equalEqual, start, position)
                } else {
                    position += 1; emit(.equal, start, position)
                }
            case "!":
                if byte(position + 1) == UInt8(ascii: "=") {
                    position += 2; emit(.notEqual, start, position)
                } else {
                    position += 1
                    report(.unexpectedCharacter("!", span: span(start, position), hint: SyntaxHints.bang))
                    emit(.invalid, start, position)
                }
            case "<":
                switch byte(position + 1) {
                case UInt8(ascii: "="): position += 2; emit(.lessEqual, start, position)
                case UInt8(ascii: ">"):
                    position += 2
                    report(.lessGreaterOperator(span: span(start, position)))
                    emit(.notEqual, start, position)
                default: position += 1; emit(.less, start, position)
                }
            case ">":
                if byte(position + 1) == UInt8(ascii: "=") {
                    position += 2; emit(.greaterEqual, start, position)
                } else {
                    position += 1; emit(.greater, start, position)
                }
            case "|":
                if byte(position + 1) == UInt8(ascii: "|") {
                    position += 2
                    report(.cStyleLogicalOperator("||", replacement: "or", span: span(start, position)))
                    emit(.word, start, position, "or")
                } else {
                    position += 1; emit(.pipe, start, position)
                }
            case "&":
                if byte(position + 1) == UInt8(ascii: "&") {
                    position += 2
                    report(.cStyleLogicalOperator("&&", replacement: "and", span: span(start, position)))
                    emit(.word, start, position, "and")
                } else {
                    position += 1
                    report(.unexpectedCharacter("&", span: span(start, position), hint: SyntaxHints.ampersand))
                    emit(.invalid, start, position)
                }
            case ".":
                if byte(position + 1) == UInt8(ascii: ".") {
                    position += 2; emit(.dotDot, start, position)
                } else {
                    position += 1
                    let hint = isDigit(position) ? SyntaxHints.leadingDot : "a lone '.' has no meaning: ranges are written 2015..2019, decimals 0.5"
                    report(.unexpectedCharacter(".", span: span(start, position), hint: hint))
                    emit(.invalid, start, position)
                }
            case "'":
                lexSingleQuoted()
            default:
                if CharacterClass.isWhitespace(s) {
                    position += length
                } else if CharacterClass.isIdentifierStart(s) {
                    position = endOfWord(from: position + length)
                    emit(.word, start, position)
                } else {
                    position += length
                    report(.unexpectedCharacter(Self.describe(s), span: span(start, position), hint: SyntaxHints.character(s)))
                    emit(.invalid, start, position)
                }
            }
        }
        // "found end of query" points just past the last token, not at trailing blank lines.
        let end = tokens.last(where: { $0.kind != .newline })?.span.end ?? 0
        emit(.endOfInput, end, end, "")
    }

    /// How an unexpected scalar is named in a message.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let printable: Bool
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .nonspacingMark, .spacingMark, .enclosingMark:
            printable = false
        default: printable = scalar != "\u{FFFD}"
        }
        let code = "U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
        return printable ? String(scalar) : code
    }

    // MARK: - Strings and names

    private mutating func lexString() {
        let start = position
        position += 1
        var value = ""
        var valid = true
        while true {
            guard let (s, length) = scalar(at: position), s != "\n" else {
                report(.unterminatedString(span: span(start, position)))
                emit(.invalid, start, position)
                return
            }
            if s == "\"" {
                position += 1
                break
            }
            if s == "\\" {
                if let decoded = lexEscape() { value.unicodeScalars.append(decoded) } else { valid = false }
                continue
            }
            value.unicodeScalars.append(s)
            position += length
        }
        emit(valid ? .string : .invalid, start, position, valid ? value : nil)
    }

    /// Lexes an escape sequence at `position` (which is at the backslash).
    private mutating func lexEscape() -> Unicode.Scalar? {
        let start = position
        position += 1
        guard let (s, length) = scalar(at: position), s != "\n" else {
            report(.invalidEscape("\\", span: span(start, position)))
            return nil
        }
        position += length
        switch s {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "u":
            guard byte(position) == UInt8(ascii: "{") else {
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            var end = position + 1
            var hex = ""
            while let b = byte(end), b != UInt8(ascii: "}"), b != UInt8(ascii: "\""), b != 0x0A, hex.count <= 8 {
                hex.unicodeScalars.append(Unicode.Scalar(b))
                end += 1
            }
            guard byte(end) == UInt8(ascii: "}") else {
                position = end
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            position = end + 1
            guard !hex.isEmpty, hex.count <= 6, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
            else {
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            return scalar
        default:
            report(.invalidEscape("\\" + String(s), span: span(start, position)))
            return nil
        }
    }

    private mutating func lexQuotedName() {
        let start = position
        position += 1
        let contentStart = position
        while let b = byte(position), b != UInt8(ascii: "`"), b != 0x0A { position += 1 }
        guard byte(position) == UInt8(ascii: "`") else {
            report(.unterminatedQuotedName(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        let name = file.slice(contentStart..<position)
        position += 1
        if name.isEmpty {
            report(.emptyQuotedName(span: span(start, position)))
            emit(.invalid, start, position)
        } else {
            emit(.quotedName, start, position, name)
        }
    }

    private mutating func lexSingleQuoted() {
        let start = position
        position += 1
        while let b = byte(position), b != UInt8(ascii: "'"), b != 0x0A { position += 1 }
        if byte(position) == UInt8(ascii: "'") { position += 1 }
        report(.singleQuotedString(span: span(start, position)))
        emit(.invalid, start, position)
    }

    private mutating func lexParameter() {
        let start = position
        position += 1
        guard let (s, length) = scalar(at: position), CharacterClass.isIdentifierStart(s) else {
            report(.missingParameterName(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        position = endOfWord(from: position + length)
        emit(.parameter, start, position, file.slice(start + 1..<position))
    }

    // MARK: - Numbers and periods

    private mutating func lexNumberOrPeriod() {
        let start = position
        // Period literal: exactly four digits, '-', then a digit or Q + digit, no spaces.
        if (0..<4).allSatisfy({ isDigit(start + $0) }), byte(start + 4) == UInt8(ascii: "-"),
            isDigit(start + 5) || byte(start + 5) == UInt8(ascii: "Q") || byte(start + 5) == UInt8(ascii: "q")
        {
            lexPeriod()
            return
        }
        var text = ""
        var isFloat = false
        var malformedUnderscore = false
        func digits(_ lexer: inout Lexer, into text: inout String) {
            // Digits with '_' separators (a '_' must sit between two digits).
            while let b = lexer.byte(lexer.position) {
                if b >= 0x30 && b <= 0x39 {
                    text.unicodeScalars.append(Unicode.Scalar(b))
                    lexer.position += 1
                } else if b == UInt8(ascii: "_") {
                    if !lexer.isDigit(lexer.position - 1) || !lexer.isDigit(lexer.position + 1) {
                        malformedUnderscore = true
                    }
                    lexer.position += 1
                } else {
                    break
                }
            }
        }
        digits(&self, into: &text)
        if byte(position) == UInt8(ascii: "."), isDigit(position + 1) {
            isFloat = true
            text += "."
            position += 1
            digits(&self, into: &text)
        }
        if let e = byte(position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = position + 1
            var sign = ""
            if let s = byte(p), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                sign = String(Unicode.Scalar(s))
                p += 1
            }
            if isDigit(p) {
                isFloat = true
                text += "e" + sign
                position = p
                digits(&self, into: &text)
            }
        }
        // A number running straight into letters ("10abc", "1e", "2024-Q3x") is one bad token.
        if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
            position = endOfWord(from: position)
            report(.invalidNumber(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        if malformedUnderscore {
            report(.misplacedUnderscore(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        if isFloat {
            guard let value = Double(text), value.isFinite else {
                report(.numberOutOfRange(span: span(start, position)))
                emit(.invalid, start, position)
                return
            }
            _ = value
            emit(.float, start, position, text)
        } else {
            emit(.integer, start, position, text)
        }
    }

    /// A period literal: the lexer reads its shape (`YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`, with the digit counts the
    /// messages explain); whether it names a real period is Core's `PeriodParser`, the reader of every other
    /// period in Almanac, so the query language and the CSV reader cannot disagree on a calendar.
    private mutating func lexPeriod() {
        let start = position
        let yearText = file.slice(start..<start + 4)
        position = start + 5  // past "YYYY-"
        /// Core's reason when `text` is shaped as a period but names none.
        func rejection(_ text: String) -> String? {
            switch PeriodParser.parse(text, allowBareYear: false) {
            case .period: return nil
            case .invalid(let reason): return reason
            case .notAPeriod: return "'\(text)' is not a period"
            }
        }
        let canonical: String
        if byte(position) == UInt8(ascii: "Q") || byte(position) == UInt8(ascii: "q") {
            position += 1
            let digitsStart = position
            while isDigit(position) { position += 1 }
            let quarterText = file.slice(digitsStart..<position)
            if quarterText.isEmpty {
                finishBadPeriod(start) { .missingQuarter(span: $0) }
                return
            }
            canonical = "\(yearText)-Q\(quarterText)"
            if let reason = quarterText.count == 1 ? rejection(canonical) : "" {
                let quarter = Int(quarterText) ?? 0
                finishBadPeriod(start) { reason.isEmpty || !(1...4).contains(quarter) ? .invalidQuarter(quarterText, span: $0) : .invalidPeriod(reason, span: $0) }
                return
            }
        } else {
            let monthStart = position
            while isDigit(position) { position += 1 }
            let monthText = file.slice(monthStart..<position)
            guard monthText.count == 2 else {
                finishBadPeriod(start) { .periodMonthDigits(span: $0) }
                return
            }
            let month = Int(monthText) ?? 0
            if let reason = rejection(file.slice(start..<position)) {
                finishBadPeriod(start) { (1...12).contains(month) ? .invalidPeriod(reason, span: $0) : .invalidMonth(month, span: $0) }
                return
            }
            if byte(position) == UInt8(ascii: "-"), isDigit(position + 1) {
                position += 1
                let dayStart = position
                while isDigit(position) { position += 1 }
                let dayText = file.slice(dayStart..<position)
                guard dayText.count == 2 else {
                    finishBadPeriod(start) { .periodDayDigits(span: $0) }
                    return
                }
                if rejection(file.slice(start..<position)) != nil {
                    let monthName = file.slice(start..<start + 7)
                    let days = CivilDate.daysInMonth(year: Int32(yearText) ?? 0, month: Int32(month))
                    finishBadPeriod(start) { .invalidDay(Int(dayText) ?? 0, month: monthName, days: Int(days), span: $0) }
                    return
                }
            }
            canonical = file.slice(start..<position)
        }
        if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
            finishBadPeriod(start) { .invalidNumber(span: $0) }
            return
        }
        emit(.period, start, position, canonical)
    }

    /// Consumes the rest of a malformed period (digits, letters, further '-digits') and
    /// reports one error for the whole token.
    private mutating func finishBadPeriod(_ start: Int, _ diagnostic: (SourceSpan) -> Diagnostic) {
        while true {
            if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
                position = endOfWord(from: position)
            } else if byte(position) == UInt8(ascii: "-"), isDigit(position + 1) {
                position += 1
            } else {
                break
            }
        }
        report(diagnostic(span(start, position)))
        emit(.invalid, start, position)
    }

    // MARK: - Layout

    /// Applies the continuation rule (see `QuerySyntax`): drops the newlines that do not end a
    /// step and collapses runs of separators. `|` tokens are kept.
    public static func layout(_ raw: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(raw.count)
        var depth = 0
        var previousWasStepHead = false  // the last significant token is the first of its step
        var atStepStart = true
        var index = 0
        while index < raw.count {
            let token = raw[index]
            index += 1
            switch token.kind {
            case .newline:
                var next = index
                while next < raw.count, raw[next].kind == .newline { next += 1 }
                guard let previous = out.last, previous.kind != .newline, previous.kind != .pipe,
                    next < raw.count, raw[next].kind != .endOfInput
                else { continue }
                let following = raw[next]
                if following.isStepKeyword {
                    depth = 0  // a line starting with a step keyword always starts a step
                } else if depth > 0 || endsIncomplete(previous, isStepHead: previousWasStepHead)
                    || startsContinuation(following)
                {
                    continue
                }
                out.append(token)
                atStepStart = true
                previousWasStepHead = false
            case .pipe:
                depth = 0
                out.append(token)
                atStepStart = true
                previousWasStepHead = false
            default:
                if token.kind == .leftParen { depth += 1 }
                if token.kind == .rightParen { depth = max(0, depth - 1) }
                out.append(token)
                previousWasStepHead = atStepStart
                atStepStart = false
            }
        }
        if out.last?.kind != .endOfInput, let last = raw.last { out.append(last) }
        return out
    }

    private static func endsIncomplete(_ token: Token, isStepHead: Bool) -> Bool {
        switch token.kind {
        case .comma, .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
            .plus, .minus, .star, .slash, .dotDot, .leftParen:
            return true
        case .word:
            return QuerySyntax.continuationTrailingWords.contains(token.value) || (isStepHead && token.isStepKeyword)
        default:
            return false
        }
    }

    private static func startsContinuation(_ token: Token) -> Bool {
        switch token.kind {
        case .comma, .rightParen, .pipe, .dotDot, .equal, .equalEqual, .notEqual, .less, .lessEqual,
            .greater, .greaterEqual, .plus, .minus, .star, .slash:
            return true
        case .word:
            return QuerySyntax.continuationLeadingWords.contains(token.value)
        default:
            return false
        }
    }
}

package extension String {
    package func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
