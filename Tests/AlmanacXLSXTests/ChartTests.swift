import Foundation
import XCTest
@testable import AlmanacXLSX

final class ChartTests: XLSXTestCase {
    /// Months in column A (rows 2…13), two value columns B and C, headers in row 1.
    private func writeData(_ sheet: XLSXWorksheet) throws {
        try sheet.write(string: "Tháng", row: 0, col: 0)
        try sheet.write(string: "Thu ngân sách", row: 0, col: 1)
        try sheet.write(string: "Chi ngân sách", row: 0, col: 2)
        for m in 1...12 {
            try sheet.write(string: "T\(m)", row: m, col: 0)
            try sheet.write(number: Double(m * 10), row: m, col: 1)
            try sheet.write(number: Double(m * 7), row: m, col: 2)
        }
    }

    func testLineChartRangesAndTitlesWithQuotedVietnameseSheetName() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "Hà Giang")
            try writeData(sheet)
            let spec = ChartSpec(
                kind: .line, title: "Thu chi ngân sách 2024", xAxisTitle: "Tháng", yAxisTitle: "Tỷ đồng",
                series: [
                    ChartSeries(name: .cell(sheet: "Hà Giang", row: 0, col: 1),
                                categories: .column(0, rows: 1...12, in: "Hà Giang"),
                                values: .column(1, rows: 1...12, in: "Hà Giang")),
                    ChartSeries(name: .text("Chi"),
                                categories: .column(0, rows: 1...12, in: "Hà Giang"),
                                values: .column(2, rows: 1...12, in: "Hà Giang")),
                ],
                legend: .bottom, width: 720, height: 360)
            try sheet.insertChart(spec, row: 1, col: 4)
        }
        let package = XLSXPackage(url: file())
        let chart = try package.part("xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains("<c:lineChart>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'Hà Giang'!$A$2:$A$13</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'Hà Giang'!$B$2:$B$13</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'Hà Giang'!$C$2:$C$13</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'Hà Giang'!$B$1</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:v>Chi</c:v>"), chart)
        XCTAssertTrue(chart.contains("Thu chi ngân sách 2024"), chart)
        XCTAssertTrue(chart.contains(#"<c:legendPos val="b"/>"#), chart)
        // Axis titles sit on the right axes.
        let catAx = try XCTUnwrap(firstMatch("<c:catAx>(.*?)</c:catAx>", in: chart))
        let valAx = try XCTUnwrap(firstMatch("<c:valAx>(.*?)</c:valAx>", in: chart))
        XCTAssertTrue(catAx.contains("Tháng"), catAx)
        XCTAssertTrue(valAx.contains("Tỷ đồng"), valAx)
        // Anchored at E2; 720×360 px spans 11.25 default columns (64 px) and 18 rows (20 px),
        // so it ends in column P (15) and row 20 (19). The 480×288 default would end at L16.
        let drawing = try package.part("xl/drawings/drawing1.xml")
        let from = try XCTUnwrap(firstMatch("<xdr:from>(.*?)</xdr:from>", in: drawing))
        let to = try XCTUnwrap(firstMatch("<xdr:to>(.*?)</xdr:to>", in: drawing))
        XCTAssertTrue(from.contains("<xdr:col>4</xdr:col>") && from.contains("<xdr:row>1</xdr:row>"), from)
        XCTAssertTrue(to.contains("<xdr:col>15</xdr:col>") && to.contains("<xdr:row>19</xdr:row>"), to)
        XCTAssertTrue(try package.part("xl/worksheets/sheet1.xml").contains("<drawing r:id="))
    }

    func testAxisNumberFormatsLabelDatesAndPercentages() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "Dữ liệu")
            try writeData(sheet)
            var spec = ChartSpec(kind: .column, series: [
                ChartSeries(name: .text("Thu"), categories: .column(0, rows: 1...12, in: "Dữ liệu"), values: .column(1, rows: 1...12, in: "Dữ liệu")),
            ])
            spec.categoryNumberFormat = "mm/yyyy"
            spec.valueNumberFormat = "0%"
            try sheet.insertChart(spec, row: 1, col: 4)
        }
        let chart = try XLSXPackage(url: file()).part("xl/charts/chart1.xml")
        let catAx = try XCTUnwrap(firstMatch("<c:catAx>(.*?)</c:catAx>", in: chart))
        let valAx = try XCTUnwrap(firstMatch("<c:valAx>(.*?)</c:valAx>", in: chart))
        XCTAssertTrue(catAx.contains(#"formatCode="mm/yyyy" sourceLinked="0""#), catAx)
        XCTAssertTrue(valAx.contains(#"formatCode="0%" sourceLinked="0""#), valAx)
    }

    func testColumnStackedBarAndPieKinds() throws {
        let kinds: [(ChartSpec.Kind, [String])] = [
            (.column, ["<c:barChart>", #"<c:barDir val="col"/>"#, #"<c:grouping val="clustered"/>"#]),
            (.stackedColumn, [#"<c:barDir val="col"/>"#, #"<c:grouping val="stacked"/>"#]),
            (.percentStackedColumn, [#"<c:grouping val="percentStacked"/>"#]),
            (.bar, [#"<c:barDir val="bar"/>"#, #"<c:grouping val="clustered"/>"#]),
            (.stackedBar, [#"<c:barDir val="bar"/>"#, #"<c:grouping val="stacked"/>"#]),
            (.pie, ["<c:pieChart>"]),
        ]
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "Data")
            try writeData(sheet)
            for (i, (kind, _)) in kinds.enumerated() {
                let series = kind == .pie
                    ? [ChartSeries(categories: .column(0, rows: 1...12, in: "Data"), values: .column(1, rows: 1...12, in: "Data"))]
                    : [ChartSeries(values: .column(1, rows: 1...12, in: "Data")),
                       ChartSeries(values: .column(2, rows: 1...12, in: "Data"))]
                try sheet.insertChart(ChartSpec(kind: kind, title: "C\(i)", xAxisTitle: "Tỉnh", yAxisTitle: "Giá trị",
                                                series: series),
                                      row: 20 * i, col: 5)
            }
        }
        let package = XLSXPackage(url: file())
        for (i, (kind, needles)) in kinds.enumerated() {
            let chart = try package.part("xl/charts/chart\(i + 1).xml")
            for needle in needles { XCTAssertTrue(chart.contains(needle), "\(kind): \(needle)") }
            XCTAssertTrue(chart.contains("<c:f>Data!$B$2:$B$13</c:f>"), "\(kind)")
            if kind == .bar || kind == .stackedBar {
                // For horizontal bars the category axis is still the one titled xAxisTitle.
                let catAx = try XCTUnwrap(firstMatch("<c:catAx>(.*?)</c:catAx>", in: chart))
                let valAx = try XCTUnwrap(firstMatch("<c:valAx>(.*?)</c:valAx>", in: chart))
                XCTAssertTrue(catAx.contains("Tỉnh") && catAx.contains(#"<c:axPos val="l"/>"#), catAx)
                XCTAssertTrue(valAx.contains("Giá trị") && valAx.contains(#"<c:axPos val="b"/>"#), valAx)
            }
            if kind == .pie { XCTAssertFalse(chart.contains("Giá trị"), "pie has no axis titles") }
        }
    }

    func testSheetNamesLibxlsxwriterWouldNotQuote() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let sheet = try wb.addWorksheet(name: "2024")
            try writeData(sheet)
            try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: 12, lastCol: 2)
            try sheet.insertChart(ChartSpec(kind: .column, series: [
                ChartSeries(name: .cell(sheet: "2024", row: 0, col: 1),
                            categories: .column(0, rows: 1...12, in: "2024"),
                            values: .column(1, rows: 1...12, in: "2024")),
            ]), row: 0, col: 5)
            let a1 = try wb.addWorksheet(name: "A1")
            try a1.write(number: 1, row: 0, col: 0)
            try a1.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: .column(0, rows: 0...0, in: "A1"))]),
                               row: 2, col: 2)
        }
        let package = XLSXPackage(url: file())
        let chart = try package.part("xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains("<c:f>'2024'!$B$2:$B$13</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'2024'!$A$2:$A$13</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:f>'2024'!$B$1</c:f>"), chart)
        XCTAssertTrue(chart.contains("<c:v>10</c:v>"), "the chart cache still finds the sheet's data")
        XCTAssertTrue(try package.part("xl/charts/chart2.xml").contains("<c:f>'A1'!$A$1</c:f>"))
        let workbookXML = try package.part("xl/workbook.xml")
        XCTAssertTrue(workbookXML.contains("'2024'!$A$1:$C$13"), workbookXML)
    }

    func testChartsMayReferenceLaterSheetsButNotMissingOnes() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let summary = try wb.addWorksheet(name: "Tổng quan")
            try summary.insertChart(ChartSpec(kind: .column, series: [ChartSeries(values: .column(1, rows: 1...12, in: "Số liệu"))]),
                                    row: 0, col: 0)
            try writeData(try wb.addWorksheet(name: "Số liệu"))
        }
        XCTAssertTrue(try XLSXPackage(url: file()).part("xl/charts/chart1.xml").contains("'Số liệu'!$B$2:$B$13"))

        let missing = file("missing.xlsx")
        XCTAssertThrowsError(try XLSXWorkbook.write(to: missing) { wb in
            let s = try wb.addWorksheet(name: "S")
            try s.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: .column(0, rows: 0...3, in: "Nowhere"))]),
                              row: 0, col: 0)
        }) { XCTAssertEqual($0 as? XLSXError, .unknownSheet(name: "Nowhere")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
    }

    func testInvalidSpecsAreRejectedBeforeAnythingIsCreated() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            let s = try wb.addWorksheet(name: "S")
            let values = CellRange.column(0, rows: 0...3, in: "S")
            assertThrows(.invalidChart("a chart needs at least one series")) {
                try s.insertChart(ChartSpec(kind: .line, series: []), row: 0, col: 0)
            }
            XCTAssertThrowsError(try s.insertChart(ChartSpec(kind: .line, title: "=A1", series: [ChartSeries(values: values)]), row: 0, col: 0))
            XCTAssertThrowsError(try s.insertChart(ChartSpec(kind: .pie, series: [ChartSeries(values: values), ChartSeries(values: values)]), row: 0, col: 0))
            XCTAssertThrowsError(try s.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: CellRange(sheet: "S", firstRow: 3, firstCol: 0, lastRow: 1, lastCol: 0))]), row: 0, col: 0))
            assertThrows(.rowOutOfRange(row: 1_048_576)) {
                try s.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: .column(0, rows: 0...1_048_576, in: "S"))]), row: 0, col: 0)
            }
            XCTAssertThrowsError(try s.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: .column(0, rows: 0...1, in: "a/b"))]), row: 0, col: 0))
        }
        XCTAssertFalse(try XLSXPackage(url: file()).partNames().contains("xl/charts/chart1.xml"))
    }
}
