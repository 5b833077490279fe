import Foundation
import XCTest
import AlmanacTestSupport
@testable import AlmanacXLSX

/// Reads parts of a written `.xlsx` back, with `unzip -p` (or Python's zipfile
/// when unzip is missing), and offers a minimal cell view of worksheet XML.
struct XLSXPackage {
    let url: URL

    /// The text of one part, e.g. `xl/worksheets/sheet1.xml`.
    func part(_ name: String) throws -> String {
        let data: Data
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            data = try run("/usr/bin/unzip", ["-p", url.path, name])
        } else {
            data = try run("/usr/bin/env", ["python3", "-c",
                "import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
                url.path, name])
        }
        guard let text = String(data: data, encoding: .utf8), !text.isEmpty else {
            throw ReadBackError("part \(name) is missing or empty in \(url.lastPathComponent)")
        }
        return text
    }

    /// Names of all parts in the package.
    func partNames() throws -> [String] {
        let data: Data
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            data = try run("/usr/bin/unzip", ["-Z1", url.path])
        } else {
            data = try run("/usr/bin/env", ["python3", "-c",
                "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", url.path])
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Cells of a worksheet part keyed by reference ("A1"), with shared strings resolved.
    func cells(sheet: Int = 1) throws -> [String: XMLCell] {
        let xml = try part("xl/worksheets/sheet\(sheet).xml")
        let shared = (try? part("xl/sharedStrings.xml")).map(Self.sharedStrings) ?? []
        var result: [String: XMLCell] = [:]
        for match in matches(#"<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)"#, in: xml) {
            let ref = match[1]!, attributes = match[2] ?? "", body = match[3] ?? ""
            let type = firstMatch(#"\bt="([^"]*)""#, in: attributes)
            let style = firstMatch(#"\bs="([^"]*)""#, in: attributes).flatMap { Int($0) }
            let formula = firstMatch(#"<f>(.*?)</f>"#, in: body).map(unescapeXML)
            let value = firstMatch(#"<v>(.*?)</v>"#, in: body).map(unescapeXML)
            var text: String?
            if type == "s", let index = value.flatMap({ Int($0) }), index < shared.count { text = shared[index] }
            if type == "inlineStr" { text = firstMatch(#"<is><t[^>]*>(.*?)</t></is>"#, in: body).map(unescapeXML) }
            if type == "str" { text = value }
            result[ref] = XMLCell(ref: ref, type: type, style: style, value: value, formula: formula, text: text)
        }
        return result
    }

    static func sharedStrings(_ xml: String) -> [String] {
        matches(#"<si>(.*?)</si>"#, in: xml).map { si in
            matches(#"<t[^>]*>(.*?)</t>"#, in: si[1] ?? "").compactMap { $0[1] }.map(unescapeXML).joined()
        }
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> Data {
        try ChildProcess.output(tool, arguments, timeout: 60)
    }
}

/// One `<c>` element.
struct XMLCell {
    let ref: String
    let type: String?
    let style: Int?
    let value: String?
    let formula: String?
    /// Resolved text for string cells (shared, inline or formula-string).
    let text: String?
}

struct ReadBackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// All matches of `pattern` (dot matches newlines); each match is [whole, group1, …].
func matches(_ pattern: String, in text: String) -> [[String?]] {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
        (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
    }
}

/// The first capture group of the first match.
func firstMatch(_ pattern: String, in text: String) -> String? {
    matches(pattern, in: text).first.flatMap { $0.count > 1 ? $0[1] : nil }
}

func unescapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&apos;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// A fresh temporary folder per test, removed afterwards.
class XLSXTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("almanac-xlsx-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func file(_ name: String = "book.xlsx") -> URL { folder.appendingPathComponent(name) }

    /// Asserts that `body` throws exactly the XLSXError `expected`.
    func assertThrows(_ expected: XLSXError, file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws -> Void) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? XLSXError, expected, file: file, line: line)
        }
    }

    /// Names of the files in the test folder (to spot stray temporary files).
    func folderContents(_ url: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (url ?? folder).path).sorted()
    }
}
