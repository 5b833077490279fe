import XCTest
import AlmanacCore
import AlmanacSyntax
import AlmanacDiagnostics
@testable import AlmanacEngine

/// The function definitions are the one list every part reads: these tests hold the docs and the definitions equal.
final class FunctionCatalogTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The README's "Functions —" paragraph names each kind's functions in backticks, in catalog order.
    func testTheReadmesFunctionListIsTheCatalog() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "Functions — aggregates:") else { return XCTFail("README has no 'Functions — aggregates:' paragraph") }
        let paragraph = readme[start.lowerBound...].components(separatedBy: "\n\n")[0]
        // The first backtick group after each label.
        let groups = ["aggregates:", "scalar:", "along each series by period (in `derive`):"].map { label -> String in
            guard let at = paragraph.range(of: label) else { XCTFail("no '\(label)' in README's function list"); return "" }
            let parts = paragraph[at.upperBound...].components(separatedBy: "`")
            return parts.count > 1 ? parts[1] : ""
        }
        func names(_ group: String) -> [String] {
            var seen: [String] = []
            for word in group.split(whereSeparator: \.isWhitespace) {
                let name = String(word.prefix { $0 != "(" })
                if !seen.contains(name) { seen.append(name) }
            }
            return seen
        }
        let kinds: [FunctionKind] = [.aggregate, .scalar, .time]
        for (group, kind) in zip(groups, kinds) {
            XCTAssertEqual(names(group), FunctionCatalog.names(of: kind), "README's \(kind) functions")
        }
    }

    func testEveryDefinitionIsWellFormed() {
        var seen = Set<String>()
        for d in FunctionCatalog.all {
            let name = d.id.rawValue
            XCTAssertTrue(seen.insert(name).inserted, "\(name) is defined twice")
            XCTAssertEqual(name, name.lowercased(), "names are lower case: calls are matched in any case")
            XCTAssertTrue(d.signature.hasPrefix(name + "("), "\(name)'s signature starts with its name")
            XCTAssertTrue(d.example.contains(name + "("), "\(name)'s example calls it")
            XCTAssertFalse(d.summary.isEmpty)
            XCTAssertTrue(d.arity.lowerBound >= 0)
            XCTAssertTrue(FunctionCatalog.definition(named: name.uppercased())?.id == d.id, "lookup ignores case")
            // A function along a series reads its series, and so do the aggregates that order by period.
            if d.kind == .time || d.needs.contains(.periodKey) { XCTAssertTrue(d.needs.contains(.wholeSeries), "\(name) needs its whole series") }
            if d.kind == .time { XCTAssertGreaterThanOrEqual(d.arity.lowerBound, 1, "\(name) takes the measure first") }
        }
    }

    /// Each definition's example is a step that binds: checked against a table with the columns the examples name.
    func testEveryExampleBinds() throws {
        let n = 2
        let numbers = ["value_usd", "value", "arrivals", "change", "revised", "estimate", "plan"]
        let texts = ["partner", "flow", "product", "hs_code", "province"]
        var columns: [Column] = [T.months(["2024-01", "2024-02"])]
        columns += numbers.map { Column.floats($0, [Double?](repeating: 1, count: n)) }
        columns += texts.map { Column.texts($0, [String?](repeating: "a", count: n)) }
        columns += ["year", "month", "quarter"].map { Column.ints($0, [Int64?](repeating: 1, count: n)) }
        var yearly = columns
        yearly[0] = T.years([2015, 2016])
        let engine = QueryEngine(provider: InMemoryProvider(["monthly": T.table(columns), "yearly": T.table(yearly)]))
        for d in FunctionCatalog.all {
            // month(date) needs days: the month of a monthly period is the period itself, so ask for its year.
            let step = d.example.replacingOccurrences(of: "month(date)", with: "year(period)")
            let binds = ["monthly", "yearly"].contains { table in
                (try? engine.check(SourceFile(name: "q.aq", text: "from \(table) | " + step))) != nil
            }
            XCTAssertTrue(binds, "\(d.id)'s example binds on a monthly or a yearly table: \(d.example)")
        }
    }
}
