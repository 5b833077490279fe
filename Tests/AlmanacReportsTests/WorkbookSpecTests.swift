import Foundation
import XCTest
import AlmanacTestSupport
import AlmanacCore
@testable import AlmanacReports

final class WorkbookSpecTests: ReportsTestCase {
    static let example = """
    title = "Báo cáo tháng: kinh tế đối ngoại"
    output = "out/bao-cao-thang-{period}.xlsx"
    [params]
    period = { type = "month", default = "2024-10" }
    province = { type = "text", default = "Hà Giang" }
    [[sheets]]
    name = "Xuất nhập khẩu"
    query = "Queries/trade-month.aq"        # or inline
    formulas = true
    periods = "date"
    [sheets.labels]
    value = "Kim ngạch (USD)"
    [sheets.formats]
    growth = "percent"
    [sheets.chart]
    type = "line"
    x = "period"
    y = ["value"]
    title = "Kim ngạch 24 tháng gần nhất"
    [sheets.conditional]
    negative_red = ["growth"]
    [[sheets]]
    name = "Du lịch"
    query = \"\"\"
    from tourism
    | where province = {province}
    \"\"\"
    periods = "text"
    title = "Khách du lịch"
    [[sheets]]
    name = "An Giang"
    query = "from aid | take 5"
    """

