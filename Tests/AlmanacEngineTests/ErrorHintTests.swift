import AlmanacDiagnostics
import Foundation
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// Issue 3: every error names line and column, shows the line with a caret under the span, and gives a hint.
final class ErrorHintTests: XCTestCase {
    /// Queries an audit found answered without a hint (and a few neighbours), over the fixture tables.
    static let badQueries = [
        "from monthly\nderive x = if(value > 1, \"a\", 2)",
        "from monthly\nwhere not value",
        "from monthly\nwhere value and true",
        "from monthly\nwhere province or true",
        "from monthly\nderive x = lower(value)",
        "from monthly\nwhere contains(value, \"a\")",
        "from monthly\nwhere contains(province, province)",
        "from monthly\naggregate a = avg(province)",
        "from monthly\naggregate a = median(province)",
        "from monthly\naggregate a = cagr(province)",
        "from monthly\naggregate x = value by province",
        "from monthly\naggregate x = min(null)",
        "from monthly\nderive r = rolling(value, 0)",
        "from monthly\nderive r = lag(value, 1.5)",
        "from monthly\nderive r = index(value, province)",
        "from monthly\nderive r = round(value, value)",
        "from monthly\nderive r = -province",
        "from monthly\nderive r = period + 1.5",
        "from monthly\nderive r = year(year(period)) + month(year(period))",
        "from monthly\nwhere value = \"x\"",
        "from monthly\nwhere province in (value)",
        "from monthly\nwhere period in 2024..2023",
        "from monthly\ncompare 2024..2023 vs 2024..2024",
        "from trade\nsort value_usd up",
        "from trade\nsort value_usd descending",
        "from monthly\nwhere province in ()",
        "from monthly\nwhere province = \"a\" 😀",
        "from monthly\nwhere province \u{200B}= \"a\"",
        "from monthly\nwhere province ＝ \"a\"",
        "from monthly\nwhere province = “a”",
        "from monthly\nwhere value > 1 )",
        "from monthly\nderive `` = 1",
        "from monthly\nderive x = 1e999",
        "from monthly\nselect province, province",
        "from monthly\ntake 99999999999",
        "from monthly\nwhere provnce = \"a\"",
        "from monthly\nderive g = yoy(province)",
        "from monthly\nderive x = ym(2024, 13)",
        "from monthly\nderive x = period(\"2024-13\")",
        "from monthly\nwhere period = 2024-13",
    ]

    func testEveryBadQueryHasACaretAndAHint() {
        for q in Self.badQueries {
            guard let text = Fixtures.engine().errorText(q) else {
                XCTFail("no error for: \(q.replacingOccurrences(of: "\n", with: " | "))")
                continue
            }
            Self.assertLocatedWithHint(text, query: q)
        }
    }

    func testSelectedHints() {
        let cases: [(String, String)] = [
            ("from trade\nsort value_usd up", "did you mean asc? (sort value asc)"),
            ("from monthly\nwhere province ＝ \"a\"", "U+FF1D FULLWIDTH EQUALS SIGN: type '=' instead"),
            ("from monthly\nwhere province \u{200B}= \"a\"", "U+200B ZERO WIDTH SPACE is invisible"),
            ("from monthly\naggregate x = value by province", "wrap it: sum(value), or add it to the keys: by …, value"),
            ("from monthly\nwhere province in ()", "in (\"Hà Giang\", \"Cao Bằng\")"),
            ("from monthly\naggregate a = avg(province)", "count(x) counts the values"),
        ]
        for (q, hint) in cases {
            let text = Fixtures.engine().errorText(q) ?? ""
            XCTAssertTrue(text.contains(hint), "\(q)\n\(text)")
        }
    }

    /// The golden error files hold every error class: each of their errors must be located and hinted too.
    func testEveryGoldenErrorHasACaretAndAHint() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("Tests")
        var checked = 0
        for folder in ["AlmanacSyntaxTests/Queries/syntax", "AlmanacEngineTests/Queries/steps"] {
            let dir = root.appendingPathComponent(folder)
            for url in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil) where url.pathExtension == "err" {
                Self.assertLocatedWithHint(try String(contentsOf: url, encoding: .utf8), query: url.lastPathComponent)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// Each `error:` block of a rendering has a `--> file:line:column` line, a caret line and a `= hint:` line.
    static func assertLocatedWithHint(_ text: String, query: String, file: StaticString = #filePath, line: UInt = #line) {
        var blocks: [[String]] = []
        for l in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if l.hasPrefix("error:") || l.hasPrefix("warning:") || l.hasPrefix("note:") { blocks.append([l]) } else if !blocks.isEmpty { blocks[blocks.count - 1].append(l) }
        }
        let errors = blocks.filter { $0[0].hasPrefix("error:") }
        XCTAssertFalse(errors.isEmpty, "no error in:\n\(text)", file: file, line: line)
        for b in errors {
            let located = b.contains { $0.range(of: #"^ *--> .+:\d+:\d+$"#, options: .regularExpression) != nil }
            let caret = b.contains { $0.range(of: #"^ *\| *\^"#, options: .regularExpression) != nil }
            let hint = b.contains { $0.range(of: #"^ *= hint: "#, options: .regularExpression) != nil }
            // An empty query has nothing to point at.
            if b[0] == "error: the query is empty" { XCTAssertTrue(hint, file: file, line: line); continue }
            XCTAssertTrue(located && caret && hint, "\(query): error without \(located ? "" : "position ")\(caret ? "" : "caret ")\(hint ? "" : "hint"):\n\(b.joined(separator: "\n"))", file: file, line: line)
        }
    }
}
