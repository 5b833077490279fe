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
struct ParseAbort: Error {}

/// Binding powers, lowest first.
enum Precedence {
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
    var tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic]
    var depth = 0

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

    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    /// The last consumed token (the first token if nothing was consumed yet).
    var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }

    @discardableResult
    mutating func advance() -> Token {
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

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Skips to the next step boundary.
    mutating func synchronize() {
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
}
