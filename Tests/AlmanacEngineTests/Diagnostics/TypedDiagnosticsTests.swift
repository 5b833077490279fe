import XCTest
import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics
import AlmanacSyntax
@testable import AlmanacEngine

/// Errors are typed values (one case per message); the text is rendered from the case's values, and a diagnostic
/// keeps the case, so tests and the engine's retry key on the case, never on the text.
final class TypedDiagnosticsTests: XCTestCase {
    let file = SourceFile(name: "q.aq", text: "from trade\njoin rates on period")

    func diagnostic(_ m: TypeMismatchMessage) -> Diagnostic { .typeMismatch(m, span: .whole(file)) }

    func assertRendered(_ d: Diagnostic, id: DiagnosticID, _ message: String, hint: String?, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(d.id, id, file: file, line: line)
        XCTAssertEqual(d.message, message, file: file, line: line)
        XCTAssertEqual(d.hints, hint.map { [$0] } ?? [], file: file, line: line)
    }

    func testTypeErrorsAreRenderedFromTheirValues() {
        assertRendered(diagnostic(.aggregateNeedsNumbers(function: .avg, found: .text)), id: "query.type-mismatch.aggregate-argument",
                       "avg needs numbers, found text",
                       hint: "avg works on numbers; count(x) counts the values, min(x) and max(x) take the first and last in order")
        assertRendered(diagnostic(.aggregateNeedsNumbers(function: .median, found: .bool)), id: "query.type-mismatch.aggregate-argument",
                       "median needs numbers, found a true/false value", hint: "median works on numbers, e.g. median(value)")
        assertRendered(diagnostic(.sumNeedsNumbers(found: nil)), id: "query.type-mismatch.aggregate-argument",
                       "sum needs numbers, found null", hint: "count() counts rows; count(x) counts non-null values")
        assertRendered(diagnostic(.arithmetic(.subtract, left: .text, right: .int, namedColumn: nil)), id: "query.type-mismatch.arithmetic",
                       "cannot subtract text and an integer",
                       hint: "text is not a number; if the column holds numbers, declare its type in the catalog")
        assertRendered(diagnostic(.arithmetic(.multiply, left: nil, right: .period(.month), namedColumn: nil)), id: "query.type-mismatch.arithmetic",
                       "cannot multiply null and a period (month)",
                       hint: "a period moves by a whole number of its own periods (period - 12); year(p), quarter(p) convert it")
        assertRendered(diagnostic(.arithmetic(.add, left: .text, right: .float, namedColumn: "tỉnh")), id: "query.type-mismatch.arithmetic",
                       "cannot add text and a number", hint: "\"tỉnh\" is text here; to name the column write `tỉnh` in backticks")
        assertRendered(diagnostic(.periodPartOutOfRange(function: .ym, part: .month, value: 13)), id: "query.type-mismatch.period-part-range",
                       "month 13 does not exist (months are 1–12)", hint: "usage: ym(year, month), e.g. derive period = ym(year, month)")
        assertRendered(diagnostic(.periodPartOutOfRange(function: .yq, part: .quarter, value: 0)), id: "query.type-mismatch.period-part-range",
                       "quarter 0 does not exist (quarters are 1–4)", hint: "usage: yq(year, quarter), e.g. derive period = yq(year, quarter)")
        assertRendered(diagnostic(.indexBaseFrequency(base: .year(2015), series: .month)), id: "query.type-mismatch.index-base-frequency",
                       "index base 2015 is a year; this series is monthly", hint: "write the base as a month, e.g. 2015-01")
        assertRendered(diagnostic(.finerPeriodConstant(column: .year, constant: .month(2024, 2))), id: "query.type-mismatch.finer-period",
                       "cannot compare a period (year) with the finer month 2024-02", hint: "write a year, e.g. 2024")
        assertRendered(diagnostic(.emptyRange(lower: .int(2024), upper: .int(2023))), id: "query.type-mismatch.empty-range",
                       "the range starts after it ends", hint: "write the earlier bound first: 2023..2024")
        assertRendered(diagnostic(.condition(clause: "where", found: .text, column: "tên tỉnh")), id: "query.type-mismatch.condition",
                       "'where' needs a true/false condition, found text",
                       hint: "compare it: e.g. where `tên tỉnh` = \"Hà Giang\", or where `tên tỉnh` is not null")
        assertRendered(diagnostic(.condition(clause: "and", found: .int, column: nil)), id: "query.type-mismatch.condition",
                       "'and' needs a true/false condition, found an integer", hint: "compare it: e.g. value > 0, or value is not null")
        assertRendered(diagnostic(.constantTexts(left: "a", right: "b", always: false, namedColumn: nil)), id: "query.type-mismatch.constant-texts",
                       "comparing two texts written in the query (\"a\" and \"b\") is always false",
                       hint: "compare a column with a text, e.g. province = \"Hà Giang\"")
        assertRendered(diagnostic(.unitsDiffer(.add, left: UnitOperand(column: "value_usd", unit: "USD"), right: UnitOperand(column: nil, unit: "arrivals"))),
                       id: "query.type-mismatch.units", "cannot add value_usd (USD) and arrivals: their units differ",
                       hint: "'USD' and 'arrivals' measure different things; relate them as a ratio (a / b), which is fine")
        assertRendered(diagnostic(.periodShiftOutOfRange(start: .year(9999), op: .add, steps: .int(1))), id: "query.type-mismatch.period-out-of-range",
                       "9999 + 1 falls outside the years 1 to 9999",
                       hint: "a period moves by whole periods of its own frequency: 2024-10 - 12 is 2023-10")
    }

