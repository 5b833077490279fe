import AlmanacDiagnostics

/// The `unpivot` step and its messages:
///
/// ```
/// unpivot `2019`, `2020`, `2021` into year, arrivals
/// unpivot all except province, unit into year, arrivals keep nulls
/// ```
extension Parser {
    mutating func parseUnpivot(_ head: Token) throws -> UnpivotStep {
        let columns: UnpivotStep.Columns
        // `all` is the keyword unless a list follows (`unpivot all, other into …` names a column `all`).
        if current.isWord("all"), peek().kind != .comma {
            advance()
            var kept: [NameRef] = []
            if current.isWord("except") {
                advance()
                kept = try list { try $0.parseUnpivotName("a column to keep after 'except'") }
            } else if !current.isWord("into") {
                try fail(.expectedUnpivotExcept(found: current), found: current)
            }
            columns = .allExcept(kept)
        } else {
            if current.isStepEnd || current.isWord("into") { try fail(.unpivotNeedsColumns(found: current), found: current) }
            columns = .listed(try list { try $0.parseUnpivotName("a column to unpivot") })
        }
        guard current.isWord("into") else { try fail(.expectedUnpivotInto(found: current), found: current) }
        advance()
        let nameColumn = try parseUnpivotName("the name of the new column for the old column names after 'into'")
        guard current.kind == .comma else { try fail(.expectedUnpivotValueName(after: nameColumn.name, found: current), found: current) }
        advance()
        let valueColumn = try parseUnpivotName("the name of the new column for the values")
        var keepNulls = false
        if current.isWord("keep") {
            advance()
            guard current.isWord("nulls") else { try fail(.expectedKeepNulls(found: current), found: current) }
            advance()
            keepNulls = true
        }
        if current.kind == .comma { try fail(.unpivotTooManyNames(span: current.span), found: current) }
        try expectStepEnd(words: ["keep"])
        return UnpivotStep(columns: columns, nameColumn: nameColumn, valueColumn: valueColumn, keepNulls: keepNulls, span: spanFrom(head))
    }

    /// A name, with a hint when a column named like a number or a period was written bare (`2019`, `2019-Q1`).
    mutating func parseUnpivotName(_ what: String) throws -> NameRef {
        let token = current
        switch token.kind {
        case .integer, .float, .period:
            try fail(.unpivotBareNumber(what, found: token), found: token)
        case .word where token.value == "into" || token.value == "except":
            // `unpivot all except into …`: the list is missing, not a column named 'into'.
            var d = Diagnostic.expectedName(what, found: token)
            d.hints = [Diagnostic.unpivotExample]
            try fail(d, found: token)
        default:
            return try parseName(what)
        }
    }
}

package extension Diagnostic {
    static let unpivotExample = "for example: unpivot `2019`, `2020` into year, arrivals, or unpivot all except province into year, arrivals"

    static func unpivotNeedsColumns(found: Token) -> Diagnostic {
        .error("syntax.unpivot-columns", "expected the columns to unpivot", span: found.span, label: "found \(found.description)",
               hints: [unpivotExample])
    }

    static func expectedUnpivotExcept(found: Token) -> Diagnostic {
        var hint = "write 'unpivot all except COLUMN, … into NAME, VALUE' to keep some columns, or 'unpivot all into NAME, VALUE'"
        if found.kind == .word, let match = Suggestions.closest(to: found.value, among: ["except", "into"]), match != found.value {
            hint = "did you mean '\(match)'?"
        }
        return .error("syntax.expected", "expected 'except' or 'into' after 'unpivot all'", span: found.span, label: "found \(found.description)",
                      hints: [hint])
    }

    static func expectedUnpivotInto(found: Token) -> Diagnostic {
        var hint = "name the two new columns, one for the old column names and one for their values: … into year, arrivals"
        if found.kind == .word, let match = Suggestions.closest(to: found.value, among: ["into"]), match != found.value {
            hint = "did you mean 'into'?"
        }
        return .error("syntax.expected-into", "expected 'into' after the columns to unpivot", span: found.span, label: "found \(found.description)",
                      hints: [hint])
    }

    static func expectedUnpivotValueName(after name: String, found: Token) -> Diagnostic {
        .error("syntax.expected", "expected ',' and the name of the values' column after 'into \(Token.abbreviate(name))'", span: found.span,
               label: "found \(found.description)",
               hints: ["unpivot makes two columns: the old column names go into the first, their values into the second: into \(name), value"])
    }

    static func expectedKeepNulls(found: Token) -> Diagnostic {
        .error("syntax.expected", "expected 'nulls' after 'keep'", span: found.span, label: "found \(found.description)",
               hints: ["'keep nulls' makes a row of each empty cell too; without it they are left out"])
    }

    static func unpivotTooManyNames(span: SourceSpan) -> Diagnostic {
        .error("syntax.expected", "unpivot makes exactly two columns", span: span, label: "a third name starts here",
               hints: ["write into NAME, VALUE: the old column names go into NAME, their values into VALUE"])
    }

    static func unpivotBareNumber(_ what: String, found: Token) -> Diagnostic {
        .error("syntax.expected-name", "expected \(what)", span: found.span, label: "found \(found.description)",
               hints: ["a column whose name is a number or a period is written in backticks: `\(found.span.text)`"])
    }
}
