import Foundation
import XCTest
@testable import AlmanacXLSX

final class ConstantMemoryTests: XLSXTestCase {
    func testOutOfOrderRowThrowsInsteadOfDroppingTheCell() throws {
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            let sheet = try wb.addWorksheet(name: "Dữ liệu")
            try sheet.write(number: 1, row: 0, col: 0)
            try sheet.write(number: 2, row: 3, col: 2)
            try sheet.write(number: 3, row: 3, col: 0)  // same row, earlier column: fine
            assertThrows(.rowOutOfOrder(sheet: "Dữ liệu", row: 1, currentRow: 3)) {
                try sheet.write(number: 9, row: 1, col: 0)
            }
            assertThrows(.rowOutOfOrder(sheet: "Dữ liệu", row: 2, currentRow: 3)) {
                try sheet.write(string: "late", row: 2, col: 0)
            }
            assertThrows(.rowOutOfOrder(sheet: "Dữ liệu", row: 0, currentRow: 3)) {
                try sheet.setRowHeight(0, height: 20)
            }
            assertThrows(.rowOutOfOrder(sheet: "Dữ liệu", row: 2, currentRow: 3)) {
                try sheet.mergeRange(firstRow: 2, firstCol: 0, lastRow: 4, lastCol: 1, string: "x")
            }
            // A rejected write must not move the current row.
            try sheet.write(number: 4, row: 4, col: 0)
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells["A1"]?.value, "1")
        XCTAssertEqual(cells["C4"]?.value, "2")
        XCTAssertEqual(cells["A4"]?.value, "3")
        XCTAssertEqual(cells["A5"]?.value, "4")
        XCTAssertNil(cells["A2"])
        XCTAssertEqual(cells.count, 4)
    }

    func testEachSheetTracksItsOwnRow() throws {
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            let a = try wb.addWorksheet(name: "A")
            let b = try wb.addWorksheet(name: "B")
            try a.write(number: 1, row: 10, col: 0)
            try b.write(number: 2, row: 0, col: 0)  // other sheet starts at the top
            try a.write(number: 3, row: 11, col: 0)
        }
        XCTAssertEqual(try XLSXPackage(url: file()).cells(sheet: 2)["A1"]?.value, "2")
    }

    func testMergeChartAndConditionalFormatWorkInOrder() throws {
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            let sheet = try wb.addWorksheet(name: "Báo cáo")
            try sheet.mergeRange(firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 2, string: "Tiêu đề")
            for r in 2..<6 { try sheet.write(number: Double(r - 4), row: r, col: 1) }
            try sheet.addConditionalFormat(.negativeInRed, firstRow: 2, firstCol: 1, lastRow: 5, lastCol: 1)
            try sheet.insertChart(ChartSpec(kind: .line, series: [ChartSeries(values: .column(1, rows: 2...5, in: "Báo cáo"))]),
                                  row: 0, col: 4)
        }
        let package = XLSXPackage(url: file())
        let xml = try package.part("xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains(#"<mergeCell ref="A1:C2"/>"#), xml)
        XCTAssertTrue(xml.contains("<conditionalFormatting"), xml)
        XCTAssertEqual(try package.cells()["B3"]?.value, "-2")
        XCTAssertTrue(try package.part("xl/charts/chart1.xml").contains("'Báo cáo'!$B$3:$B$6"))
    }

    func testManyRowsStreamInOrder() throws {
        let rows = 20_000
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            let number = try wb.format(for: CellStyle(numberFormat: .oneDecimalGrouped))
            for r in 0..<rows {
                try sheet.write(string: "Xã \(r)", row: r, col: 0)
                try sheet.write(number: Double(r) / 10, row: r, col: 1, format: number)
            }
        }
        let cells = try XLSXPackage(url: file()).cells()
        XCTAssertEqual(cells.count, rows * 2)
        XCTAssertEqual(cells["A20000"]?.text, "Xã 19999")
        XCTAssertEqual(cells["B20000"]?.value, "1999.9")
    }

    func testCommentsFollowTheRowOrderToo() throws {
        try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
            let sheet = try wb.addWorksheet(name: "S")
            try sheet.write(number: 1, row: 2, col: 0)
            try sheet.writeComment("Ghi chú", row: 2, col: 0)
            assertThrows(.rowOutOfOrder(sheet: "S", row: 1, currentRow: 2)) { try sheet.writeComment("muộn", row: 1, col: 0) }
        }
        XCTAssertTrue(try XLSXPackage(url: file()).part("xl/comments1.xml").contains("Ghi chú"))
    }

    func testAbandonedWorkbooksReleaseTheirScratchFiles() throws {
        func openDescriptors() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count ?? -1 }
        struct Stop: Error {}
        let before = openDescriptors()
        XCTAssertGreaterThan(before, 0)
        for _ in 0..<5 {
            XCTAssertThrowsError(try XLSXWorkbook.write(to: file(), options: .init(constantMemory: true)) { wb in
                for n in 0..<3 { try wb.addWorksheet(name: "S\(n)").write(number: 1, row: 0, col: 0) }
                throw Stop()
            })
        }
        XCTAssertEqual(openDescriptors(), before, "each constant-memory sheet's temporary file is closed")
        XCTAssertEqual(try folderContents(), [])
    }
}