    /// Writes a project (Workbooks/, Queries/) and returns the workbook file's path.
    func project(_ toml: String, name: String = "bao-cao.toml") throws -> String {
        let workbooks = folder.appendingPathComponent("Workbooks", isDirectory: true)
        let queries = folder.appendingPathComponent("Queries", isDirectory: true)
        try FileManager.default.createDirectory(at: workbooks, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: queries, withIntermediateDirectories: true)
        try Data("from trade\n| where flow = \"export\"\n".utf8).write(to: queries.appendingPathComponent("trade-month.aq"))
        let path = workbooks.appendingPathComponent(name).path
        try Data(toml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func specError(_ toml: String, file: StaticString = #filePath, line: UInt = #line) throws -> WorkbookSpecError {
        let path = try project(toml)
        do {
            _ = try WorkbookSpec.load(file: path)
        } catch let e as WorkbookSpecError {
            XCTAssertEqual(e.file, path, file: file, line: line)
            return e
        }
        XCTFail("no error for:\n\(toml)", file: file, line: line)
        throw ChildProcessFailure("no error")
    }

    func testNamesExcelCannotTakeAreDerivedAndTheSheetSaysWhy() throws {
        let toml = """
        [[sheets]]
        name = "Xuất/nhập"
        query = "from t"
        [[sheets]]
        name = "Xuất:nhập"
        query = "from t"
        [[sheets]]
        name = "Kim ngạch xuất nhập khẩu theo cửa khẩu và đối tác"
        query = "from t"
        [[sheets]]
        name = "'Du lịch'"
        query = "from t"

        """
        let spec = try WorkbookSpec.load(file: try project(toml))
        XCTAssertEqual(spec.sheets.map(\.name), ["Xuất_nhập", "Xuất_nhập (2)", "Kim ngạch xuất nhập khẩu theo c", "Du lịch"])
        XCTAssertEqual(spec.sheets.map { $0.renamed?.declared }, ["Xuất/nhập", "Xuất:nhập", "Kim ngạch xuất nhập khẩu theo cửa khẩu và đối tác", "'Du lịch'"])
        XCTAssertTrue(spec.sheets[0].renamed!.problem.contains("contains '/'"), "\(spec.sheets[0].renamed!)")
        XCTAssertTrue(spec.sheets[1].renamed!.changes.contains("already used"), "\(spec.sheets[1].renamed!)")
        XCTAssertTrue(spec.sheets[2].renamed!.changes.contains("shortened to 31"), "\(spec.sheets[2].renamed!)")
        XCTAssertTrue(spec.sheets[3].renamed!.changes.contains("apostrophes"), "\(spec.sheets[3].renamed!)")
        // A valid name is kept as written.
        XCTAssertNil(try WorkbookSpec.load(file: try project("[[sheets]]\nname = \"Du lịch\"\nquery = \"from t\"\n")).sheets[0].renamed)
    }

    func testParsesTheDocumentedExampleKeepingSheetOrder() throws {
        let path = try project(Self.example)
        let spec = try WorkbookSpec.load(file: path)
        XCTAssertEqual(spec.title, "Báo cáo tháng: kinh tế đối ngoại")
        XCTAssertEqual(spec.output, "out/bao-cao-thang-{period}.xlsx")
        XCTAssertEqual(URL(fileURLWithPath: spec.projectDirectory).standardizedFileURL, folder.standardizedFileURL)
        XCTAssertEqual(spec.parameters.map(\.name).sorted(), ["period", "province"])
        let period = try XCTUnwrap(spec.parameters.first { $0.name == "period" })
        XCTAssertEqual(period.type, .month)
        XCTAssertEqual(period.defaultValue, "2024-10")
        XCTAssertEqual(spec.parameters.first { $0.name == "province" }?.defaultValue, "Hà Giang")

        XCTAssertEqual(spec.sheets.map(\.name), ["Xuất nhập khẩu", "Du lịch", "An Giang"], "file order, not alphabetical")
        XCTAssertEqual(spec.sheets.map(\.index), [1, 2, 3])
        let trade = spec.sheets[0]
        XCTAssertTrue(trade.query.isFile)
        XCTAssertEqual(trade.query.name, "Queries/trade-month.aq")
        XCTAssertEqual(trade.query.text, "from trade\n| where flow = \"export\"\n")
        XCTAssertTrue(trade.options.formulas)
        XCTAssertEqual(trade.options.periods, .date)
        XCTAssertEqual(trade.options.labels, ["value": "Kim ngạch (USD)"])
        XCTAssertEqual(trade.options.formats, ["growth": .percent])
        XCTAssertEqual(trade.options.chart, ReportChart(kind: .line, x: "period", y: ["value"], title: "Kim ngạch 24 tháng gần nhất"))
        XCTAssertEqual(trade.options.highlights, ColumnHighlights(negativeRed: ["growth"]))
        XCTAssertNil(trade.options.title)

        let tourism = spec.sheets[1]
        XCTAssertFalse(tourism.query.isFile)
        XCTAssertEqual(tourism.query.text, "from tourism\n| where province = {province}\n")
        XCTAssertEqual(tourism.query.name, "\(path), sheet 2 \"Du lịch\"")
        XCTAssertEqual(tourism.options.periods, .text)
        XCTAssertEqual(tourism.options.title, "Khách du lịch")
        XCTAssertFalse(tourism.options.formulas)
        XCTAssertEqual(spec.sheets[2].query.text, "from aid | take 5")
    }

    func testProjectDirectoryIsTheParentOfWorkbooks() {
        XCTAssertEqual(WorkbookSpec.projectDirectory(for: "/p/Workbooks/a.toml"), "/p")
        XCTAssertEqual(WorkbookSpec.projectDirectory(for: "Workbooks/a.toml"), ".")
        XCTAssertEqual(WorkbookSpec.projectDirectory(for: "/p/reports/a.toml"), "/p/reports")
        XCTAssertEqual(WorkbookSpec.projectDirectory(for: "a.toml"), ".")
    }

    func testErrorsNameTheFileTheSheetAndTheField() throws {
        let sheets = """
        [[sheets]]
        name = "Xuất nhập khẩu"
        query = "from trade"
        [[sheets]]
        name = "Tổng hợp"
        query = "from aid"

        """
        // (toml, sheet index, sheet name, field, message fragment, hint fragment)
        let cases: [(String, Int?, String?, String?, String, String?)] = [
            ("tittle = \"x\"\n" + sheets, nil, nil, "tittle", "unknown key", "did you mean 'title'?"),
            (sheets + "formula = true\n", 2, "Tổng hợp", "formula", "unknown key", "did you mean 'formulas'?"),
            (sheets + "formulas = \"yes\"\n", 2, "Tổng hợp", "formulas", "expected true or false, found string", nil),
            (sheets + "periods = \"dates\"\n", 2, "Tổng hợp", "periods", "'dates' is not a period style", "\"date\""),
            (sheets + "[sheets.chart]\ntype = \"lines\"\nx = \"period\"\ny = \"value\"\n", 2, "Tổng hợp", "chart.type",
             "'lines' is not a chart type", "did you mean 'line'?"),
            (sheets + "[sheets.chart]\ntype = \"pie\"\nx = \"period\"\ny = \"value\"\n", 2, "Tổng hợp", "chart.type",
             "'pie' is not a chart type", "line, column, stacked_column, bar, stacked_bar"),
            (sheets + "[sheets.chart]\ny = [\"value\"]\n", 2, "Tổng hợp", "chart.x", "missing", nil),
            (sheets + "[sheets.chart]\nx = \"period\"\ny = [\"value\"]\ntilte = \"T\"\n", 2, "Tổng hợp", "chart.tilte", "unknown key",
             "did you mean 'chart.title'?"),
            (sheets + "[sheets.chart]\nx = \"period\"\ny = [1, 2]\n", 2, "Tổng hợp", "chart.y", "found a int", nil),
            (sheets + "[sheets.formats]\ngrowth = \"percnt\"\n", 2, "Tổng hợp", "formats.growth",
             "neither a format keyword nor an Excel format code", "did you mean 'percent'?"),
            (sheets + "[sheets.conditional]\nnegative = [\"growth\"]\n", 2, "Tổng hợp", "conditional.negative", "unknown key",
             "conditional.negative_red"),
            (sheets + "labels = \"x\"\n", 2, "Tổng hợp", "labels", "expected a table, found string", nil),
            ("[params]\nperiod = { type = \"monht\" }\n" + sheets, nil, nil, "params.period.type", "'monht' is not a parameter type",
             "did you mean 'month'?"),
            ("[params]\nperiod = { type = \"month\", default = \"2024-13\" }\n" + sheets, nil, nil, "params.period.default",
             "month 13 does not exist", nil),
            ("[params]\nperiod = { type = \"month\", default = \"2024\" }\n" + sheets, nil, nil, "params.period.default",
             "'2024' is a year, not a month", nil),
            ("[params]\nperiod = \"2024-10\"\n" + sheets, nil, nil, "params.period", "expected { type", nil),
            ("output = \"out/x-{perod}.xlsx\"\n[params]\nperiod = { type = \"month\" }\n" + sheets, nil, nil, "output",
             "'{perod}' is not a parameter", "did you mean '{period}'?"),
            ("title = \"Báo cáo tháng {perod}\"\n[params]\nperiod = { type = \"month\" }\n" + sheets, nil, nil, "title",
             "'{perod}' is not a parameter of this workbook", "did you mean '{period}'?"),
            ("title = \"Báo cáo tháng {period}\"\n" + sheets, nil, nil, "title", "'{period}' is not a parameter", "declare it under [params]"),
            ("[params]\nperiod = { type = \"month\" }\n" + sheets + "title = \"Tổng hợp quý {quarter}\"\n", 2, "Tổng hợp", "title",
             "'{quarter}' is not a parameter of this workbook", "parameters: period"),
            ("[params]\nperiod = { type = \"month\" }\n" + sheets + "title = \"Tổng hợp {Period}\"\n", 2, "Tổng hợp", "title",
             "'{Period}' is not a parameter", "did you mean '{period}'?"),
            (sheets + "[[sheets]]\nname = \"tổng HỢP\"\nquery = \"from t\"\n", 3, "tổng HỢP", "name", "sheet 2 already has this name", nil),
            ("[[sheets]]\nname = \"Ghi chú\"\nquery = \"from t\"\n", 1, "Ghi chú", "name", "reserved for the Notes sheet", nil),
            ("[[sheets]]\nname = \"X\"\nquery = \"Queries/missing.aq\"\n", 1, "X", "query", "no such query file", "relative to the project folder"),
            ("[[sheets]]\nname = \"X\"\n", 1, "X", "query", "missing", nil),
            ("[[sheets]]\nquery = \"from t\"\n", 1, nil, "name", "missing", nil),
            ("title = \"x\"\n", nil, nil, "sheets", "at least one [[sheets]]", nil),
            ("sheets = \"x\"\n", nil, nil, "sheets", "expected an array of tables", nil),
            ("title = \"x\n", nil, nil, nil, "line 1", nil),
        ]
        for (toml, index, name, field, message, hint) in cases {
            let e = try specError(toml)
            let context = "\(toml)\n→ \(e)"
            XCTAssertEqual(e.sheetIndex, index, context)
            XCTAssertEqual(e.sheetName, name, context)
            XCTAssertEqual(e.field, field, context)
            XCTAssertTrue(e.message.contains(message), context)
            if let hint { XCTAssertTrue(e.hint?.contains(hint) ?? false, context) }
        }
    }

    func testErrorDescriptionReadsNaturally() {
        let e = WorkbookSpecError(file: "Workbooks/thang.toml", sheetIndex: 2, sheetName: "Du lịch", field: "chart.y",
                                  message: "column 'valeu' is not in the result", hint: "did you mean 'value'?")
        XCTAssertEqual(e.description, """
        Workbooks/thang.toml: sheet 2 "Du lịch", field 'chart.y': column 'valeu' is not in the result
          hint: did you mean 'value'?
        """)
        XCTAssertEqual(WorkbookSpecError(file: "w.toml", field: "output", message: "m").description, "w.toml: field 'output': m")
    }

    func testParameterOverridesAreCheckedAndCanonicalised() throws {
        let spec = try WorkbookSpec.load(file: try project("""
        output = "out/{province}-{period}-{quarter}.xlsx"
        [params]
        period = { type = "month", default = "2024-10" }
        quarter = { type = "quarter", default = "Q3/2024" }
        year = { type = "year", default = 2023 }
        day = { type = "day" }
        province = { type = "text", default = "Hà Giang" }
        threshold = { type = "number", default = 1.5 }
        [[sheets]]
        name = "S"
        query = "from t"
        """))
        XCTAssertEqual(spec.parameters.first { $0.name == "quarter" }?.defaultValue, "2024-Q3")
        XCTAssertEqual(spec.parameters.first { $0.name == "year" }?.defaultValue, "2023")
        XCTAssertEqual(spec.parameters.first { $0.name == "threshold" }?.defaultValue, "1.5")

        let values = try spec.resolveParameters(["period": "Tháng 3/2024", "day": "15/10/2024", "province": "Ha\u{0300} Giang"])
        let dict = Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value) })
        XCTAssertEqual(dict["period"], "2024-03")
        XCTAssertEqual(dict["day"], "2024-10-15")
        XCTAssertEqual(scalars(dict["province"]!), scalars("Hà Giang".precomposedStringWithCanonicalMapping))
        XCTAssertEqual(dict["year"], "2023")

