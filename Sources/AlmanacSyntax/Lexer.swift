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
    let bytes: [UInt8]
    var position = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
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

    func byte(_ offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func isDigit(_ offset: Int) -> Bool {
        guard let b = byte(offset) else { return false }
        return b >= 0x30 && b <= 0x39
    }

    /// Decodes the scalar at `offset`; malformed bytes decode as U+FFFD of length 1.
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
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

    func span(_ start: Int, _ end: Int) -> SourceSpan { SourceSpan(file: file, start: start, end: end) }

    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, _ value: String? = nil) {
        let span = span(start, end)
        tokens.append(Token(kind: kind, span: span, value: value ?? span.text))
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Offset just past the identifier-continue characters starting at `offset`.
    func endOfWord(from offset: Int) -> Int {
        var end = offset
        while let (s, length) = scalar(at: end), CharacterClass.isIdentifierContinue(s) { end += length }
        return end
    }

    /// Offset of the next `\n` (or the end of input) at or after `offset`.
    func endOfLine(from offset: Int) -> Int {
        var end = offset
        while let b = byte(end), b != 0x0A { end += 1 }
        return end
    }

    // MARK: - Main loop

    mutating func run() {
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
}

package extension String {
    package func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
