import AlmanacDiagnostics

/// The outcome of parsing: a pipeline (partial when there are errors — steps that failed to
/// parse are left out) and every diagnostic found, in source order.
public struct ParseResult: Sendable {
    public let pipeline: Pipeline
    public let diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    /// The pipeline, or a `DiagnosticError` carrying all diagnostics if any is an error.
    public func get() throws -> Pipeline {
        if let error = DiagnosticError(diagnostics: diagnostics) { throw error }
        return pipeline
    }
}

/// Parses query text into a `Pipeline` (grammar and layout rules: see `QuerySyntax`).
///
/// Parsing never traps and never stops at the first problem: a syntax error abandons the
/// current step, the parser skips to the next step boundary and goes on, so one run reports
/// every broken step. Lexical errors are reported once, by the lexer.
public enum QueryParser {
    public static func parse(_ file: SourceFile) -> ParseResult {
        var parser = Parser(file: file)
        let pipeline = parser.parsePipeline()
        return ParseResult(pipeline: pipeline, diagnostics: parser.finishedDiagnostics())
    }

    public static func parse(_ text: String, name: String = "<query>") -> ParseResult {
        parse(SourceFile(name: name, text: text))
    }

    /// Parses and throws a `DiagnosticError` (with all diagnostics) if there is any error.
    public static func parsePipeline(_ file: SourceFile) throws -> Pipeline {
        try parse(file).get()
    }

    /// Parses a standalone expression (for parameters given on the command line, the REPL and
    /// tests). The expression must make up the whole text.
    public static func parseExpression(_ file: SourceFile) -> (expr: Expr?, diagnostics: [Diagnostic]) {
        var parser = Parser(file: file)
        var expr: Expr?
        do {
            let parsed = try parser.parseExpression()
            if parser.current.kind != .endOfInput {
                try parser.fail(.expected("the end of the expression", found: parser.current), found: parser.current)
            }
            expr = parsed
        } catch {}
        let diagnostics = parser.finishedDiagnostics()
        return (diagnostics.contains(where: \.isError) ? nil : expr, diagnostics)
    }
}

/// Thrown inside the parser to abandon the current step after a diagnostic was recorded.
private struct ParseAbort: Error {}

/// Binding powers, lowest first.
private enum Precedence {
    package static let or = 1
    package static let and = 2
    package static let not = 3
    package static let comparison = 4
    package static let additive = 5
    package static let multiplicative = 6
    package static let prefix = 7
}