    func testAComparisonsHintSaysWhichSideWasMisread() {
        assertRendered(diagnostic(.comparison(left: .text, right: .int)), id: "query.type-mismatch.comparison",
                       "cannot compare text with an integer", hint: "write numbers without quotes (1000), text in double quotes (\"Hà Giang\")")
        assertRendered(diagnostic(.comparison(left: .period(.month), right: .text, misread: .parameterText(name: "p", value: "abc", wanted: .period(.month)))),
                       id: "query.type-mismatch.comparison", "cannot compare a period (month) with text",
                       hint: "the parameter $p is 'abc', which is not a period: pass one such as --param p=2024-10")
        assertRendered(diagnostic(.comparison(left: .text, right: .float, misread: .textNamesColumn("giá"))), id: "query.type-mismatch.comparison",
                       "cannot compare text with a number", hint: "\"giá\" is text here; to name the column write `giá` in backticks")
    }

    /// Both sides of a join key are notes with their own spans, made from the message's values.
    func testAJoinKeyMismatchPointsAtBothSides() throws {
        let here = SourceSpan(file: file, start: 0, end: 4), lookup = SourceSpan(file: file, start: 16, end: 21)
        let d = diagnostic(.joinKeyTypes(key: "period", left: .period(.month), leftOrigin: here, lookupKey: "period", right: .period(.year),
                                         lookup: "rates", lookupSpan: lookup))
        assertRendered(d, id: "query.type-mismatch.join-keys", "cannot join period(month) 'period' with period(year) 'period' of 'rates'",
                       hint: "make the months years first, e.g. derive period = year(period)")
        XCTAssertEqual(d.spannedNotes, [SpannedNote(message: "'period' is a period(month) here", span: here),
                                        SpannedNote(message: "'rates' has 'period' as a period(year)", span: lookup)])
        let none = diagnostic(.joinKeyTypes(key: "k", left: .text, leftOrigin: nil, lookupKey: "k", right: .int, lookup: "r", lookupSpan: lookup))
        XCTAssertEqual(none.hints, ["both sides of a join key need the same kind of values"])
        XCTAssertEqual(none.spannedNotes.map(\.span), [lookup])
    }

