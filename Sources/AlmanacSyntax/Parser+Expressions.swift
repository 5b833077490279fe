import AlmanacDiagnostics

/// The parser's expressions: precedence climbing over the infix operators, prefixes, atoms, calls and the
/// `in`/`between`/`is` tails, with their errors built outside the recursive frames.
extension Parser {
    // MARK: - Expressions
    //
    // The functions on the recursive path (parseExpression → parsePrefix → parsePrimary →
    // parseParenthesized / parseCall / the `in`/`between`/`is` tails → parseExpression) keep
    // their frames small: diagnostics are built in separate non-inlined functions. Unoptimised
    // builds otherwise spend kilobytes of stack per nesting level.

    /// Builds a node, enforcing the height limit.
    @inline(never)
    mutating func make(_ kind: ExprKind, _ span: SourceSpan) throws -> Expr {
        let expr = Expr(kind, span: span)
        if expr.height > QuerySyntax.maxExpressionHeight { try fail(.expressionTooComplex(span: span)) }
        return expr
    }

    enum Infix {
        case binary(BinaryOperator, precedence: Int)
        case comparison(BinaryOperator)
        /// `in`, `between`, `is`; `negated` for `not in` / `not between` (current token is `not`).
        case special(negated: Bool)
    }

    /// The infix operator at the current token, if it binds at least as tightly as `minPrecedence`.
    @inline(never)
    func infix(minPrecedence: Int) -> Infix? {
        let token = current
        let result: Infix?
        switch token.kind {
        case .plus: result = .binary(.add, precedence: Precedence.additive)
        case .minus: result = .binary(.subtract, precedence: Precedence.additive)
        case .star: result = .binary(.multiply, precedence: Precedence.multiplicative)
        case .slash: result = .binary(.divide, precedence: Precedence.multiplicative)
        case .equal, .equalEqual: result = .comparison(.equal)
        case .notEqual: result = .comparison(.notEqual)
        case .less: result = .comparison(.less)
        case .lessEqual: result = .comparison(.lessEqual)
        case .greater: result = .comparison(.greater)
        case .greaterEqual: result = .comparison(.greaterEqual)
        case .word:
            switch token.value {
            case "and": result = .binary(.and, precedence: Precedence.and)
            case "or": result = .binary(.or, precedence: Precedence.or)
            case "in", "between", "is": result = .special(negated: false)
            case "not" where peek().isWord("in") || peek().isWord("between"): result = .special(negated: true)
            default: result = nil
            }
        default: result = nil
        }
        switch result {
        case .binary(_, let precedence)?: return precedence >= minPrecedence ? result : nil
        case .comparison?, .special?: return Precedence.comparison >= minPrecedence ? result : nil
        case nil: return nil
        }
    }