package struct Parser {
    package let file: SourceFile
    private var tokens: [Token]
    private var index = 0
    private var diagnostics: [Diagnostic]
    private var depth = 0

    package init(file: SourceFile) {
        self.file = file
        let (raw, lexical) = Lexer.tokenize(file)
        var tokens = Lexer.layout(raw)
        if tokens.last?.kind != .endOfInput {
            tokens.append(Token(kind: .endOfInput, span: .point(file, at: file.utf8Count), value: ""))
        }
        self.tokens = tokens
        self.diagnostics = lexical
    }

    /// Diagnostics sorted by position (stable; diagnostics without a span last), at most
    /// `QuerySyntax.maxDiagnostics` of them plus a note counting the rest.
    package func finishedDiagnostics() -> [Diagnostic] {
        let sorted = diagnostics.enumerated().sorted { a, b in
            let pa = a.element.span?.start ?? Int.max, pb = b.element.span?.start ?? Int.max
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
        guard sorted.count > QuerySyntax.maxDiagnostics else { return sorted }
        return Array(sorted.prefix(QuerySyntax.maxDiagnostics))
            + [.tooManyDiagnostics(omitted: sorted.count - QuerySyntax.maxDiagnostics)]
    }

    // MARK: - Token access

    package var current: Token { tokens[min(index, tokens.count - 1)] }

    private func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    /// The last consumed token (the first token if nothing was consumed yet).
    private var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Records `diagnostic` (unless it is about a token the lexer already rejected) and
    /// abandons the current step.
    package mutating func fail(_ diagnostic: Diagnostic, found: Token? = nil) throws -> Never {
        if found?.kind != .invalid { diagnostics.append(diagnostic) }
        throw ParseAbort()
    }

    private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Skips to the next step boundary.
    private mutating func synchronize() {
        while !current.isStepEnd { advance() }
    }

    // MARK: - Pipeline and steps

    package mutating func parsePipeline() -> Pipeline {
        var steps: [Step] = []
        var firstHead: Token?
        while current.kind != .endOfInput {
            if current.kind == .newline {
                advance()
                continue
            }
            if current.kind == .pipe {
                report(.emptyStep(span: advance().span))
                continue
            }
            let head = current
            let isFirst = firstHead == nil
            if isFirst { firstHead = head }
            do {
                steps.append(try parseStep(isFirst: isFirst))
            } catch {
                synchronize()
            }
            if current.kind == .pipe {
                let pipe = advance()
                if current.kind == .endOfInput { report(.emptyStep(span: pipe.span)) }
            } else if current.kind == .newline {
                advance()
            }
        }
        if let head = firstHead {
            if head.isStepKeyword, head.value != "from" { report(.missingFrom(span: head.span)) }
        } else if diagnostics.isEmpty {
            report(.emptyQuery())
        }
        let span = SourceSpan.covering(steps.map(\.span)) ?? .whole(file)
        return Pipeline(steps: steps, span: span)
    }

    private mutating func parseStep(isFirst: Bool) throws -> Step {
        let head = current
        guard head.kind == .word else { try fail(.expectedStep(found: head), found: head) }
        let step: Step
        switch head.value {
        case "from":
            advance()
            if !isFirst { report(.misplacedFrom(span: head.span)) }
            let source = try parseName("a dataset name after 'from'")
            var sheet: NameRef? = nil
            if current.isWord("sheet") {
                advance()
                sheet = try parseName("a sheet name after 'sheet' (in quotes: sheet \"Du lịch\")")
            }
            try expectStepEnd(words: ["sheet"])
            step = .from(FromStep(source: source, sheet: sheet, span: spanFrom(head)))
        case "where":
            advance()
            let condition = try parseExpression()
            try expectStepEnd()
            step = .where(WhereStep(condition: condition, span: spanFrom(head)))
        case "derive":
            advance()
            let assignments = try list { try $0.parseAssignment(in: "derive") }
            try expectStepEnd(expecting: "',' or the end of the step")
            step = .derive(DeriveStep(assignments: assignments, span: spanFrom(head)))
        case "select":
            advance()
            let items = try list { try $0.parseItem(context: .select) }
            try expectStepEnd(expecting: "',' or the end of the step")
            step = .select(SelectStep(items: items, span: spanFrom(head)))
        case "aggregate":
            advance()
            if current.isWord("by") { try fail(.aggregateNeedsMeasure(span: current.span)) }
            let measures = try list { try $0.parseAssignment(in: "aggregate") }
            var keys: [ColumnItem] = []
            if current.isWord("by") {
                advance()
                keys = try list { try $0.parseItem(context: .groupBy) }
            }
            try expectStepEnd(expecting: "',' or the end of the step", words: keys.isEmpty ? ["by"] : [])
            step = .aggregate(AggregateStep(measures: measures, groupBy: keys, span: spanFrom(head)))
        case "sort":
            advance()
            let keys = try list { try $0.parseSortKey() }
            try expectStepEnd(expecting: "',' or the end of the step", words: ["asc", "desc"])
            step = .sort(SortStep(keys: keys, span: spanFrom(head)))
        case "take":
            advance()
            let (count, countSpan) = try parseTakeCount()
            try expectStepEnd()
            step = .take(TakeStep(count: count, countSpan: countSpan, span: spanFrom(head)))
        case "pivot":
            advance()
            let column = try parseName("the column to pivot")
            var values: [NameRef] = []
            if current.isWord("values") {
                advance()
                values = try list { try $0.parseName("a column name after 'values'") }
            }
            try expectStepEnd(expecting: values.isEmpty ? "'values' or the end of the step" : "',' or the end of the step",
                words: values.isEmpty ? ["values"] : [])
            step = .pivot(PivotStep(column: column, values: values, span: spanFrom(head)))
        case "join":
            advance()
            let dataset = try parseName("a dataset name after 'join'")
            guard current.isWord("on") else { try fail(.expectedJoinOn(found: current), found: current) }
            advance()
            let keys = try list { try $0.parseName("a column name after 'on'") }
            try expectStepEnd(expecting: "',' or the end of the step")
            step = .join(JoinStep(dataset: dataset, keys: keys, span: spanFrom(head)))
        case "compare":
            advance()
            let baseline = try parseRange()
            guard current.isWord("vs") else { try fail(.expectedCompareVs(found: current), found: current) }
            advance()
            let comparison = try parseRange()
            try expectStepEnd()
            step = .compare(CompareStep(baseline: baseline, comparison: comparison, span: spanFrom(head)))
        default:
            try fail(.unknownStep(head.value, span: head.span))
        }
        return step
    }

    /// From `head` to the last consumed token.
    private func spanFrom(_ head: Token) -> SourceSpan { head.span.joined(with: previous.span) }

    private mutating func expectStepEnd(expecting: String = "the end of the step", words: [String] = []) throws {
        let token = current
        guard !token.isStepEnd else { return }
        if token.isStepKeyword { try fail(.missingStepSeparator(before: token)) }
        if token.kind == .dotDot { try fail(.misplacedRange(span: token.span)) }
        if token.kind == .rightParen { try fail(.unmatchedClosingParenthesis(span: token.span)) }
        var hint: String?
        if token.isWord("not") {
            hint = "'not' after a value must be followed by 'in' or 'between'; null checks are written 'x is not null'"
        } else if token.kind == .word {
            let candidates = ["and", "or", "not", "in", "between", "is"] + words
            // Words people use for a sort direction.
            let directions = ["up": "asc", "ascending": "asc", "increasing": "asc", "tăng": "asc",
                              "down": "desc", "descending": "desc", "decreasing": "desc", "reverse": "desc", "giảm": "desc"]
            if words.contains("desc"), let d = directions[token.value.lowercased()] {
                hint = "did you mean \(d)? (sort value \(d))"
            } else if let match = Suggestions.closest(to: token.value, among: candidates), match != token.value {
                hint = "did you mean '\(match)'?"
            }
        }
        try fail(.expected(expecting, found: token, hint: hint), found: token)
    }

    private mutating func list<T>(_ item: (inout Parser) throws -> T) throws -> [T] {
        var items = [try item(&self)]
        while current.kind == .comma {
            advance()
            items.append(try item(&self))
        }
        return items
    }

    /// A name: bare identifier (not a reserved word), `` `quoted` `` or `"quoted"`.
    private mutating func parseName(_ what: String) throws -> NameRef {
        let token = current
        switch token.kind {
        case .word where !QuerySyntax.reservedWords.contains(token.value):
            advance()
            return NameRef(name: token.value, span: token.span, quoted: false)
        case .string where token.value.isEmpty:
            try fail(.emptyQuotedName(span: token.span))
        case .quotedName, .string:
            advance()
            return NameRef(name: token.value, span: token.span, quoted: true)
        default:
            try fail(.expectedName(what, found: token), found: token)
        }
    }

    private mutating func parseAssignment(in step: String) throws -> Assignment {
        let name = try parseName("a column name in \(step)")
        guard current.kind == .equal else { try fail(.expectedEquals(in: step, found: current), found: current) }
        advance()
        let expr = try parseExpression()
        return Assignment(name: name.name, nameSpan: name.span, expr: expr, span: name.span.joined(with: expr.span))
    }

    private enum ItemContext { case select, groupBy }

    private mutating func parseItem(context: ItemContext) throws -> ColumnItem {
        let name = try parseName(context == .select ? "a column name in select" : "a column name after 'by'")
        if current.kind == .equal {
            advance()
            let expr = try parseExpression()
            return ColumnItem(name: name.name, nameSpan: name.span, expr: expr, span: name.span.joined(with: expr.span))
        }
        let token = current
        if token.kind != .comma, !token.isStepEnd, !token.isStepKeyword {
            switch context {
            case .select: try fail(.selectNeedsName(found: token), found: token)
            case .groupBy: try fail(.groupKeyNeedsName(found: token), found: token)
            }
        }
        return ColumnItem(name: name.name, nameSpan: name.span, expr: nil, span: name.span)
    }

    private mutating func parseSortKey() throws -> SortKey {
        let expr: Expr
        let next = peek()
        if current.kind == .string,
            next.kind == .comma || next.isStepEnd || next.isWord("asc") || next.isWord("desc")
        {
            // A lone "quoted name" is a column, not a constant string.
            let token = advance()
            expr = Expr(.column(token.value), span: token.span)
        } else {
            expr = try parseExpression()
        }
        var descending = false
        if current.isWord("asc") || current.isWord("desc") {
            descending = advance().value == "desc"
        }
        return SortKey(expr: expr, descending: descending, span: expr.span.joined(with: previous.span))
    }

    private mutating func parseTakeCount() throws -> (Int64, SourceSpan) {
        let token = current
        switch token.kind {
        case .integer:
            guard let count = Int64(token.value) else { try fail(.integerTooLarge(span: token.span)) }
            advance()
            return (count, token.span)
        case .minus where peek().kind == .integer || peek().kind == .float:
            let span = token.span.joined(with: peek().span)
            try fail(.takeExpectsWholeNumber(found: "number \(span.text)", span: span))
        default:
            try fail(.takeExpectsWholeNumber(found: token.description, span: token.span), found: token)
        }
    }

    private mutating func parseRange() throws -> RangeExpr {
        let lower = try parseExpression(Precedence.additive)
        guard current.kind == .dotDot else { try fail(.expectedRange(found: current), found: current) }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return RangeExpr(lower: lower, upper: upper, span: lower.span.joined(with: upper.span))
    }

    // MARK: - Expressions
    //
    // The functions on the recursive path (parseExpression → parsePrefix → parsePrimary →
    // parseParenthesized / parseCall / the `in`/`between`/`is` tails → parseExpression) keep
    // their frames small: diagnostics are built in separate non-inlined functions. Unoptimised
    // builds otherwise spend kilobytes of stack per nesting level.

    /// Builds a node, enforcing the height limit.
    @inline(never)
    private mutating func make(_ kind: ExprKind, _ span: SourceSpan) throws -> Expr {
        let expr = Expr(kind, span: span)
        if expr.height > QuerySyntax.maxExpressionHeight { try fail(.expressionTooComplex(span: span)) }
        return expr
    }

    private enum Infix {
        case binary(BinaryOperator, precedence: Int)
        case comparison(BinaryOperator)
        /// `in`, `between`, `is`; `negated` for `not in` / `not between` (current token is `not`).
        case special(negated: Bool)
    }

    /// The infix operator at the current token, if it binds at least as tightly as `minPrecedence`.
    @inline(never)
    private func infix(minPrecedence: Int) -> Infix? {
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
    private mutating func parseInfix(_ first: Expr, minPrecedence: Int) throws -> Expr {
        var lhs = first
        var sawComparison = false
        while let op = infix(minPrecedence: minPrecedence) {
            lhs = try parseOperator(op, lhs: lhs, sawComparison: &sawComparison)
        }
        return lhs
    }

    private mutating func parseOperator(_ op: Infix, lhs: Expr, sawComparison: inout Bool) throws -> Expr {
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

    private mutating func parseBinary(_ op: BinaryOperator, lhs: Expr, rhsPrecedence: Int) throws -> Expr {
        advance()
        let rhs = try parseExpression(rhsPrecedence)
        return try make(.binary(op, lhs, rhs), lhs.span.joined(with: rhs.span))
    }

    private mutating func parseSpecial(_ lhs: Expr, negated: Bool) throws -> Expr {
        let keyword = advance()
        if keyword.isWord("in") { return try parseInTail(lhs, negated: negated) }
        if keyword.isWord("between") { return try parseBetweenTail(lhs, negated: negated) }
        return try parseIsTail(lhs)
    }

    private enum PrimaryForm { case negation, not, parenthesized, call, atom }

    @inline(never)
    private func primaryForm() -> PrimaryForm {
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

    private mutating func parsePrefix() throws -> Expr {
        switch primaryForm() {
        case .negation: return try parseNegation()
        case .not: return try parseNot()
        case .parenthesized: return try parseParenthesized()
        case .call: return try parseCall()
        case .atom: return try parseAtom()
        }
    }

    @inline(never)
    private mutating func parseNegation() throws -> Expr {
        if let literal = try parseNegativeLiteral() { return literal }
        let minus = advance()
        let operand = try parseExpression(Precedence.prefix)
        return try make(.unary(.negate, operand), minus.span.joined(with: operand.span))
    }

    @inline(never)
    private mutating func parseNot() throws -> Expr {
        let not = advance()
        let operand = try parseExpression(Precedence.comparison)
        return try make(.unary(.not, operand), not.span.joined(with: operand.span))
    }

    /// `-` directly followed by a number is a negative literal (`-1`, `-0.5`); nil otherwise.
    @inline(never)
    private mutating func parseNegativeLiteral() throws -> Expr? {
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
    private mutating func parseAtom() throws -> Expr {
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

    private mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        let inner = try parseExpression()
        if current.kind != .rightParen { try failUnclosed(open: open, closing: .parenthesis) }
        let close = advance()
        return Expr(inner.kind, span: open.span.joined(with: close.span))
    }

    private mutating func parseCall() throws -> Expr {
        let name = advance()
        let open = advance()
        var arguments: [Expr] = []
        if current.kind != .rightParen {
            try parseList(into: &arguments)
        }
        return try finishCall(name: name, open: open, arguments: arguments)
    }

    /// Parses `expr { ',' expr }`, appending to `items`.
    private mutating func parseList(into items: inout [Expr]) throws {
        items.append(try parseExpression())
        while current.kind == .comma {
            advance()
            items.append(try parseExpression())
        }
    }

    @inline(never)
    private mutating func finishCall(name: Token, open: Token, arguments: [Expr]) throws -> Expr {
        if current.kind != .rightParen { try failUnclosed(open: open, closing: .call(name)) }
        let close = advance()
        return try make(
            .call(name: name.value, nameSpan: name.span, arguments: arguments), name.span.joined(with: close.span))
    }

    /// After `in` / `not in`.
    private mutating func parseInTail(_ lhs: Expr, negated: Bool) throws -> Expr {
        if current.kind == .leftParen { return try parseInParentheses(lhs, negated: negated) }
        return try parseInRange(lhs, negated: negated)
    }

    /// `in a..b`
    @inline(never)
    private mutating func parseInRange(_ lhs: Expr, negated: Bool) throws -> Expr {
        if current.isStepEnd || current.kind == .comma { try failExpectedInTarget() }
        let lower = try parseExpression(Precedence.additive)
        if current.kind != .dotDot { try failExpectedInTarget() }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return try finishInRange(lhs, lower: lower, upper: upper, close: nil, negated: negated)
    }

    /// `in (a, b, c)` or `in (a..b)`.
    private mutating func parseInParentheses(_ lhs: Expr, negated: Bool) throws -> Expr {
        let open = advance()
        if current.kind == .rightParen { try failEmptyList(open: open) }
        var items: [Expr] = []
        try parseList(into: &items)
        return try finishInParentheses(lhs, items: items, open: open, negated: negated)
    }

    @inline(never)
    private mutating func finishInParentheses(_ lhs: Expr, items: [Expr], open: Token, negated: Bool) throws -> Expr {
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
    private mutating func finishInRange(_ lhs: Expr, lower: Expr, upper: Expr, close: Token?, negated: Bool) throws
        -> Expr
    {
        let range = RangeExpr(lower: lower, upper: upper, span: lower.span.joined(with: upper.span))
        let end = close?.span ?? upper.span
        return try make(.inRange(lhs, range, negated: negated), lhs.span.joined(with: end))
    }

    @inline(never)
    private mutating func finishInList(_ lhs: Expr, items: [Expr], close: Token, negated: Bool) throws -> Expr {
        try make(.inList(lhs, items, negated: negated), lhs.span.joined(with: close.span))
    }

    /// After `between` / `not between`.
    private mutating func parseBetweenTail(_ lhs: Expr, negated: Bool) throws -> Expr {
        let lower = try parseExpression(Precedence.additive)
        if !current.isWord("and") { try failExpectedBetweenAnd() }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return try make(.between(lhs, lower: lower, upper: upper, negated: negated), lhs.span.joined(with: upper.span))
    }

    /// After `is`.
    private mutating func parseIsTail(_ lhs: Expr) throws -> Expr {
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

    private enum Closing {
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
    private mutating func failNestingTooDeep() throws -> Never {
        try fail(.nestingTooDeep(span: current.span))
    }

    @inline(never)
    private mutating func failChainedComparison() throws -> Never {
        let token = current.isWord("not") ? peek() : current
        try fail(.chainedComparison(span: token.span))
    }

    @inline(never)
    private mutating func failUnclosed(open: Token, closing: Closing) throws -> Never {
        try fail(.unclosedParenthesis(open: open.span, found: current, closing: closing.description), found: current)
    }

    @inline(never)
    private mutating func failEmptyList(open: Token) throws -> Never {
        try fail(.emptyList(span: open.span.joined(with: current.span)))
    }

    @inline(never)
    private mutating func failExpectedInTarget() throws -> Never {
        try fail(.expectedInTarget(found: current), found: current)
    }

    @inline(never)
    private mutating func failExpectedBetweenAnd() throws -> Never {
        try fail(.expectedBetweenAnd(found: current), found: current)
    }

    @inline(never)
    private mutating func failExpectedNull() throws -> Never {
        try fail(.expectedNull(found: current), found: current)
    }
}