    func testRunTimeErrorsAreRenderedFromTheirValues() {
        func runtime(_ m: RuntimeFailureMessage) -> Diagnostic { .runtime(m, span: nil) }
        assertRendered(runtime(.pivotEmpty), id: "query.runtime.pivot-empty", "pivot: no rows to spread into columns; the steps before it left none",
                       hint: "check the filters and parameters (is the period within the data?)")
        assertRendered(runtime(.joinDuplicateKey(lookup: "rates", key: "(2021)", rows: 2)), id: "query.runtime.join-duplicate-key",
                       "join: 'rates' has 2 rows for the key (2021); a lookup needs one row per key",
                       hint: "remove the duplicates from 'rates', or join on more columns")
        assertRendered(runtime(.seriesKernel(function: .yoy, error: .typeMismatch(.periodColumnNeeded(by: .timeFunctions, found: .text)))),
                       id: "query.runtime.series", "yoy(): time functions need a period column, not text", hint: nil)
        assertRendered(runtime(.pivotShape(.tooLarge(.pivotCells(rows: 3, columns: 4)), column: "year")), id: "query.runtime.pivot-shape",
                       "pivot: pivot would have 3 rows × 4 columns", hint: "aggregate first so that each row key has one value per year")
        assertRendered(runtime(.periodWrongFrequency(text: "2024-Q1", row: 0, frequency: .month)), id: "query.runtime.period-value",
                       "period(): '2024-Q1' (row 1) is not a month", hint: nil)
        assertRendered(runtime(.indexBaseFrequency(base: .year(2015), series: .month, example: .month(2020, 1))), id: "query.runtime.index-base-frequency",
                       "index base 2015 is a year; this series is monthly", hint: "write the base as a month, e.g. 2020-01")
        assertRendered(runtime(.unpivotNotANumber(column: "2021", text: "n/a", row: 3, keys: [KeyValue(name: "province", value: .text("Hà Giang"))],
                                                  source: "trade.csv", place: .line(5))),
                       id: "query.runtime.unpivot-value",
                       "unpivot: '2021' holds 'n/a' where province = Hà Giang (trade.csv, line 5), which is not a number, while the other columns hold numbers",
                       hint: "make that cell a number or empty in the source, load leniently (--lenient) to set such cells aside, or unpivot the text columns on their own")
        XCTAssertEqual(runtime(.unpivotNotANumber(column: "x", text: "?", row: 3, keys: [], source: nil, place: nil)).message,
                       "unpivot: 'x' holds '?' in row 4, which is not a number, while the other columns hold numbers")
        let bug = runtime(.internal("column 'x' vanished"))
        assertRendered(bug, id: "query.runtime.internal", "column 'x' vanished", hint: nil)
        XCTAssertEqual(bug.notes, ["this is a bug in Almanac rather than in the query; please report it with the query"])
    }

    func testAPeriodKeyProblemIsTyped() {
        assertRendered(Diagnostic(PeriodKeyMessage.several(function: "yoy()", names: ["period", "month", "start"]), span: nil), id: .severalPeriods,
                       "yoy() needs one period column, and this table has 3: period, month, start",
                       hint: "say which orders the series: leave the others out with select (e.g. keep 'period', leave out 'month' and 'start'), or aggregate by the one to use")
        assertRendered(Diagnostic(PeriodKeyMessage.none(function: "yoy()", available: ["năm", "tháng"]), span: nil), id: .needsPeriod,
                       "yoy() needs a period column to order each series; this table has none", hint: "build it from the parts: derive period = ym(năm, tháng)")
    }

    /// A query's error carries the case it was made from, with the values the binder found.
    func testAQuerysErrorKeepsItsTypedCase() throws {
        func typed(_ text: String) throws -> TypeMismatchMessage? {
            do { _ = try Fixtures.engine().check(SourceFile(name: "q.aq", text: text)) } catch let e as DiagnosticError {
                return e.diagnostics.first?.message(as: TypeMismatchMessage.self)
            }
            XCTFail("no error: \(text)")
            return nil
        }
        XCTAssertEqual(try typed("from trade | derive x = province + 1"), .arithmetic(.add, left: .text, right: .int, namedColumn: nil))
        XCTAssertEqual(try typed("from trade | where province = 3"), .comparison(left: .text, right: .int))
        XCTAssertEqual(try typed("from trade | derive g = yoy(province)"), .seriesNeedsNumbers(function: .yoy, found: .text))
        XCTAssertEqual(try typed("from trade | where value_usd = null"), .nullComparison)
        XCTAssertEqual(try typed("from trade | aggregate s = sum(province)"), .sumNeedsNumbers(found: .text))
        XCTAssertEqual(try typed("from trade | where period in 2024..2023"), .emptyRange(lower: .int(2024), upper: .int(2023)))
    }

    /// The retry after a full load asks the typed case: a diagnostic with a type error's id but no typed message
    /// does not qualify, and a run-time error does not either.
    func testTheRetryKeysOnTheTypedCaseNotTheId() {
        XCTAssertTrue(diagnostic(.negation(found: .text)).dependsOnColumnTypes)
        XCTAssertTrue(Diagnostic(PeriodKeyMessage.none(function: "yoy()", available: []), span: nil).dependsOnColumnTypes)
        XCTAssertFalse(Diagnostic.error(TypeMismatch.negation.id, "cannot negate text").dependsOnColumnTypes)
        XCTAssertFalse(Diagnostic.runtime(.pivotEmpty, span: nil).dependsOnColumnTypes)
        // The typed message survives a change of severity and the error wrapping.
        let e = DiagnosticError(diagnostic(.rollingWindow).withSeverity(.warning))
        XCTAssertEqual(e.diagnostics[0].message(as: TypeMismatchMessage.self), .rollingWindow)
        XCTAssertNil(e.diagnostics[0].message(as: RuntimeFailureMessage.self))
    }
}
