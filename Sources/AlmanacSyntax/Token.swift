import AlmanacDiagnostics

public enum TokenKind: Hashable, Sendable {
    /// A bare word: identifier or keyword (keywords are contextual, see `QuerySyntax`).
    case word
    /// `` `quoted name` `` — always a name, never a keyword.
    case quotedName
    /// `"string"`; `Token.value` holds the decoded text.
    case string
    /// Integer literal; `value` holds the digits without `_`.
    case integer
    /// Float literal; `value` holds the text without `_` (parseable by `Double`).
    case float
    /// Period literal; `value` is canonical (`2024-Q3`, `2024-10`, `2024-10-15`).
    case period
    /// `$name`; `value` is the name without `$`.
    case parameter
    case leftParen, rightParen, comma
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, dotDot
    /// `|` step separator.
    case pipe
    /// A newline that ends a step (after layout), or any newline (raw token stream).
    case newline
    /// Something the lexer already reported an error for; the parser stays silent about it.
    case invalid
    case endOfInput
}

public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var span: SourceSpan
    /// Decoded payload (see `TokenKind`); for punctuation the source text.
    public var value: String

    public init(kind: TokenKind, span: SourceSpan, value: String) {
        self.kind = kind
        self.span = span
        self.value = value
    }

    /// Whether this is the bare word `word` (a keyword check; quoted names never match).
    public func isWord(_ word: String) -> Bool { kind == .word && value == word }

    package var isStepEnd: Bool { kind == .newline || kind == .pipe || kind == .endOfInput }

    package var isStepKeyword: Bool { kind == .word && QuerySyntax.stepKeywordSet.contains(value) }

    /// How the token is described in "found …" labels.
    package var description: String {
        switch kind {
        case .newline: return "end of line"
        case .endOfInput: return "end of query"
        case .string: return "string \"\(Self.abbreviate(value))\""
        case .integer, .float: return "number \(span.text)"
        case .period: return "period \(value)"
        case .quotedName: return "'`\(Self.abbreviate(value))`'"
        case .parameter: return "'$\(value)'"
        default: return "'\(Self.abbreviate(span.text))'"
        }
    }

    package static func abbreviate(_ text: String, limit: Int = 30) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
