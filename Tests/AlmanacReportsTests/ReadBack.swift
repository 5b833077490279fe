import Foundation
import XCTest

/// Runs a tool and returns its standard output; throws with its standard error on failure.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    final class Box: @unchecked Sendable { var data = Data() }
    let errors = Box()
    let group = DispatchGroup()
    group.enter()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        errors.data = errHandle.readDataToEndOfFile()
        group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolError(description: "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): "
                        + String(decoding: errors.data, as: UTF8.self))
    }
    return output
}

struct ToolError: Error, CustomStringConvertible { var description: String }

/// The package root (where Package.swift is).
let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}()

// MARK: - openpyxl

/// One workbook as `scripts/xlsx_readback.py` reports it.
struct ReadBook: Decodable {
    struct Properties: Decodable {
        let title: String?
        let subject: String?
        let creator: String?
        let keywords: String?
        let description: String?
        let created: String?
    }
    struct Chart: Decodable {
        struct Series: Decodable {
            let name: String?
            let values: String?
            let categories: String?
        }
        let type: String
        let title: String?
        let bar_direction: String?
        let grouping: String?
        let x_axis_title: String?
        let y_axis_title: String?
        let series: [Series]
        let anchor: [String: Int]?
    }
    struct Conditional: Decodable {
        let range: String
        let type: String?
        let `operator`: String?
        let formula: [String]
        let font_color: String?
    }
    struct Cell: Decodable {
        let value: JSONValue
        let type: String
        let number_format: String
        let formula: String?
        let bold: Bool
        let wrap: Bool
    }
    struct Sheet: Decodable {
        let name: String
        let index: Int
        let max_row: Int
        let max_column: Int
        let freeze_panes: String?
        let auto_filter: String?
        let column_widths: [String: Double]
        let row_heights: [String: Double]
        let charts: [Chart]
        let conditional_formats: [Conditional]
        let merged: [String]
        let cells: [String: Cell]

        subscript(_ ref: String) -> Cell? { cells[ref] }
    }
    let file: String
    let properties: Properties
    let sheets: [Sheet]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }
}

/// A JSON scalar.
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    var number: Double? { if case .number(let d) = self { return d } else { return nil } }
    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

enum OpenPyXL {
    static let script = packageRoot.appendingPathComponent("scripts/xlsx_readback.py").path

    /// Fails the test with a clear message unless python3 with openpyxl is installed.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws {
        do {
            try runTool("/usr/bin/env", ["python3", "-c", "import openpyxl"])
        } catch {
            XCTFail("python3 with openpyxl is required for the read-back tests (CI installs scripts/requirements.txt): \(error)",
                    file: file, line: line)
            throw error
        }
    }

    static func read(_ url: URL, maxRows: Int? = nil) throws -> ReadBook {
        try require()
        var args = [script]
        if let maxRows { args += ["--max-rows", String(maxRows)] }
        let data = try runTool("/usr/bin/env", ["python3"] + args + [url.path])
        return try JSONDecoder().decode(ReadBook.self, from: data)
    }
}

// MARK: - LibreOffice

/// LibreOffice headless: converts every sheet of each workbook to CSV after recalculating all formulas.
enum LibreOffice {
    static let candidates = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]

    static func executable(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        let message = "LibreOffice is required for the read-back tests (CI installs libreoffice-calc-nogui); looked for " + candidates.joined(separator: ", ")
        XCTFail(message, file: file, line: line)
        throw ToolError(description: message)
    }

    /// A private user profile that makes LibreOffice recalculate every formula of an .xlsx on load
    /// (instead of trusting cached values), so converted cells show LibreOffice's own results.
    static func profile(in folder: URL) throws -> URL {
        let profile = folder.appendingPathComponent("lo-profile", isDirectory: true)
        let user = profile.appendingPathComponent("user", isDirectory: true)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        let xcu = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """
        try Data(xcu.utf8).write(to: user.appendingPathComponent("registrymodifications.xcu"))
        return profile
    }

    /// Converts `files` in one LibreOffice run; returns, per file, its sheets' CSV rows by sheet name.
    static func convert(_ files: [URL], in folder: URL) throws -> [URL: [String: [[String]]]] {
        let soffice = try executable()
        let out = folder.appendingPathComponent("lo-csv-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let profile = try profile(in: folder)
        try runTool(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                              "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1",
                              "--outdir", out.path] + files.map(\.path))
        var result: [URL: [String: [[String]]]] = [:]
        let produced = try FileManager.default.contentsOfDirectory(atPath: out.path)
        for file in files {
            let stem = file.deletingPathExtension().lastPathComponent
            var sheets: [String: [[String]]] = [:]
            for name in produced where name.hasPrefix(stem + "-") && name.hasSuffix(".csv") {
                let sheet = String(name.dropFirst(stem.count + 1).dropLast(4))
                let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
                sheets[sheet.precomposedStringWithCanonicalMapping] = CSV.parse(text)
            }
            result[file] = sheets
        }
        return result
    }
}

/// A small RFC 4180 reader for LibreOffice's output.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// A fresh folder per test, removed afterwards.
class ReportsTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-reports-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder, ProcessInfo.processInfo.environment["ALMANAC_KEEP_TEST_FILES"] == nil {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    func file(_ name: String = "book.xlsx") -> URL { folder.appendingPathComponent(name) }

    func folderContents(_ url: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (url ?? folder).path).sorted()
    }
}

/// The exact Unicode scalars of a string (Swift's `==` treats NFC and NFD as equal; this does not).
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

func isNFC(_ s: String) -> Bool { scalars(s) == scalars(s.precomposedStringWithCanonicalMapping) }

/// The row number of an A1 reference ("C12" → 12).
func rowOf(_ ref: String) -> Int { Int(ref.drop { $0.isLetter }) ?? 0 }

/// The column letters of an A1 reference ("C12" → "C").
func columnOf(_ ref: String) -> String { String(ref.prefix { $0.isLetter }) }

/// libxlsxwriter stores numbers with 16 significant digits ("%.16G"), so a read-back double may differ
/// from the written one in the last binary digit; compare within 1e-15 relative.
func XCTAssertClose(_ actual: Double?, _ expected: Double, relative: Double = 1e-15, _ message: String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else { return XCTFail("nil is not \(expected) \(message)", file: file, line: line) }
    XCTAssertLessThanOrEqual(abs(actual - expected), relative * max(abs(expected), 1e-300),
                             "\(actual) is not \(expected) \(message)", file: file, line: line)
}
