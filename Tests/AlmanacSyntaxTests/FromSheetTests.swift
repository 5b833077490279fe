import AlmanacDiagnostics
@testable import AlmanacSyntax
import XCTest

/// `from "book.xlsx" sheet "Du lịch"`: a workbook's sheet named after the source.
final class FromSheetTests: XCTestCase {
    func testSheetAfterTheSource() throws {
        let p = try QueryParser.parsePipeline(SourceFile(name: "t.aq", text: "from \"book.xlsx\" sheet \"Du lịch\" | take 3"))
        XCTAssertEqual(p.source?.source.name, "book.xlsx")
        XCTAssertEqual(p.source?.sheet?.name, "Du lịch")
        XCTAssertEqual(p.source?.sheet?.span.text, "\"Du lịch\"")
        XCTAssertEqual(p.source?.span.text, "from \"book.xlsx\" sheet \"Du lịch\"")
        XCTAssertTrue(ASTPrinter.print(p).contains("(from \"book.xlsx\" (sheet \"Du lịch\"))"), ASTPrinter.print(p))
        XCTAssertNil(try QueryParser.parsePipeline(SourceFile(name: "t.aq", text: "from trade")).source?.sheet)
    }

    func testASheetNeedsAName() {
        let r = QueryParser.parse(SourceFile(name: "t.aq", text: "from \"book.xlsx\" sheet"))
        XCTAssertTrue(r.hasErrors)
        XCTAssertTrue(DiagnosticRenderer().render(r.diagnostics).contains("a sheet name after 'sheet'"), DiagnosticRenderer().render(r.diagnostics))
    }

    func testAWordAfterTheSourceSuggestsSheet() {
        let r = QueryParser.parse(SourceFile(name: "t.aq", text: "from \"book.xlsx\" shet \"A\""))
        XCTAssertTrue(r.hasErrors)
        XCTAssertTrue(DiagnosticRenderer().render(r.diagnostics).contains("sheet"), DiagnosticRenderer().render(r.diagnostics))
    }
}
