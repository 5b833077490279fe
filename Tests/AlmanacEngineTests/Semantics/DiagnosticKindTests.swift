import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax
@testable import AlmanacEngine

/// Each kind of message has its own stable id; retries and tests key on the id or its family, never on the text;
/// a did-you-mean carries a fix-it that rewrites the query.
final class DiagnosticKindTests: XCTestCase {
    func error(_ text: String) -> DiagnosticError? {
        do { _ = try Fixtures.engine().check(SourceFile(name: "q.aq", text: text)); return nil } catch { return error as? DiagnosticError }
    }

    func testEveryKindHasItsOwnIdInItsFamily() {
        XCTAssertEqual(Set(TypeMismatch.allCases.map(\.id)).count, TypeMismatch.allCases.count)
        XCTAssertEqual(Set(RuntimeFailure.allCases.map(\.id)).count, RuntimeFailure.allCases.count)
        for k in TypeMismatch.allCases { XCTAssertEqual(k.id.family, .typeMismatch) }
        for k in RuntimeFailure.allCases { XCTAssertTrue(k.id.belongs(to: .runtime)) }
        XCTAssertEqual(DiagnosticID("query.unknown-column").family, "query.unknown-column")
        XCTAssertFalse(DiagnosticID("query.unknown-column").belongs(to: .typeMismatch))
    }

    func testTypeErrorsSayWhichRuleTheyBroke() {
        XCTAssertEqual(error("from trade | derive x = province + 1")?.ids, [TypeMismatch.arithmetic.id])
        XCTAssertEqual(error("from trade | where province = 3")?.ids, [TypeMismatch.comparison.id])
        XCTAssertEqual(error("from trade | aggregate s = sum(province)")?.ids, [TypeMismatch.aggregateArgument.id])
        XCTAssertEqual(error("from trade | derive g = yoy(province)")?.ids, [TypeMismatch.seriesMeasure.id])
        XCTAssertEqual(error("from trade | where value_usd = null")?.ids, [TypeMismatch.nullComparison.id])
    }

    func testADidYouMeanIsAFixItThatRewritesTheQuery() throws {
        let column = try XCTUnwrap(error("from trade | where provnce = \"Hà Giang\""))
        XCTAssertEqual(column.diagnostics.first?.fixIts.map(\.replacement), ["province"])
        XCTAssertEqual(column.fixedText, "from trade | where province = \"Hà Giang\"")
        XCTAssertEqual(error("from trade | derive g = yyo(value_usd)")?.fixedText, "from trade | derive g = yoy(value_usd)")
        XCTAssertEqual(error("from trdae | take 1")?.fixedText, "from trade | take 1")
        // Nothing close: no fix-it, no rewritten query.
        XCTAssertNil(error("from trade | where zzzzzzzz = 1")?.fixedText)
    }
}
