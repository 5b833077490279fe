import Foundation
import AlmanacDiagnostics

/// Every message of the lexer and the parser, in one place. Ids are `syntax.*`.
package extension Diagnostic {
    // MARK: Lexical

    package static func unexpectedCharacter(_ text: String, span: SourceSpan, hint: String?) -> Diagnostic {
        .error("syntax.unexpected-character", "unexpected character '\(text)'", span: span).withHint(hint)
    }

    package static func lessGreaterOperator(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.not-equal-operator", "'<>' is not an operator", span: span, label: "write '!=' instead",
            hints: ["use '!=' for 'not equal'"])
    }

    package static func cStyleLogicalOperator(_ op: String, replacement: String, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.logical-operator", "'\(op)' is not an operator", span: span,
            hints: ["use '\(replacement)'"])
    }

    package static func unterminatedString(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.unterminated-string", "unterminated string", span: span,
            label: "this string has no closing '\"'",
            hints: ["strings end on the line they start; write \\\" for a quote inside a string"])
    }

    package static func invalidEscape(_ sequence: String, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-escape", "unknown escape sequence '\(sequence)'", span: span,
            hints: [#"supported escapes are \" \\ \n \t \r \0 and \u{…}"#])
    }

    package static func invalidUnicodeEscape(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-escape", "invalid unicode escape", span: span,
            hints: [#"write \u{…} with 1 to 6 hex digits naming a Unicode scalar, e.g. \u{1EA1} for 'ạ'"#])
    }

    package static func unterminatedQuotedName(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.unterminated-name", "unterminated quoted name", span: span,
            label: "this name has no closing '`'", hints: ["close the name with '`' on the same line: `giá trị`"])
    }

    package static func emptyQuotedName(span: SourceSpan) -> Diagnostic {
        .error("syntax.empty-name", "empty quoted name", span: span, hints: ["a quoted name needs at least one character, e.g. `giá trị`"])
    }

    package static func singleQuotedString(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.single-quote", "single quotes are not used in queries", span: span,
            hints: ["write strings in double quotes (\"Hà Giang\") and names with spaces in backticks (`giá trị`)"])
    }

    package static func missingParameterName(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.parameter-name", "expected a parameter name after '$'", span: span,
            hints: ["parameters look like $province"])
    }

    package static func invalidNumber(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-number", "invalid number '\(Token.abbreviate(span.text))'", span: span,
            hints: ["names cannot start with a digit; quote such a name with backticks: `\(Token.abbreviate(span.text))`"])
    }

    package static func misplacedUnderscore(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-number", "misplaced '_' in number '\(Token.abbreviate(span.text))'", span: span,
            hints: ["'_' may only separate digits, as in 1_000_000"])
    }

    package static func numberOutOfRange(span: SourceSpan) -> Diagnostic {
        .error("syntax.number-range", "number '\(Token.abbreviate(span.text))' is too large", span: span,
               hints: ["numbers go up to about 1.8e308"])
    }

    package static func integerTooLarge(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.number-range", "integer '\(Token.abbreviate(span.text))' does not fit in 64 bits", span: span,
            hints: ["write it as a decimal number (e.g. 1e20) if an approximate value is fine"])
    }

    package static func invalidQuarter(_ text: String, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "quarter \(Token.abbreviate(text)) does not exist", span: span,
            hints: ["quarters are numbered 1–4, e.g. 2024-Q3"])
    }

    package static func missingQuarter(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "invalid period '\(Token.abbreviate(span.text))'", span: span,
            hints: ["quarters are written like 2024-Q3", "to subtract, put spaces around '-'"])
    }

    package static func invalidMonth(_ month: Int, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "month \(month) does not exist", span: span,
            hints: ["months are numbered 01–12, e.g. 2024-10"])
    }

    package static func periodMonthDigits(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "invalid period '\(Token.abbreviate(span.text))'", span: span,
            hints: [
                "a month is written with two digits, e.g. 2019-01",
                "to subtract, put spaces around '-': 2020 - 2019",
            ])
    }

    package static func periodDayDigits(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "invalid date '\(Token.abbreviate(span.text))'", span: span,
            hints: ["a day is written with two digits, e.g. 2024-10-05"])
    }

    package static func invalidDay(_ day: Int, month: String, days: Int, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "day \(day) does not exist in \(month)", span: span,
            hints: ["\(month) has \(days) days"])
    }

    /// A period literal of the right shape that Core's period reader rejects for another reason (a year out of
    /// range); `reason` is Core's sentence.
    package static func invalidPeriod(_ reason: String, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.invalid-period", "invalid period '\(Token.abbreviate(span.text))': \(reason)", span: span,
            hints: ["periods are written like 2024-Q3, 2024-10 or 2024-10-15, with years 0001–9999"])
    }

    package static func tooManyDiagnostics(omitted: Int) -> Diagnostic {
        .note("syntax.too-many-diagnostics", "\(omitted) more problems not shown")
    }

    // MARK: Steps

    package static func emptyQuery() -> Diagnostic {
        .error("syntax.empty-query", "the query is empty", hints: ["a query starts with 'from' and a dataset (almanac datasets lists them) or a file: from \"data/my.csv\""])
    }

    package static func missingFrom(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.missing-from", "a query must start with 'from'", span: span,
            label: "the first step is here", hints: ["add a first line such as: from trade"])
    }

    package static func misplacedFrom(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.misplaced-from", "'from' can only be the first step", span: span,
            hints: ["to combine two datasets use 'join <dataset> on <column>'"])
    }

    package static func unknownStep(_ name: String, span: SourceSpan) -> Diagnostic {
        .error("syntax.unknown-step", "unknown step '\(Token.abbreviate(name))'", span: span)
            .withHint(Suggestions.hint(for: name, among: QuerySyntax.stepKeywords, kind: "steps", limit: QuerySyntax.stepKeywords.count))
    }

    package static func expectedStep(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-step", "expected a step", span: found.span, label: "found \(found.description)",
            hints: ["steps are: " + QuerySyntax.stepKeywords.joined(separator: ", ")])
    }

    package static func emptyStep(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.empty-step", "expected a step after '|'", span: span,
            hints: ["'|' separates two steps, as in: from trade | take 10"])
    }

    package static func missingStepSeparator(before keyword: Token) -> Diagnostic {
        .error(
            "syntax.missing-separator", "expected a new line or '|' before '\(keyword.value)'",
            span: keyword.span, hints: ["put each step on its own line, or separate steps with '|'"])
    }

    /// Generic "expected X" with the found token as the label.
    package static func expected(_ what: String, found: Token, hint: String? = nil) -> Diagnostic {
        .error("syntax.expected", "expected \(what)", span: found.span, label: "found \(found.description)")
            .withHint(hint ?? "separate the items of a step with ',' and start a new step on a new line or after '|'")
    }

    package static func expectedEquals(in step: String, found: Token) -> Diagnostic {
        let hint: String
        switch step {
        case "derive": hint = "derive adds computed columns: derive share = value / total"
        case "aggregate": hint = "name each aggregate: aggregate total = sum(value_usd)"
        default: hint = "write name = expression"
        }
        return .error(
            "syntax.expected-equals", "expected '=' after the column name in \(step)", span: found.span,
            label: "found \(found.description)", hints: [hint])
    }

    package static func expectedName(_ what: String, found: Token) -> Diagnostic {
        var hint: String?
        if found.kind == .word, QuerySyntax.reservedWords.contains(found.value) {
            hint = "'\(found.value)' is a keyword; quote it as a name with backticks: `\(found.value)`"
        }
        return .error("syntax.expected-name", "expected \(what)", span: found.span, label: "found \(found.description)")
            .withHint(hint ?? "a name is a word such as province, or any text in backticks: `giá trị`")
    }

    package static func expectedExpression(after previous: Token, found: Token) -> Diagnostic {
        var hint: String?
        if found.kind == .word, QuerySyntax.reservedWords.contains(found.value) {
            hint = "'\(found.value)' is a keyword; to use it as a column name write `\(found.value)`"
        } else if found.kind == .dotDot {
            hint = "ranges are written start..end"
        } else if found.kind == .star, previous.kind == .leftParen {
            hint = "to count rows write count()"
        }
        let after = previous.kind == .word ? previous.value : previous.span.text
        return .error(
            "syntax.expected-expression", "expected an expression after '\(Token.abbreviate(after))'",
            span: found.span, label: "found \(found.description)"
        ).withHint(hint ?? "write a value, a column or a call, e.g. value * 2, \"Hà Giang\", 2024-10 or sum(value)")
    }

    package static func takeExpectsWholeNumber(found: String, span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.take-count", "take expects a whole number", span: span, label: "found \(found)",
            hints: ["take N keeps the first N rows, e.g. take 10"])
    }

    package static func nestingTooDeep(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.nesting-depth", "expression is nested too deeply", span: span,
            hints: ["at most \(QuerySyntax.maxNestingDepth) levels of parentheses, calls and prefix operators are allowed"])
    }

    package static func expressionTooComplex(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.expression-size", "expression is too complex", span: span,
            hints: ["an expression may be at most \(QuerySyntax.maxExpressionHeight) operations deep; split it with derive"])
    }

    package static func chainedComparison(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.chained-comparison", "comparisons cannot be chained", span: span,
            hints: ["write 'a < b and b < c', or use 'between'"])
    }

    package static func misplacedRange(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.misplaced-range", "a range can only follow 'in' or appear in 'compare'", span: span,
            hints: ["for example: where period in 2015..2019"])
    }

    package static func unclosedParenthesis(open: SourceSpan, found: Token, closing what: String) -> Diagnostic {
        let (line, column) = open.location
        return .error(
            "syntax.unclosed-parenthesis", "expected ')' to close \(what)", span: found.span,
            label: "found \(found.description)", hints: ["the '(' at \(line):\(column) is not closed"])
    }

    package static func expectedNull(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-null", "expected 'null' after 'is'", span: found.span,
            label: "found \(found.description)", hints: ["write 'x is null' or 'x is not null'; compare values with '='"])
    }

    package static func expectedBetweenAnd(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-between-and", "expected 'and' in 'between'", span: found.span,
            label: "found \(found.description)", hints: ["write 'x between low and high'"])
    }

    package static func expectedInTarget(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-in-list", "expected a list or a range after 'in'", span: found.span,
            label: "found \(found.description)", hints: ["write 'x in (1, 2, 3)' or 'x in 2015..2019'"])
    }

    package static func expectedRange(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-range", "expected '..' in a range", span: found.span,
            label: "found \(found.description)", hints: ["ranges are written start..end, e.g. 2015..2019"])
    }

    package static func unmatchedClosingParenthesis(span: SourceSpan) -> Diagnostic {
        .error("syntax.unmatched-parenthesis", "unmatched ')'", span: span, label: "no '(' opens this",
               hints: ["remove it, or add the '(' it closes"])
    }

    package static func emptyList(span: SourceSpan) -> Diagnostic {
        .error("syntax.empty-list", "expected at least one value in the list", span: span,
               hints: ["list the values to keep, e.g. in (\"Hà Giang\", \"Cao Bằng\")"])
    }

    package static func aggregateNeedsMeasure(span: SourceSpan) -> Diagnostic {
        .error(
            "syntax.aggregate-measure", "aggregate needs at least one measure before 'by'", span: span,
            hints: ["for example: aggregate rows = count() by province"])
    }

    package static func expectedJoinOn(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-on", "expected 'on' after the dataset in join", span: found.span,
            label: "found \(found.description)", hints: ["for example: join provinces on province"])
    }

    package static func expectedCompareVs(found: Token) -> Diagnostic {
        .error(
            "syntax.expected-vs", "expected 'vs' between the two ranges of compare", span: found.span,
            label: "found \(found.description)", hints: ["for example: compare 2015..2019 vs 2020..2022"])
    }

    package static func selectNeedsName(found: Token) -> Diagnostic {
        .error(
            "syntax.expected", "expected ',' or '=' after the column name in select", span: found.span,
            label: "found \(found.description)", hints: ["to compute a column write name = expression"])
    }

    package static func groupKeyNeedsName(found: Token) -> Diagnostic {
        .error(
            "syntax.expected", "expected ',' or '=' after the key in 'by'", span: found.span,
            label: "found \(found.description)", hints: ["name computed keys: by year = year(period)"])
    }
}

