import Foundation
import XCTest
import AlmanacCore
import AlmanacXLSX
@testable import AlmanacReports

final class ChartAndConditionalTests: ReportsTestCase {
    func write(_ table: Table, name: String, _ options: SheetOptions) throws {
        try XLSXWorkbook.write(to: file(), options: .init(syncBeforeRename: false)) { wb in
            _ = try SheetWriter(workbook: wb).write(table, name: name, options: options)
        }
    }

    func testLineChartWithTwoSeriesRightOfTheTable() throws {
        let (table, _) = Fixtures.tradeMonths()
        try write(table, name: "Xuất nhập khẩu", SheetOptions(chart: ReportChart(
            kind: .line, x: "period", y: ["value", "change"], title: "Kim ngạch 24 tháng gần nhất",
            xAxisTitle: "Tháng", yAxisTitle: "USD")))
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("Xuất nhập khẩu"))
        XCTAssertEqual(s.charts.count, 1)
        let chart = s.charts[0]
        XCTAssertEqual(chart.type, "lineChart")
        XCTAssertEqual(chart.title, "Kim ngạch 24 tháng gần nhất")
        XCTAssertEqual(chart.x_axis_title, "Tháng")
        XCTAssertEqual(chart.y_axis_title, "USD")
        XCTAssertEqual(chart.series.count, 2)
        XCTAssertEqual(chart.series[0].values, "'Xuất nhập khẩu'!$C$2:$C$22")
        XCTAssertEqual(chart.series[0].categories, "'Xuất nhập khẩu'!$A$2:$A$22")
        XCTAssertEqual(chart.series[0].name, "'Xuất nhập khẩu'!$C$1", "series named by the header cell")
        XCTAssertEqual(chart.series[1].values, "'Xuất nhập khẩu'!$G$2:$G$22")
        XCTAssertEqual(chart.anchor?["col"], 10, "one empty column right of the table's 9 columns")
        XCTAssertEqual(chart.anchor?["row"], 0)
    }

    func testColumnStackedAndBarChartsBelowTheTable() throws {
        let (table, _) = Fixtures.tradeMonths()
        for (kind, type, direction, grouping) in [(ReportChart.Kind.column, "barChart", "col", "clustered"),
                                                  (.stackedColumn, "barChart", "col", "stacked"),
                                                  (.bar, "barChart", "bar", "clustered"),
                                                  (.stackedBar, "barChart", "bar", "stacked")] {
            try write(table, name: "C", SheetOptions(title: "Tiêu đề", chart: ReportChart(
                kind: kind, x: "province", y: ["value_vnd", "delegations"], placement: .below)))
            let chart = try XCTUnwrap(OpenPyXL.read(file()).sheet("C")?.charts.first, "\(kind)")
            XCTAssertEqual(chart.type, type)
            XCTAssertEqual(chart.bar_direction, direction, "\(kind)")
            XCTAssertEqual(chart.grouping, grouping, "\(kind)")
            XCTAssertEqual(chart.series.map(\.values), ["'C'!$D$4:$D$24", "'C'!$E$4:$E$24"], "header on row 3 below the title; C is quoted (an R1C1 name)")
            XCTAssertEqual(chart.series[0].categories, "'C'!$B$4:$B$24")
            XCTAssertEqual(chart.anchor?["row"], 25, "two rows below the last row (24)")
            XCTAssertEqual(chart.anchor?["col"], 0)
        }
    }

    func testNegativeRedAndPositiveGreenOverGrowthColumns() throws {
        let (table, _) = Fixtures.tradeMonths()
        try write(table, name: "G", SheetOptions(highlights: ColumnHighlights(negativeRed: ["growth", "change"], positiveGreen: ["growth"])))
        let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("G"))
        let rules = s.conditional_formats.sorted { ($0.range, $0.operator ?? "") < ($1.range, $1.operator ?? "") }
        XCTAssertEqual(rules.map(\.range), ["F2:F22", "F2:F22", "G2:G22"])
        let red = rules.filter { $0.operator == "lessThan" }
        XCTAssertEqual(red.count, 2)
        for r in red {
            XCTAssertEqual(r.type, "cellIs")
            XCTAssertEqual(r.formula, ["0"])
            XCTAssertEqual(r.font_color, "FFFF0000")
        }
        let green = try XCTUnwrap(rules.first { $0.operator == "greaterThan" })
        XCTAssertEqual(green.range, "F2:F22")
        XCTAssertEqual(green.font_color, "FF00B050")
    }
}

extension ChartAndConditionalTests {
    /// Cells a warning concerns (`cellMarks`) are filled light orange, each with its note, in both writing modes;
    /// the sheet's warnings say what the colour means.
    func testMarkedCellsAreFilledWithTheirNotes() throws {
        let (table, _) = Fixtures.tradeMonths()
        var options = SheetOptions()
        options.cellMarks = ["growth": [2: "Không cùng cơ cấu với kỳ gốc: 2024-03 gồm gate A, B; 2023-03 chỉ gồm B.", 3: "Ô thứ hai.", 7: "Ô thứ ba."]]
        for constantMemory in [false, true] {
            var written: WrittenSheet?
            try XLSXWorkbook.write(to: file(), options: .init(constantMemory: constantMemory, syncBeforeRename: false)) { wb in
                written = try SheetWriter(workbook: wb).write(table, name: "G", options: options)
            }
            let s = try XCTUnwrap(OpenPyXL.read(file()).sheet("G"))
            // growth is column F; data rows start at row 2: data rows 2, 3 and 7 are F4, F5 and F9.
            XCTAssertEqual(s["F4"]?.comment?.hasPrefix("Không cùng cơ cấu với kỳ gốc: 2024-03"), true, "\(constantMemory)")
            XCTAssertEqual(s["F5"]?.comment?.hasPrefix("Ô thứ hai."), true)
            XCTAssertEqual(s["F9"]?.comment?.hasPrefix("Ô thứ ba."), true)
            XCTAssertNil(s["F6"]?.comment)
            let fills = s.conditional_formats.filter { $0.type == "expression" }
            XCTAssertEqual(fills.map(\.range).sorted(), ["F4:F5", "F9"], "one rule per run of marked rows")
            XCTAssertTrue(fills.allSatisfy { $0.formula == ["TRUE"] && ($0.fill_color ?? "").hasSuffix("FCE4D6") }, "\(fills)")
            let note = try XCTUnwrap(written?.warnings.first { $0.id == "report.marked-cells" })
            XCTAssertTrue(note.message.contains("3 ô tô nền cam"), note.message)
        }
    }
}
