import XCTest
import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics
@testable import AlmanacEngine

/// Every case of every typed message: an id in its documented family, a sentence, and every kind reached. The
/// exhaustive switches below stop compiling when a case is added, until it has a sample here.
final class TypedDiagnosticCoverageTests: XCTestCase {
    static let span = SourceSpan.whole(SourceFile(name: "q.aq", text: "from trade"))

    static let typeMismatches: [TypeMismatchMessage] = [
        .aggregateOfNull(function: .sum), .sumNeedsNumbers(found: .text), .aggregateNeedsNumbers(function: .avg, found: nil),
        .mixedBranches(function: .if, first: .text, other: .int), .finerThanArgument(function: .month, argument: .quarter),
        .finerPeriodConstant(column: .year, constant: .month(2024, 2)), .finerRangeBound(bound: .month(2024, 2), table: .year),
        .periodPartOutOfRange(function: .ym, part: .month, value: 13), .notAPeriod(text: "2024-13"), .periodArgument(found: .bool),
        .notAYearToCompare(year: 0, column: .month), .targetYearNotAYear(year: 0), .indexBaseNotAYear(year: 10000),
        .indexBaseFrequency(base: .month(2015, 1), series: .year), .periodDifference(left: .month, right: .year),
        .periodShiftOutOfRange(start: .year(1), op: .subtract, steps: .int(1)),
        .parameterNotAPeriod(name: "p", value: "2024-13", reason: "month 13 does not exist"),
        .numericTarget(function: .progress, found: .text), .rollingWindow, .seriesNeedsNumbers(function: .yoy, found: .text),
        .functionArgument(function: .round, position: 2, expected: "an integer", found: .float), .wholeNumber(function: .lag, argument: "lag's number of periods"),
        .pivotValuesNotNumbers(column: "province", type: .text), .pivotNoValues(column: "year"), .takeCountTooLarge, .compareNeedsMeasure,
        .emptyRange(lower: .int(2024), upper: .int(2023)),
        .joinKeyTypes(key: "k", left: .text, leftOrigin: nil, lookupKey: "k", right: .int, lookup: "r", lookupSpan: span),
        .unitsDiffer(.compare, left: UnitOperand(column: "a", unit: "USD"), right: UnitOperand(column: "b", unit: "billion VND")),
        .unpivotUnits(first: UnitOperand(column: "a", unit: "USD"), second: UnitOperand(column: "b", unit: "tonnes")),
        .unpivotMixedTypes(first: "a", firstType: .float, other: "b", otherType: .text), .negation(found: .text),
        .comparison(left: .text, right: .int), .constantTexts(left: "a", right: "a", always: true, namedColumn: "a"),
        .arithmetic(.divide, left: .bool, right: .int, namedColumn: nil), .nullComparison, .condition(clause: "if", found: .period(.month), column: "period"),
        .matchedArgument(function: .yoy),
    ]

    /// A number per case; a new case makes this switch incomplete.
    static func index(_ m: TypeMismatchMessage) -> Int {
        switch m {
        case .aggregateOfNull: return 0
        case .sumNeedsNumbers: return 1
        case .aggregateNeedsNumbers: return 2
        case .mixedBranches: return 3
        case .finerThanArgument: return 4
        case .finerPeriodConstant: return 5
        case .finerRangeBound: return 6
        case .periodPartOutOfRange: return 7
        case .notAPeriod: return 8
        case .periodArgument: return 9
        case .notAYearToCompare: return 10
        case .targetYearNotAYear: return 11
        case .indexBaseNotAYear: return 12
        case .indexBaseFrequency: return 13
        case .periodDifference: return 14
        case .periodShiftOutOfRange: return 15
        case .parameterNotAPeriod: return 16
        case .numericTarget: return 17
        case .rollingWindow: return 18
        case .seriesNeedsNumbers: return 19
        case .functionArgument: return 20
        case .wholeNumber: return 21
        case .pivotValuesNotNumbers: return 22
        case .pivotNoValues: return 23
        case .takeCountTooLarge: return 24
        case .compareNeedsMeasure: return 25
        case .emptyRange: return 26
        case .joinKeyTypes: return 27
        case .unitsDiffer: return 28
        case .unpivotUnits: return 29
        case .unpivotMixedTypes: return 30
        case .negation: return 31
        case .comparison: return 32
        case .constantTexts: return 33
        case .arithmetic: return 34
        case .nullComparison: return 35
        case .condition: return 36
        case .matchedArgument: return 37
        }
    }

