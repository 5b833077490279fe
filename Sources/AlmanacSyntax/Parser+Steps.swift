import AlmanacDiagnostics

/// The parser's steps: one function per step form, and the pieces steps share (names, assignments, items, sort
/// keys, ranges).
extension Parser {
    // MARK: - Steps

    mutating func parseStep(isFirst: Bool) throws -> Step {
        let head = current
        guard head.kind == .word else { try fail(.expectedStep(found: head), found: head) }
        let step: Step
        switch head.value {
        case "from":
            advance()
            if !isFirst { report(.misplacedFrom(span: head.span)) }
            let source = try parseName("a dataset name after 'from'")
            if current.kind == .comma {
                // `from a, b`: one source per query; another table comes in with a join.
                try fail(.expected("the end of the step", found: current,
                                   hint: "'from' reads one source; bring in another with a step such as join DATASET on COLUMN"), found: current)
            }
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
        case "unpivot":
            advance()
            step = .unpivot(try parseUnpivot(head))
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
            // `matched`: sum only the series present in both ranges (over an aggregate's rows).
            let matched = current.isWord("matched")
            if matched { advance() }
            try expectStepEnd()
            step = .compare(CompareStep(baseline: baseline, comparison: comparison, matched: matched, span: spanFrom(head)))
        default:
            try fail(.unknownStep(head.value, span: head.span))
        }
        return step
    }

    /// From `head` to the last consumed token.
    func spanFrom(_ head: Token) -> SourceSpan { head.span.joined(with: previous.span) }

    mutating func expectStepEnd(expecting: String = "the end of the step", words: [String] = []) throws {
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

    mutating func list<T>(_ item: (inout Parser) throws -> T) throws -> [T] {
        var items = [try item(&self)]
        while current.kind == .comma {
            advance()
            items.append(try item(&self))
        }
        return items
    }

    /// A name: bare identifier (not a reserved word), `` `quoted` `` or `"quoted"`.
    mutating func parseName(_ what: String) throws -> NameRef {
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

    mutating func parseAssignment(in step: String) throws -> Assignment {
        let name = try parseName("a column name in \(step)")
        guard current.kind == .equal else { try fail(.expectedEquals(in: step, found: current), found: current) }
        advance()
        let expr = try parseExpression()
        return Assignment(name: name.name, nameSpan: name.span, expr: expr, span: name.span.joined(with: expr.span))
    }

    enum ItemContext { case select, groupBy }

    mutating func parseItem(context: ItemContext) throws -> ColumnItem {
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

    mutating func parseSortKey() throws -> SortKey {
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

    mutating func parseTakeCount() throws -> (Int64, SourceSpan) {
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

    mutating func parseRange() throws -> RangeExpr {
        let lower = try parseExpression(Precedence.additive)
        guard current.kind == .dotDot else { try fail(.expectedRange(found: current), found: current) }
        advance()
        let upper = try parseExpression(Precedence.additive)
        return RangeExpr(lower: lower, upper: upper, span: lower.span.joined(with: upper.span))
    }
}
