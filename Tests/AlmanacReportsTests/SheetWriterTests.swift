import Foundation
import XCTest
import AlmanacTestSupport
import AlmanacCore
import AlmanacXLSX
@testable import AlmanacReports

/// Writes tables with SheetWriter and reads them back with openpyxl.
final class SheetWriterTests: ReportsTestCase {
    @discardableResult
    func write(_ sheets: [(String, Table, SheetOptions)], to url: URL? = nil, constantMemory: Bool = false) throws -> [WrittenSheet] {
        try XLSXWorkbook.write(to: url ?? file(), options: .init(constantMemory: constantMemory, syncBeforeRename: false)) { wb in
            let writer = SheetWriter(workbook: wb)
            return try sheets.map { try writer.write($0.1, name: $0.0, options: $0.2) }
        }
    }

    func testTradeSheetValuesTypesFormatsAndLayout() throws {
        let (table, hints) = Fixtures.tradeMonths()
        let written = try write([("Xuất nhập khẩu", table, SheetOptions(formulas: true, formulaHints: hints))])[0]
        XCTAssertEqual(written.rows, 21)
        XCTAssertEqual(written.columns, 9)
        XCTAssertEqual(written.headerRow, 0)
        XCTAssertEqual(written.lastRow, 21)

        let book = try OpenPyXL.read(file())
        XCTAssertEqual(book.sheets.map(\.name), ["Xuất nhập khẩu"])
        XCTAssertEqual(scalars(book.sheets[0].name), scalars("Xuất nhập khẩu".precomposedStringWithCanonicalMapping))
        let s = try XCTUnwrap(book.sheet("Xuất nhập khẩu"))

        // Header: labels from ColumnMeta, else the name; bold; frozen; filtered.
        let headers = ["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "I1"].map { s[$0]?.value.string }
        XCTAssertEqual(headers, ["Kỳ", "Tỉnh", "Kim ngạch (USD)", "Kim ngạch (tỷ đồng)", "Đoàn", "Tăng trưởng so với cùng kỳ",
                                 "Thay đổi so với tháng trước", "per_delegation", "note"])
        for h in headers { XCTAssertTrue(isNFC(h!), "header not NFC: \(h!)") }
        XCTAssertEqual(s["A1"]?.bold, true)
        XCTAssertEqual(s.freeze_panes, "A2")
        XCTAssertEqual(s.auto_filter, "A1:I22")
        XCTAssertEqual(s.max_row, 22)

        // Months are real dates (first day) shown mm/yyyy; the gap (no 2023-06) stays a gap.
        XCTAssertEqual(s["A2"]?.value.string, "2023-01-01T00:00:00")
        XCTAssertEqual(s["A2"]?.type, "datetime")
        XCTAssertEqual(s["A2"]?.number_format, "mm/yyyy")
        XCTAssertEqual(s["A6"]?.value.string, "2023-05-01T00:00:00")
        XCTAssertEqual(s["A7"]?.value.string, "2023-07-01T00:00:00")
        XCTAssertEqual(s["A22"]?.value.string, "2024-10-01T00:00:00")

        // Text: NFC even when the input was decomposed; formula-looking text stays text.
        for r in 2...22 {
            let v = try XCTUnwrap(s["B\(r)"]?.value.string)
            XCTAssertEqual(scalars(v), scalars("Hà Giang".precomposedStringWithCanonicalMapping), "B\(r)")
            XCTAssertEqual(s["B\(r)"]?.type, "str")
        }
        XCTAssertEqual(s["I2"]?.value.string, "=SUM(A1:A3)")
        XCTAssertEqual(s["I2"]?.type, "str")
        XCTAssertNil(s["I2"]?.formula)
        XCTAssertEqual(s["I3"]?.value.string, "+84 912 345 678")
        XCTAssertEqual(s["I4"]?.value.string, "@tỉnh")
        XCTAssertNil(s["I6"], "null text is an empty cell")

        // Numbers with formats from the unit: USD ≥ 1000 → #,##0; billion VND mostly < 1000 with fractions → #,##0.0;
        // counts #,##0; ratio unit → 0.0%; a ratio of two amounts with long fractions → two decimals.
        XCTAssertEqual(s["C3"]?.value.number, 12_250_000.5)
        XCTAssertEqual(s["C3"]?.number_format, "#,##0")
        XCTAssertEqual(s["D3"]?.number_format, "#,##0.0")
        XCTAssertEqual(s["D3"]?.value.number, 317.3)
        XCTAssertEqual(s["E3"]?.number_format, "#,##0")
        XCTAssertEqual(s["E3"]?.value.number, 4)
        XCTAssertEqual(s["F13"]?.number_format, "0.0%")
        XCTAssertEqual(s["H3"]?.number_format, "#,##0.00")
        XCTAssertEqual(s["G3"]?.number_format, "#,##0")

        // Nulls are empty cells.
        XCTAssertNil(s["C9"], "value is null in 2023-09")
        XCTAssertNil(s["D9"])
        XCTAssertNil(s["F2"], "no year-earlier month")
        XCTAssertNil(s["G2"], "no previous row")

        // Widths fitted: every column set, at least as wide as its header (+ filter button).
        for (i, h) in headers.enumerated() {
            let letter = CellReference.columnLetters(i)
            let width = try XCTUnwrap(s.column_widths[letter], letter)
            XCTAssertGreaterThanOrEqual(width, Double(ColumnWidth.displayWidth(of: h!)) + 2, letter)
            XCTAssertLessThan(width, 64, letter)
        }
        XCTAssertEqual(written.numberFormats["value"], "#,##0")
        XCTAssertEqual(written.numberFormats["period"], "mm/yyyy")
    }

    func testFormulasAreWrittenOnlyWhereReferencesHoldNumbersWithTheColumnsValueCached() throws {
        let (table, hints) = Fixtures.tradeMonths()
        let written = try write([("Trade", table, SheetOptions(formulas: true, formulaHints: hints))])[0]
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("Trade"))
        guard case .growth(_, let base)? = hints["growth"] else { return XCTFail() }
        let growth = table.column(named: "growth")!, change = table.column(named: "change")!, ratio = table.column(named: "per_delegation")!
        var expectedFormulas = 0
        for i in 0..<table.rowCount {
            let r = i + 2
            // Growth: a formula exactly where the engine has a value; cached value = the engine's value.
            if let g = growth.value(at: i).number {
                let cell = try XCTUnwrap(s["F\(r)"], "F\(r)")
                XCTAssertEqual(cell.formula, "=C\(r)/C\(Int(base[i]) + 2)-1", "F\(r)")
                XCTAssertClose(cell.value.number, g, "F\(r)")
                expectedFormulas += 1
            } else {
                XCTAssertNil(s["F\(r)"], "F\(r) must be blank, never #DIV/0!")
            }
            if let c = change.value(at: i).number {
                XCTAssertEqual(s["G\(r)"]?.formula, "=C\(r)-C\(r - 1)")
                XCTAssertClose(s["G\(r)"]?.value.number, c)
                expectedFormulas += 1
            } else {
                XCTAssertNil(s["G\(r)"], "G\(r)")
            }
            if let q = ratio.value(at: i).number {
                XCTAssertEqual(s["H\(r)"]?.formula, "=D\(r)/E\(r)")
                XCTAssertClose(s["H\(r)"]?.value.number, q)
                expectedFormulas += 1
            } else {
                XCTAssertNil(s["H\(r)"], "H\(r)")
            }
        }
        XCTAssertEqual(s["E6"]?.value.number, 0, "the zero denominator")
        XCTAssertNil(s["H6"], "÷0 → blank")
        XCTAssertEqual(written.formulaCells, expectedFormulas)
        XCTAssertEqual(expectedFormulas, 8 + 18 + 19)
        XCTAssertTrue(written.warnings.isEmpty, "\(written.warnings)")
    }