    static let runtimeFailures: [RuntimeFailureMessage] = [
        .internal("x vanished"), .pivotEmpty, .pivotShape(.tooLarge(.pivotCells(rows: 1, columns: 2)), column: "year"),
        .pivotNameClash(column: "year", value: "province"), .aggregateKernel(function: .sum, error: .lengthMismatch(expected: 2, found: 3)),
        .joinDuplicateKey(lookup: "rates", key: "(2021)", rows: 2), .joinKernel(.invalidArgument(.joinKeyCount(left: 1, lookup: 2))),
        .filterCondition, .seriesKernel(function: .rolling, error: .invalidArgument(.rollingWindow(0))),
        .periodParts(function: .ym, error: PeriodFromParts.PartError(row: 2, message: "month 13 does not exist")),
        .periodNotAYear(value: 0, row: 1), .periodNoValueParses(expression: "label"), .periodWrongFrequency(text: "2024", row: 0, frequency: .month),
        .periodNeedsYearOrText, .indexBaseFrequency(base: .year(2015), series: .month, example: .month(2015, 1)),
        .unpivotNotANumber(column: "2021", text: "n/a", row: 0, keys: [], source: nil, place: nil), .unpivotShape(.tooLarge(.unpivotRows(rows: 9, columns: 9))),
        .matchedMeasure(call: "yoy(v / 2, matched)", measure: nil),
    ]

    static func index(_ m: RuntimeFailureMessage) -> Int {
        switch m {
        case .internal: return 0
        case .pivotEmpty: return 1
        case .pivotShape: return 2
        case .pivotNameClash: return 3
        case .aggregateKernel: return 4
        case .joinDuplicateKey: return 5
        case .joinKernel: return 6
        case .filterCondition: return 7
        case .seriesKernel: return 8
        case .periodParts: return 9
        case .periodNotAYear: return 10
        case .periodNoValueParses: return 11
        case .periodWrongFrequency: return 12
        case .periodNeedsYearOrText: return 13
        case .indexBaseFrequency: return 14
        case .unpivotNotANumber: return 15
        case .unpivotShape: return 16
        case .matchedMeasure: return 17
        }
    }

    func testEveryTypeErrorHasAnIdInItsFamilyAndAHint() {
        XCTAssertEqual(Set(Self.typeMismatches.map(Self.index)), Set(0...37), "a case has no sample")
        XCTAssertEqual(Set(Self.typeMismatches.map(\.kind)), Set(TypeMismatch.allCases), "a kind has no message")
        for m in Self.typeMismatches {
            let d = Diagnostic.typeMismatch(m, span: Self.span)
            XCTAssertEqual(d.id.family, .typeMismatch, "\(m)")
            XCTAssertEqual(d.id, DiagnosticID("query.type-mismatch.\(m.kind.rawValue)"))
            XCTAssertFalse(d.message.isEmpty, "\(m)")
            // Every type error says what to write instead.
            XCTAssertEqual(d.hints.count, 1, "\(m)")
            XCTAssertEqual(d.message(as: TypeMismatchMessage.self), m)
        }
    }

    func testEveryRunTimeErrorHasAnIdInItsFamily() {
        XCTAssertEqual(Set(Self.runtimeFailures.map(Self.index)), Set(0...17), "a case has no sample")
        XCTAssertEqual(Set(Self.runtimeFailures.map(\.kind)), Set(RuntimeFailure.allCases), "a kind has no message")
        for m in Self.runtimeFailures {
            let d = Diagnostic.runtime(m, span: nil)
            XCTAssertTrue(d.id.belongs(to: .runtime), "\(m)")
            XCTAssertEqual(d.id.family, .runtime, "\(m)")
            XCTAssertFalse(d.message.isEmpty, "\(m)")
            XCTAssertEqual(d.message(as: RuntimeFailureMessage.self), m)
            XCTAssertNil(d.message(as: TypeMismatchMessage.self))
        }
    }

    func testPeriodKeyMessagesHaveTheirOwnIds() {
        let ids = [PeriodKeyMessage.none(function: "yoy()", available: []), .several(function: "compare", names: ["a", "b"])].map(\.id)
        XCTAssertEqual(ids, [.needsPeriod, .severalPeriods])
        XCTAssertFalse(ids.contains { $0.belongs(to: .typeMismatch) || $0.belongs(to: .runtime) })
    }
}
