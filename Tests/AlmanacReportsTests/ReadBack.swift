import Foundation
import XCTest
import AlmanacTestSupport

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
        let fill_color: String?
    }
    struct Cell: Decodable {
        let value: JSONValue
        let type: String
        let number_format: String
        let formula: String?
        let bold: Bool
        let wrap: Bool
        /// The cell's note (comment), if any.
        let comment: String?
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
            try ChildProcess.output("/usr/bin/env", ["python3", "-c", "import openpyxl"])
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
        let data = try ChildProcess.output("/usr/bin/env", ["python3"] + args + [url.path])
        return try JSONDecoder().decode(ReadBook.self, from: data)
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
