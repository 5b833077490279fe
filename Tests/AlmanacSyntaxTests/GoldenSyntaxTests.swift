import AlmanacDiagnostics
@testable import AlmanacSyntax
import Foundation
import XCTest
import AlmanacTestSupport

/// Golden tests over `Queries/syntax/*.aq`. Each query has a hand-checked `.ast` (the
/// `ASTPrinter` output; the query must parse without errors) and/or `.err` (the plain
/// rendering of all diagnostics; the query must have errors). With both, the `.ast` shows the
/// steps that survived error recovery.
///
/// `ALMANAC_UPDATE_GOLDEN=1` writes `.actual` files next to the goldens for review; it never
/// overwrites a golden file.
final class GoldenSyntaxTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Queries/syntax")

    static func queryFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "aq" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testGoldenFiles() throws {
        let files = try Self.queryFiles()
        XCTAssertGreaterThanOrEqual(files.count, 20, "golden queries missing from \(Self.directory.path)")
        let update = ProcessInfo.processInfo.environment["ALMANAC_UPDATE_GOLDEN"] == "1"
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let result = QueryParser.parse(SourceFile(name: url.lastPathComponent, text: text))
            let astURL = url.deletingPathExtension().appendingPathExtension("ast")
            let errURL = url.deletingPathExtension().appendingPathExtension("err")
            let actualAST = ASTPrinter.print(result.pipeline) + "\n"
            let actualErr = DiagnosticRenderer().render(result.diagnostics) + "\n"
            let expectedAST = try? String(contentsOf: astURL, encoding: .utf8)
            let expectedErr = try? String(contentsOf: errURL, encoding: .utf8)
            let name = url.lastPathComponent

            if update {
                try actualAST.write(to: astURL.appendingPathExtension("actual"), atomically: true, encoding: .utf8)
                if result.hasErrors {
                    try actualErr.write(to: errURL.appendingPathExtension("actual"), atomically: true, encoding: .utf8)
                }
            }
            XCTAssertTrue(expectedAST != nil || expectedErr != nil, "\(name): no .ast or .err golden file")
            if let expectedErr {
                XCTAssertTrue(result.hasErrors, "\(name): expected errors, parsed cleanly")
                XCTAssertEqual(actualErr, expectedErr, "\(name): diagnostics differ")
            } else {
                XCTAssertFalse(result.hasErrors, "\(name): unexpected errors:\n\(actualErr)")
            }
            if let expectedAST {
                XCTAssertEqual(actualAST, expectedAST, "\(name): AST differs")
            }
        }
    }
}
