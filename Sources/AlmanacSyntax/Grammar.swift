/// The Almanac query language — lexical and layout rules shared by the lexer, the parser and
/// the AST printer.
///
/// ```
/// from trade
/// where province = "Hà Giang" and period >= 2019-01
/// aggregate value = sum(value_usd) / 1e6, rows = count() by year = year(period), flow
/// derive growth = yoy(value), share = share(value)
/// sort year desc, flow
/// take 10
/// ```
///
/// Grammar (`{x}` = zero or more, `[x]` = optional, `|` in this notation means "or"):
///
/// ```
/// pipeline   = step { SEP step }            SEP = end of line (see layout) or '|'
/// step       = 'from' name
///            | 'where' expr
///            | 'derive' assignment { ',' assignment }
///            | 'select' item { ',' item }
///            | 'aggregate' assignment { ',' assignment } [ 'by' item { ',' item } ]
///            | 'sort' sortkey { ',' sortkey }
///            | 'take' INTEGER
///            | 'pivot' name [ 'values' name { ',' name } ]
///            | 'join' name 'on' name { ',' name }
///            | 'compare' range 'vs' range ['matched']
///            | 'unpivot' ( name { ',' name } | 'all' [ 'except' name { ',' name } ] )
///                        'into' name ',' name [ 'keep' 'nulls' ]
/// assignment = name '=' expr
/// item       = name [ '=' expr ]
/// sortkey    = expr [ 'asc' | 'desc' ]          (a lone "quoted name" is a column)
/// range      = additive '..' additive
/// name       = IDENT | `quoted name` | "quoted name"
/// expr       = or-expression with precedence, lowest first:
///              or < and < not (prefix) < comparisons (= == != < <= > >=, in, not in,
///              between, not between, is [not] null; non-associative) < + - < * / < unary -
/// primary    = INTEGER | FLOAT | STRING | PERIOD | true | false | null | $param
///            | IDENT | `quoted name` | IDENT '(' [ expr { ',' expr } ] ')' | '(' expr ')'
/// in-rhs     = '(' expr { ',' expr } ')' | '(' range ')' | range
/// ```
///
/// Names. A bare identifier is letters (any Unicode letter, so `giá_trị` is fine), digits,
/// `_` and combining marks, not starting with a digit. Where a *name* is required (output
/// names in derive/select/aggregate/by, `from`, `join`, `pivot`, join keys, pivot values, the columns and
/// new names of `unpivot` and a lone sort key) a double-quoted string is accepted as a name: `derive "giá trị" = x * 2`,
/// `from "data/trade.csv"`. Inside expressions `"…"` is always a string literal; to refer to a
/// column whose name has spaces use backticks: `` where `giá trị` > 0 ``.
///
/// Keywords are lower case and contextual: only the words in `reservedWords` cannot be used
/// as bare column names in expressions (quote them with backticks instead). Step keywords are
/// recognised at the start of a step only.
///
/// Layout (when does a newline end a step?). A line that starts with a step keyword always
/// starts a new step (so `where a =` followed by `take 3` reports the missing operand instead
/// of reading `take` as a column, and a missing ')' does not swallow the rest of the query).
/// Otherwise a newline is a step boundary unless
///  1. it is inside parentheses, or
///  2. the last token before it cannot end a step: a binary operator, ',', '=', '..', '(',
///     '|', one of `and or not in between is by on vs values into except`, or a step keyword standing
///     alone (`aggregate` on its own line, the items indented below), or
///  3. the next non-blank line starts with a token that cannot start a step: ',', ')', '|',
///     '..', a binary operator, or one of `by vs values on and or asc desc in between is not into except
///     keep`.
/// Indentation is not significant. Blank lines and comment lines are ignored. `|` always
/// separates steps. (A column named like a step keyword at the start of a continuation line
/// must therefore be quoted with backticks.)
///
/// Literals. Integers (`10`, `1_000`) and floats (`1.5`, `1e6`, `2.5E-3`) are distinct.
/// Strings take the escapes `\" \\ \n \t \r \0 \u{…}` and end at the end of the line.
/// A period literal is four digits, '-' and then a two-digit month (`2019-01`), a quarter
/// (`2024-Q3`) or a month and a two-digit day (`2024-10-15`), written without spaces; so
/// `2019-01` is January 2019 while `2019 - 01` subtracts. A bare `2024` is an integer.
/// Four digits directly followed by `-` and a digit or `Q` are always read as a period and
/// rejected when malformed (`2024-13`, `2024-Q5`, `2020-2019`, `2024-Q`), never silently
/// subtracted. A '-' directly before a number folds into the literal (`-1` is the integer -1).
/// A period plus or minus an integer moves it that many periods of its own frequency: `$period - 12` is the same
/// month a year earlier, `year($period) - 1` the year before, `period + 1` each row's next period (null outside the
/// years 1–9999; a constant shift outside them is an error).
/// `#` starts a comment that runs to the end of the line. `take` takes a non-negative integer
/// literal. `==` is accepted for `=`; `<>`, `&&` and `||` are reported (with the right operator
/// as a hint) and parsing continues as if `!=`, `and`, `or` had been written.
public enum QuerySyntax {
    /// Words that start a step.
    public static let stepKeywords = [
        "from", "where", "derive", "select", "aggregate", "sort", "take", "pivot", "unpivot", "join", "compare",
    ]
    /// Words that cannot be bare column names in expressions.
    public static let reservedWords: Set<String> = [
        "and", "or", "not", "in", "between", "is", "null", "true", "false",
    ]
    /// Maximum nesting of parentheses / prefix operators / calls inside one expression.
    public static let maxNestingDepth = 200
    /// Maximum height of an expression tree (long `a + b + c + …` chains count too). Every
    /// recursive walk over an accepted tree (printing, `==`, hashing) is at most this deep.
    public static let maxExpressionHeight = 256

    /// At most this many diagnostics are reported for one query (then a note counts the rest).
    public static let maxDiagnostics = 50

    package static let stepKeywordSet = Set(stepKeywords)
    /// A line starting with one of these words continues the previous step.
    package static let continuationLeadingWords: Set<String> = [
        "by", "vs", "values", "on", "and", "or", "asc", "desc", "in", "between", "is", "not", "into", "except", "keep",
    ]
    /// A line ending with one of these words continues on the next line.
    package static let continuationTrailingWords: Set<String> = [
        "and", "or", "not", "in", "between", "is", "by", "on", "vs", "values", "into", "except",
    ]

    /// Whether `name` can be written as a bare identifier (otherwise it needs backticks).
    public static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, CharacterClass.isIdentifierStart(first) else { return false }
        guard name.unicodeScalars.allSatisfy(CharacterClass.isIdentifierContinue) else { return false }
        return !reservedWords.contains(name)
    }
}

/// Character classes of the lexer.
package enum CharacterClass {
    package static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        case 0..<0x80: return false
        default: return scalar.properties.isAlphabetic
        }
    }

    package static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39: return true
        case 0..<0x80: return isIdentifierStart(scalar)
        case 0x200C, 0x200D: return true  // zero-width (non-)joiner
        default:
            if scalar.properties.isAlphabetic { return true }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
            default: return false
            }
        }
    }

    package static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0D, 0x0B, 0x0C: return true
        case 0x0A: return false
        case 0..<0x80: return false
        case 0xFEFF: return true  // byte-order mark
        default: return scalar.properties.isWhitespace
        }
    }
}