package enum SyntaxHints {
    package static let bang = "use 'not' for negation and '!=' for 'not equal'"
    package static let ampersand = "use 'and'"
    package static let leadingDot = "write a leading zero, e.g. 0.5"
    package static let semicolon = "steps are separated by new lines or '|'"

    /// A character the language has no use for, named by its code and Unicode name, with what to type instead:
    /// the plain character a fullwidth or typographic one stands for, or "delete it" for an invisible one.
    package static func character(_ scalar: Unicode.Scalar) -> String {
        if scalar == ";" { return semicolon }
        let code = "U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
        let named = scalar.properties.name.map { "\(code) \($0)" } ?? code
        let typographic: [Unicode.Scalar: String] = ["\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{2018}": "'", "\u{2019}": "'",
                                                     "\u{2212}": "-", "\u{2013}": "-", "\u{00D7}": "*", "\u{00F7}": "/", "\u{2260}": "!=",
                                                     "\u{2264}": "<=", "\u{2265}": ">="]
        if let plain = typographic[scalar] { return "\(named): type '\(plain)' instead" }
        // Fullwidth forms (＝ ＜ （ ，) and other compatibility characters map to plain ASCII.
        let folded = String(scalar).precomposedStringWithCompatibilityMapping
        if folded != String(scalar), !folded.isEmpty, folded.unicodeScalars.allSatisfy({ $0.isASCII && !$0.properties.isWhitespace }) {
            return "\(named): type '\(folded)' instead (an input method may have switched to fullwidth)"
        }
        switch scalar.properties.generalCategory {
        case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return "\(named) is invisible (pasted text often carries it): delete it"
        default:
            return "\(named) has no meaning in a query: delete it, or write a column name that holds it in backticks (`…`)"
        }
    }
}