        XCTAssertThrowsError(try spec.resolveParameters(["perod": "2024-01", "day": "2024-01-01"])) { error in
            let e = error as! WorkbookSpecError
            XCTAssertEqual(e.field, "params")
            XCTAssertEqual(e.message, "unknown parameter 'perod'")
            XCTAssertEqual(e.hint, "did you mean 'period'?")
        }
        XCTAssertNoThrow(try spec.resolveParameters(["perod": "x", "day": "2024-01-01"], ignoreUnknown: true))
        XCTAssertThrowsError(try spec.resolveParameters(["period": "2024-Q1", "day": "2024-01-01"])) { error in
            let e = error as! WorkbookSpecError
            XCTAssertEqual(e.field, "params.period")
            XCTAssertTrue(e.message.contains("is a quarter, not a month"), e.message)
        }
        XCTAssertThrowsError(try spec.resolveParameters([:])) { error in
            XCTAssertEqual((error as! WorkbookSpecError).field, "params.day", "no default and none given")
        }
        XCTAssertThrowsError(try spec.resolveParameters(["day": "2024-01-01", "threshold": "nhiều"]))
    }

    func testOutputPathIsSubstitutedWithFileNameSafeValues() throws {
        let spec = try WorkbookSpec.load(file: try project("""
        output = "out/bao-cao-{province}-{period}.xlsx"
        [params]
        period = { type = "month", default = "2024-10" }
        province = { type = "text", default = "Hà Giang" }
        [[sheets]]
        name = "S"
        query = "from t"
        """))
        let url = spec.outputURL(parameters: try spec.resolveParameters(["province": "Hà Giang/Lào Cai: *\"2\"* ", "period": "10/2024"]))
        XCTAssertEqual(url.deletingLastPathComponent().standardizedFileURL.path, folder.appendingPathComponent("out").standardizedFileURL.path)
        XCTAssertEqual(url.lastPathComponent, "bao-cao-Hà Giang-Lào Cai- --2---2024-10.xlsx")
        XCTAssertEqual(OutputTemplate.sanitize("../.."), "-", "no parent-folder escapes")
        XCTAssertEqual(OutputTemplate.sanitize(" . "), "_")
        XCTAssertEqual(OutputTemplate.placeholders(in: "a{x}b{y}c{"), ["x", "y"])

        let defaulted = try WorkbookSpec.parse("[[sheets]]\nname = \"S\"\nquery = \"from t\"\n", file: "/p/Workbooks/thang.toml", projectDirectory: "/p")
        XCTAssertEqual(defaulted.outputURL(parameters: []).path, "/p/out/thang.xlsx")
    }
}