    func testWithoutFormulasTheSameValuesArePlainNumbers() throws {
        let (table, hints) = Fixtures.tradeMonths()
        let written = try write([("Trade", table, SheetOptions(formulas: false, formulaHints: hints))])[0]
        XCTAssertEqual(written.formulaCells, 0)
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("Trade"))
        XCTAssertTrue(s.cells.values.allSatisfy { $0.formula == nil })
        XCTAssertClose(s["F13"]?.value.number, table.column(named: "growth")!.value(at: 11).number!)
    }

    func testFormulaThatDoesNotReproduceTheValueFallsBackToThePlainValueWithAWarning() throws {
        // The engine's "growth" is against the previous row, but the hint claims a base two rows up.
        let value: [Double?] = [100, 110, 121, 0, 50]
        let growth: [Double?] = [nil, 0.1, 0.1, -1, nil]
        let table = try Table(columns: [.floats("value", value), .floats("growth", growth)])
        let hints: [String: FormulaHint] = ["growth": .growth(value: "value", baseRow: [-1, 0, 0, 2, 3])]
        let written = try write([("G", table, SheetOptions(formulas: true, formulaHints: hints))])[0]
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("G"))
        XCTAssertEqual(s["B3"]?.formula, "=A3/A2-1")
        XCTAssertNil(s["B4"]?.formula, "121/100-1 ≠ 0.1: plain value")
        XCTAssertEqual(s["B4"]?.value.number, 0.1)
        XCTAssertEqual(s["B5"]?.formula, "=A5/A4-1")
        XCTAssertNil(s["B6"], "null stays blank although the base is zero")
        XCTAssertEqual(written.formulaCells, 2)
        XCTAssertEqual(written.warnings.map(\.id), ["report.formula-mismatch"])
        XCTAssertTrue(written.warnings[0].message.contains("1 ô"), written.warnings[0].message)
    }

    func testSameRowArithmeticIsWrittenWithTheRowsCellsAndTheEnginesValueCached() throws {
        let (table, hints) = Fixtures.sameRow()
        let written = try write([("Cùng dòng", table, SheetOptions(formulas: true, formulaHints: hints))])[0]
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("Cùng dòng"))
        // Columns: A a, B b, C c, D growth, E pct, F gap, G millions, H neg_half, I nested, J times_minus, K inexact, L orphan.
        let formulas: [(String, String, (Int) -> String)] = [
            ("growth", "D", { "=A\($0)/B\($0)-1" }),
            ("pct", "E", { "=A\($0)*100/B\($0)" }),
            ("gap", "F", { "=A\($0)-B\($0)" }),
            ("millions", "G", { "=A\($0)/1000000" }),
            ("neg_half", "H", { "=-(A\($0)+B\($0))*0.5" }),
            ("nested", "I", { "=A\($0)-(B\($0)-C\($0))" }),
            ("times_minus", "J", { "=A\($0)*(-1.5)" }),
        ]
        var expected = 0
        for (name, letter, formula) in formulas {
            let column = table.column(named: name)!
            for i in 0..<table.rowCount {
                let r = i + 2
                let ref = "\(letter)\(r)"
                if let v = column.value(at: i).number {
                    let cell = try XCTUnwrap(s[ref], ref)
                    XCTAssertEqual(cell.formula, formula(r), ref)
                    XCTAssertClose(cell.value.number, v, ref)
                    expected += 1
                } else {
                    XCTAssertNil(s[ref], "\(ref): the engine's null (÷0 or a null input) is a blank, never #DIV/0!")
                }
            }
        }
        XCTAssertNil(s["D3"], "50 / 0: blank")
        XCTAssertEqual(s["D2"]?.formula, "=A2/B2-1")
        XCTAssertClose(s["D2"]?.value.number, 180.1 / 174.8 - 1)
        // A constant Excel would read with 15 digits only, and a column not in the table: plain values.
        for letter in ["K", "L"] {
            for r in 2...(table.rowCount + 1) where s["A\(r)"] != nil {
                XCTAssertNil(s["\(letter)\(r)"]?.formula, "\(letter)\(r)")
                XCTAssertNotNil(s["\(letter)\(r)"]?.value.number, "\(letter)\(r)")
            }
        }
        XCTAssertEqual(written.formulaCells, expected)
        XCTAssertEqual(expected, 5 + 5 + 6 + 6 + 6 + 5 + 6)
        XCTAssertEqual(written.warnings.map(\.id), ["report.formula-constant"], "\(written.warnings)")
        XCTAssertTrue(written.warnings[0].message.contains("0.12345678901234568"), written.warnings[0].message)
        XCTAssertTrue(SheetWriter.problems(table, options: SheetOptions(formulas: true, formulaHints: hints)).isEmpty,
                      "a formula over a column that is gone is no error: the values are written")
    }

    func testFormulaNumbersAreWrittenSoExcelReadsTheSameDouble() {
        let cases: [(Double, String?)] = [
            (0, "0"), (1, "1"), (100, "100"), (1e6, "1000000"), (0.1, "0.1"), (0.5, "0.5"), (1.5, "1.5"),
            (174.8, "174.8"), (0.000123, "0.000123"), (1e-5, "0.00001"), (1.5e-7, "1.5E-7"), (1e20, "1E+20"),
            (2.5e15, "2.5E+15"), (123_456_789_012_345, "123456789012345"), (1_234_567_890_123_456, nil),
            (1.0 / 3, nil), (0.12345678901234568, nil), (-1, nil), (.infinity, nil), (.nan, nil),
        ]
        for (x, text) in cases {
            XCTAssertEqual(FormulaNumber.text(x), text, "\(x)")
            if let t = FormulaNumber.text(x) { XCTAssertEqual(Double(t), x, t) }
        }
    }

    func testCircularFormulaHintsWriteValues() throws {
        let table = try Table(columns: [.floats("a", [1, 2]), .floats("b", [0.5, 1])])
        let hints: [String: FormulaHint] = ["b": .ratio(numerator: "b", denominator: "a")]
        let written = try write([("C", table, SheetOptions(formulas: true, formulaHints: hints))])[0]
        XCTAssertEqual(written.formulaCells, 0)
        XCTAssertEqual(written.warnings.map(\.id), ["report.formula-circular"])
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("C"))
        XCTAssertEqual(s["B2"]?.value.number, 0.5)
        XCTAssertNil(s["B2"]?.formula)
    }

    func testYearsQuartersDaysBooleansIntegersAndPercentUnits() throws {
        let written = try write([("Tổng hợp", Fixtures.mixed(), SheetOptions())])[0]
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("Tổng hợp"))
        // Year → the number 2022 shown "0"; quarter → text; day → date dd/mm/yyyy.
        XCTAssertEqual(s["A2"]?.value.number, 2022)
        XCTAssertEqual(s["A2"]?.type, "int")
        XCTAssertEqual(s["A2"]?.number_format, "0")
        XCTAssertNil(s["A4"])
        XCTAssertEqual(s["B3"]?.value.string, "2024-Q3")
        XCTAssertEqual(s["B3"]?.type, "str")
        XCTAssertEqual(s["C2"]?.value.string, "2024-02-29T00:00:00")
        XCTAssertEqual(s["C2"]?.number_format, "dd/mm/yyyy")
        XCTAssertEqual(s["C5"]?.value.string, "2024-10-15T00:00:00")
        // Before 1900 Excel has no date: canonical text, and a warning says so.
        XCTAssertEqual(s["C4"]?.value.string, "1899-12-31")
        XCTAssertEqual(s["C4"]?.type, "str")
        XCTAssertEqual(written.warnings.map(\.id), ["report.date-out-of-range"])
        // Booleans as booleans.
        XCTAssertEqual(s["D2"]?.value.bool, true)
        XCTAssertEqual(s["D2"]?.type, "bool")
        XCTAssertEqual(s["D3"]?.value.bool, false)
        XCTAssertNil(s["D4"])
        // A plain integer named like a year → "0"; a count of arrivals without unit → "#,##0".
        XCTAssertEqual(s["E2"]?.number_format, "0")
        XCTAssertEqual(s["F3"]?.number_format, "#,##0")
        XCTAssertEqual(s["F3"]?.value.number, 2_200_000)
        // A share by name → 0.0%; unit "%" → divided by 100 and shown 0.0%.
        XCTAssertEqual(s["G2"]?.number_format, "0.0%")
        XCTAssertEqual(s["G2"]?.value.number, 0.715)
        XCTAssertEqual(s["H2"]?.number_format, "0.0%")
        XCTAssertEqual(s["H2"]?.value.number, 0.125)
        XCTAssertEqual(s["H3"]?.value.number, -0.03)
        // Billion VND with a value needing two decimals (92.96) → #,##0.00.
        XCTAssertEqual(s["I4"]?.number_format, "#,##0.00")
        XCTAssertEqual(s["I1"]?.value.string, "Viện trợ (tỷ đồng)")
    }

    func testPeriodsAsTextOption() throws {
        let (table, _) = Fixtures.tradeMonths()
        try write([("Text", table, SheetOptions(periods: .text)), ("Mixed", Fixtures.mixed(), SheetOptions(periods: .text))])
        let book = try OpenPyXL.read(file())
        XCTAssertEqual(book.sheet("Text")?["A2"]?.value.string, "2023-01")
        XCTAssertEqual(book.sheet("Text")?["A2"]?.type, "str")
        XCTAssertEqual(book.sheet("Mixed")?["A2"]?.value.string, "2022")
        XCTAssertEqual(book.sheet("Mixed")?["C2"]?.value.string, "2024-02-29")
        XCTAssertEqual(book.sheet("Mixed")?["B2"]?.value.string, "2024-Q1")
    }

    func testFormatOverridesAndLabels() throws {
        let table = try Table(columns: [
            .floats("growth_rate", [0.05, -0.1]),
            .floats("amount", [1234.5, 99.25]),
            .floats("visitors", [12.0, 1500.0]),
            .ints("code", [901, 8]),
            .ints("zip", [10000, 20000]),
            .floats("custom", [1.23456, 2]),
            .periods("month", [.month(2024, 1), .month(2024, 2)], frequency: .month),
        ])
        let options = SheetOptions(labels: ["amount": "Số tiền", "growth_rate": "Tăng trưởng"],
                                   formats: ["growth_rate": .percent, "amount": .amount, "visitors": .count, "code": .integer,
                                             "zip": .text, "custom": .numberFormat("0.000"), "month": .numberFormat("mmm yyyy")])
        try write([("O", table, options)])
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("O"))
        XCTAssertEqual(s["A1"]?.value.string, "Tăng trưởng")
        XCTAssertEqual(s["B1"]?.value.string, "Số tiền")
        XCTAssertEqual(s["A2"]?.number_format, "0.0%")
        XCTAssertEqual(s["B2"]?.number_format, "#,##0.00")
        XCTAssertEqual(s["C2"]?.number_format, "#,##0")
        XCTAssertEqual(s["D2"]?.number_format, "0")
        XCTAssertEqual(s["E2"]?.value.string, "10000")
        XCTAssertEqual(s["E2"]?.type, "str")
        XCTAssertEqual(s["F2"]?.number_format, "0.000")
        XCTAssertEqual(s["G2"]?.number_format, "mmm yyyy")
        XCTAssertEqual(s["G2"]?.type, "datetime")
    }

    func testSheetsPrintOnePageWideWithTheHeaderOnEveryPage() throws {
        let narrow = try Table(columns: [.texts("tỉnh", ["Hà Giang"]), .floats("v", [1])])
        let (wide, _) = Fixtures.tradeMonths()
        var titled = SheetOptions()
        titled.title = "Kim ngạch"
        try write([("Hẹp", narrow, titled), ("Rộng", wide, SheetOptions())])
        let narrowXML = try ZipParts.text("xl/worksheets/sheet1.xml", in: file())
        let wideXML = try ZipParts.text("xl/worksheets/sheet2.xml", in: file())
        for xml in [narrowXML, wideXML] {
            XCTAssertTrue(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), xml)
            XCTAssertTrue(xml.contains("paperSize=\"9\""), "A4")
            XCTAssertTrue(xml.contains("fitToHeight=\"0\""), "one page wide, as many tall as needed")
            XCTAssertTrue(xml.contains("<oddFooter>&amp;CTrang &amp;P / &amp;N</oddFooter>"), xml)
        }
        XCTAssertFalse(narrowXML.contains("orientation=\"landscape\""), "a narrow table prints portrait")
        XCTAssertTrue(wideXML.contains("orientation=\"landscape\""), "nine columns print landscape")
        let workbookXML = try ZipParts.text("xl/workbook.xml", in: file())
        XCTAssertTrue(workbookXML.contains("_xlnm.Print_Titles\" localSheetId=\"0\">'Hẹp'!$3:$3"), "the header below the title repeats: \(workbookXML)")
        XCTAssertTrue(workbookXML.contains("_xlnm.Print_Titles\" localSheetId=\"1\">'Rộng'!$1:$1"), workbookXML)
    }

    func testTitleRowSitsAboveAnEmptyRowAndTheHeader() throws {
        let (table, _) = Fixtures.tradeMonths()
        let written = try write([("T", table, SheetOptions(title: "Kim ngạch xuất nhập khẩu Hà Giang"))])[0]
        XCTAssertEqual(written.headerRow, 2)
        XCTAssertEqual(written.firstDataRow, 3)
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("T"))
        XCTAssertEqual(s["A1"]?.value.string, "Kim ngạch xuất nhập khẩu Hà Giang")
        XCTAssertEqual(s["A1"]?.bold, true)
        XCTAssertTrue(s.cells.keys.filter { rowOf($0) == 2 }.isEmpty, "row 2 is empty")
        XCTAssertEqual(s["A3"]?.value.string, "Kỳ")
        XCTAssertEqual(s.freeze_panes, "A4")
        XCTAssertEqual(s.auto_filter, "A3:I24")
        XCTAssertEqual(s["A4"]?.value.string, "2023-01-01T00:00:00")
    }

    func testConstantMemoryWritesTheSameCells() throws {
        let (table, hints) = Fixtures.tradeMonths()
        let options = SheetOptions(formulas: true, formulaHints: hints, chart: ReportChart(kind: .line, x: "period", y: ["value"]),
                                   highlights: ColumnHighlights(negativeRed: ["growth"]))
        try write([("A", table, options), ("B", Fixtures.mixed(), SheetOptions())], to: file("memory.xlsx"))
        try write([("A", table, options), ("B", Fixtures.mixed(), SheetOptions())], to: file("constant.xlsx"), constantMemory: true)
        let memory = try OpenPyXL.read(file("memory.xlsx")), constant = try OpenPyXL.read(file("constant.xlsx"))
        for name in ["A", "B"] {
            let m = try XCTUnwrap(memory.sheet(name)), c = try XCTUnwrap(constant.sheet(name))
            XCTAssertEqual(Set(m.cells.keys), Set(c.cells.keys), name)
            for (ref, cell) in m.cells {
                XCTAssertEqual(c[ref]?.value, cell.value, "\(name)!\(ref)")
                XCTAssertEqual(c[ref]?.number_format, cell.number_format, "\(name)!\(ref)")
                XCTAssertEqual(c[ref]?.formula, cell.formula, "\(name)!\(ref)")
            }
            XCTAssertEqual(m.freeze_panes, c.freeze_panes)
            XCTAssertEqual(m.auto_filter, c.auto_filter)
            XCTAssertEqual(m.charts.count, c.charts.count)
            XCTAssertEqual(m.conditional_formats.count, c.conditional_formats.count)
        }
    }

    func testEmptyResultWritesTheHeaderAndLeavesTheChartOut() throws {
        let table = try Table(columns: [.periods("period", [], frequency: .month), .floats("value", [])])
        let written = try write([("E", table, SheetOptions(chart: ReportChart(kind: .column, x: "period", y: ["value"]),
                                                          highlights: ColumnHighlights(negativeRed: ["value"])))])[0]
        XCTAssertEqual(written.rows, 0)
        XCTAssertEqual(written.warnings.map(\.id), ["report.chart-empty"])
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("E"))
        XCTAssertEqual(s["A1"]?.value.string, "period")
        XCTAssertEqual(s.auto_filter, "A1:B1")
        XCTAssertEqual(s.charts.count, 0)
    }

    func testTooManyRowsSaysWhichSheetAndHowMany() throws {
        let rows = ExcelLimits.maxRows  // one more than fits below the header
        let table = try Table(columns: [Column(name: "n", storage: .int([Int64](repeating: 1, count: rows)))])
        XCTAssertThrowsError(try write([("Quá lớn", table, SheetOptions())])) { error in
            guard case let ReportError.tooManyRows(sheet, count, limit)? = error as? ReportError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(sheet, "Quá lớn")
            XCTAssertEqual(count, 1_048_576)
            XCTAssertEqual(limit, 1_048_575)
            let text = String(describing: error)
            XCTAssertTrue(text.contains("\"Quá lớn\""), text)
            XCTAssertTrue(text.contains("1,048,576 rows"), text)
            XCTAssertTrue(text.contains("1,048,575"), text)
        }
        // With a title, two rows fewer fit.
        let fits = try Table(columns: [Column(name: "n", storage: .int([Int64](repeating: 1, count: rows - 2)))])
        XCTAssertThrowsError(try SheetWriter.checkSize(fits, sheet: "x", options: SheetOptions(title: "t")))
        XCTAssertNoThrow(try SheetWriter.checkSize(fits, sheet: "x", options: SheetOptions()))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file().path), "nothing was saved")
    }

    func testXLSXErrorsAreWrappedWithTheSheetName() throws {
        let long = String(repeating: "x", count: 40_000)
        let table = try Table(columns: [.texts("t", [long])])
        XCTAssertThrowsError(try write([("Dài", table, SheetOptions())])) { error in
            guard case let ReportError.sheetWrite(sheet, xlsx)? = error as? ReportError else { return XCTFail("\(error)") }
            XCTAssertEqual(sheet, "Dài")
            XCTAssertEqual(xlsx, .textTooLong(row: 1, column: 0, length: 40_000))
            XCTAssertTrue(String(describing: error).hasPrefix("sheet \"Dài\": text in cell"), "\(error)")
        }
    }

    func testOptionsNamingMissingColumnsAreRejectedWithSuggestions() throws {
        let (table, _) = Fixtures.tradeMonths()
        let options = SheetOptions(labels: ["vlue": "x"], formats: ["province": .percent],
                                   chart: ReportChart(kind: .line, x: "periods", y: ["value", "province"]),
                                   highlights: ColumnHighlights(negativeRed: ["growht"]))
        let problems = SheetWriter.problems(table, options: options)
        XCTAssertEqual(problems.map(\.field), ["labels.vlue", "formats.province", "chart.x", "chart.y", "conditional.negative_red"])
        XCTAssertEqual(problems[0].hint, "did you mean 'value'?")
        XCTAssertEqual(problems[2].hint, "did you mean 'period'?")
        XCTAssertEqual(problems[4].hint, "did you mean 'growth'?")
        XCTAssertTrue(problems[1].message.contains("text column"), problems[1].message)
        XCTAssertThrowsError(try write([("P", table, options)])) { error in
            guard case ReportError.columnProblems(let sheet, let list)? = error as? ReportError else { return XCTFail("\(error)") }
            XCTAssertEqual(sheet, "P")
            XCTAssertEqual(list.count, 5)
        }
        // Hints must match the table's shape.
        let bad = SheetWriter.problems(table, options: SheetOptions(formulaHints: ["growth": .growth(value: "value", baseRow: [0])]))
        XCTAssertEqual(bad.map(\.field), ["formula hint growth"])
    }
}