    /// Precedence climbing: parses an expression whose operators all bind at least as tightly
    /// as `minPrecedence`.
    package mutating func parseExpression(_ minPrecedence: Int = Precedence.or) throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > QuerySyntax.maxNestingDepth { try failNestingTooDeep() }
        let lhs = try parsePrefix()
        return try parseInfix(lhs, minPrecedence: minPrecedence)
    }

    /// The operator loop of `parseExpression` (a separate frame, so that descending into
    /// parentheses does not keep it on the stack; each operator is handled in its own frame).
    @inline(never)
    mutating func parseInfix(_ first: Expr, minPrecedence: Int) throws -> Expr {
        var lhs = first
        var sawComparison = false
        while let op = infix(minPrecedence: minPrecedence) {
            lhs = try parseOperator(op, lhs: lhs, sawComparison: &sawComparison)
        }
        return lhs
    }

    mutating func parseOperator(_ op: Infix, lhs: Expr, sawComparison: inout Bool) throws -> Expr {
        switch op {
        case .binary(let op, let precedence):
            if op.isLogical { sawComparison = false }
            return try parseBinary(op, lhs: lhs, rhsPrecedence: precedence + 1)
        case .comparison(let op):
            if sawComparison { try failChainedComparison() }
            sawComparison = true
            return try parseBinary(op, lhs: lhs, rhsPrecedence: Precedence.additive)
        case .special(let negated):
            if negated { advance() }
            if sawComparison { try failChainedComparison() }
            sawComparison = true
            return try parseSpecial(lhs, negated: negated)
        }
    }

    mutating func parseBinary(_ op: BinaryOperator, lhs: Expr, rhsPrecedence: Int) throws -> Expr {
        advance()
        let rhs = try parseExpression(rhsPrecedence)
        return try make(.binary(op, lhs, rhs), lhs.span.joined(with: rhs.span))
    }

    mutating func parseSpecial(_ lhs: Expr, negated: Bool) throws -> Expr {
        let keyword = advance()
        if keyword.isWord("in") { return try parseInTail(lhs, negated: negated) }
        if keyword.isWord("between") { return try parseBetweenTail(lhs, negated: negated) }
        return try parseIsTail(lhs)
    }

    enum PrimaryForm { case negation, not, parenthesized, call, atom }

    @inline(never)
    func primaryForm() -> PrimaryForm {
        let token = current
        switch token.kind {
        case .minus: return .negation
        case .leftParen: return .parenthesized
        case .word:
            if token.value == "not" { return .not }
            if peek().kind == .leftParen, !QuerySyntax.reservedWords.contains(token.value) { return .call }
            return .atom
        default: return .atom
        }
    }

    mutating func parsePrefix() throws -> Expr {
        switch primaryForm() {
        case .negation: return try parseNegation()
        case .not: return try parseNot()
        case .parenthesized: return try parseParenthesized()
        case .call: return try parseCall()
        case .atom: return try parseAtom()
        }
    }

    @inline(never)
    mutating func parseNegation() throws -> Expr {
        if let literal = try parseNegativeLiteral() { return literal }
        let minus = advance()
        let operand = try parseExpression(Precedence.prefix)
        return try make(.unary(.negate, operand), minus.span.joined(with: operand.span))
    }

    @inline(never)
    mutating func parseNot() throws -> Expr {
        let not = advance()
        let operand = try parseExpression(Precedence.comparison)
        return try make(.unary(.not, operand), not.span.joined(with: operand.span))
    }

    /// `-` directly followed by a number is a negative literal (`-1`, `-0.5`); nil otherwise.
    @inline(never)
    mutating func parseNegativeLiteral() throws -> Expr? {
        let minus = current, number = peek()
        let span = minus.span.joined(with: number.span)
        switch number.kind {
        case .integer:
            guard let value = Int64("-" + number.value) else { try fail(.integerTooLarge(span: span)) }
            advance()
            advance()
            return Expr(.literal(.int(value)), span: span)
        case .float:
            guard let value = Double("-" + number.value) else { return nil }
            advance()
            advance()
            return Expr(.literal(.float(value)), span: span)
        default:
            return nil
        }
    }

    /// Everything primary that does not recurse: literals, names, parameters — or an error.
    @inline(never)
    mutating func parseAtom() throws -> Expr {
        let token = current
        switch token.kind {
        case .integer:
            guard let value = Int64(token.value) else { try fail(.integerTooLarge(span: token.span)) }
            advance()
            return Expr(.literal(.int(value)), span: token.span)
        case .float:
            guard let value = Double(token.value) else { try fail(.numberOutOfRange(span: token.span)) }
            advance()
            return Expr(.literal(.float(value)), span: token.span)
        case .string:
            advance()
            return Expr(.literal(.string(token.value)), span: token.span)
        case .period:
            advance()
            return Expr(.literal(.period(token.value)), span: token.span)
        case .parameter:
            advance()
            return Expr(.parameter(token.value), span: token.span)
        case .quotedName:
            advance()
            return Expr(.column(token.value), span: token.span)
        case .word:
            switch token.value {
            case "true", "false":
                advance()
                return Expr(.literal(.bool(token.value == "true")), span: token.span)
            case "null":
                advance()
                return Expr(.literal(.null), span: token.span)
            case let word where QuerySyntax.reservedWords.contains(word):
                try fail(.expectedExpression(after: previous, found: token))
            default:
                advance()
                return Expr(.column(token.value), span: token.span)
            }
        case .dotDot:
            try fail(.misplacedRange(span: token.span))
        default:
            try fail(.expectedExpression(after: previous, found: token), found: token)
        }
    }

    mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        let inner = try parseExpression()
        if current.kind != .rightParen { try failUnclosed(open: open, closing: .parenthesis) }
        let close = advance()
        return Expr(inner.kind, span: open.span.joined(with: close.span))
    }

    mutating func parseCall() throws -> Expr {
        let name = advance()
        let open = advance()
        var arguments: [Expr] = []
        if current.kind != .rightParen {
            try parseList(into: &arguments)
        }
        return try finishCall(name: name, open: open, arguments: arguments)
    }

    /// Parses `expr { ',' expr }`, appending to `items`.
    mutating func parseList(into items: inout [Expr]) throws {
        items.append(try parseExpression())
        while current.kind == .comma {
            advance()
            items.append(try parseExpression())
        }
    }

    @inline(never)
    mutating func finishCall(name: Token, open: Token, arguments: [Expr]) throws -> Expr {
        if current.kind != .rightParen { try failUnclosed(open: open, closing: .call(name)) }
        let close = advance()
        return try make(
            .call(name: name.value, nameSpan: name.span, arguments: arguments), name.span.joined(with: close.span))
    }

    /// After `in` / `not in`.
    mutating func parseInTail(_ lhs: Expr, negated: Bool) throws -> Expr {
        if current.kind == .leftParen { return try parseInParentheses(lhs, negated: negated) }
        return try parseInRange(lhs, negated: negated)
    }

    /// `in a..b`
    @inline(never)
    mutating func parseInRange(_ lhs: Expr, negated: Bool) throws -> Expr {
        if current.isStepEnd || current.kind == .comma { try failExpectedInTarget() }
        let lower = try parseExpression(Precedence.additive)
        if current.kind != .dotDot { try failExpectedInTarget() }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return try finishInRange(lhs, lower: lower, upper: upper, close: nil, negated: negated)
    }

    /// `in (a, b, c)` or `in (a..b)`.
    mutating func parseInParentheses(_ lhs: Expr, negated: Bool) throws -> Expr {
        let open = advance()
        if current.kind == .rightParen { try failEmptyList(open: open) }
        var items: [Expr] = []
        try parseList(into: &items)
        return try finishInParentheses(lhs, items: items, open: open, negated: negated)
    }

    @inline(never)
    mutating func finishInParentheses(_ lhs: Expr, items: [Expr], open: Token, negated: Bool) throws -> Expr {
        if items.count == 1, current.kind == .dotDot {
            advance()
            let upper = try parseExpression(Precedence.additive)
            if current.kind != .rightParen { try failUnclosed(open: open, closing: .range) }
            return try finishInRange(lhs, lower: items[0], upper: upper, close: advance(), negated: negated)
        }
        if current.kind != .rightParen { try failUnclosed(open: open, closing: .list) }
        return try finishInList(lhs, items: items, close: advance(), negated: negated)
    }

    @inline(never)
    mutating func finishInRange(_ lhs: Expr, lower: Expr, upper: Expr, close: Token?, negated: Bool) throws
        -> Expr
    {
        let range = RangeExpr(lower: lower, upper: upper, span: lower.span.joined(with: upper.span))
        let end = close?.span ?? upper.span
        return try make(.inRange(lhs, range, negated: negated), lhs.span.joined(with: end))
    }

    @inline(never)
    mutating func finishInList(_ lhs: Expr, items: [Expr], close: Token, negated: Bool) throws -> Expr {
        try make(.inList(lhs, items, negated: negated), lhs.span.joined(with: close.span))
    }

    /// After `between` / `not between`.
    mutating func parseBetweenTail(_ lhs: Expr, negated: Bool) throws -> Expr {
        let lower = try parseExpression(Precedence.additive)
        if !current.isWord("and") { try failExpectedBetweenAnd() }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return try make(.between(lhs, lower: lower, upper: upper, negated: negated), lhs.span.joined(with: upper.span))
    }

    /// After `is`.
    mutating func parseIsTail(_ lhs: Expr) throws -> Expr {
        var negated = false
        if current.isWord("not") {
            advance()
            negated = true
        }
        if !current.isWord("null") { try failExpectedNull() }
        let null = advance()
        return try make(.isNull(lhs, negated: negated), lhs.span.joined(with: null.span))
    }

    // MARK: - Expression errors (kept out of the recursive frames)

    enum Closing {
        case parenthesis, list, range
        case call(Token)

        package var description: String {
            switch self {
            case .parenthesis: return "the parenthesis"
            case .list: return "the list"
            case .range: return "the range"
            case .call(let name): return "the call to '\(name.value)'"
            }
        }
    }

    @inline(never)
    mutating func failNestingTooDeep() throws -> Never {
        try fail(.nestingTooDeep(span: current.span))
    }

    @inline(never)
    mutating func failChainedComparison() throws -> Never {
        let token = current.isWord("not") ? peek() : current
        try fail(.chainedComparison(span: token.span))
    }

    @inline(never)
    mutating func failUnclosed(open: Token, closing: Closing) throws -> Never {
        try fail(.unclosedParenthesis(open: open.span, found: current, closing: closing.description), found: current)
    }

    @inline(never)
    mutating func failEmptyList(open: Token) throws -> Never {
        try fail(.emptyList(span: open.span.joined(with: current.span)))
    }

    @inline(never)
    mutating func failExpectedInTarget() throws -> Never {
        try fail(.expectedInTarget(found: current), found: current)
    }

    @inline(never)
    mutating func failExpectedBetweenAnd() throws -> Never {
        try fail(.expectedBetweenAnd(found: current), found: current)
    }

    @inline(never)
    mutating func failExpectedNull() throws -> Never {
        try fail(.expectedNull(found: current), found: current)
    }
}
