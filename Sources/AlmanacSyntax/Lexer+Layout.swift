import AlmanacDiagnostics

/// The continuation rule: which line breaks end a step.
extension Lexer {
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

    static func endsIncomplete(_ token: Token, isStepHead: Bool) -> Bool {
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

    static func startsContinuation(_ token: Token) -> Bool {
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
