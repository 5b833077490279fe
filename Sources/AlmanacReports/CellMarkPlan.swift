import AlmanacCore
import AlmanacXLSX

/// The marked cells of one sheet (`SheetOptions.cellMarks`) by data row, for writing their notes in row order, and
/// by column as runs of consecutive rows, for the fill.
struct CellMarkPlan {
    /// Data row → (column index, note), in column order.
    var notes: [Int: [(Int, String)]] = [:]
    /// Column index → marked data rows, ascending.
    var rows: [Int: [Int]] = [:]

    init(_ marks: [String: [Int32: String]], table: Table, rowCount: Int) {
        for (name, byRow) in marks {
            guard let col = table.index(of: name) else { continue }
            let sorted = byRow.keys.map(Int.init).filter { $0 >= 0 && $0 < rowCount }.sorted()
            guard !sorted.isEmpty else { continue }
            rows[col] = sorted
            for r in sorted { notes[r, default: []].append((col, byRow[Int32(r)]!)) }
        }
        for r in notes.keys { notes[r]!.sort { $0.0 < $1.0 } }
    }

    /// Marked cells per column, in column order.
    var counts: [(Int, Int)] { rows.keys.sorted().map { ($0, rows[$0]!.count) } }

    /// Fills each run of consecutive marked rows of a column.
    func apply(to sheet: XLSXWorksheet, firstDataRow: Int) throws {
        for (col, list) in rows {
            var start = list[0], previous = list[0]
            for r in list.dropFirst() + [Int.max] {
                if r == previous + 1 { previous = r; continue }
                try sheet.addConditionalFormat(.markedCell, firstRow: firstDataRow + start, firstCol: col, lastRow: firstDataRow + previous, lastCol: col)
                start = r
                previous = r
            }
        }
    }
}
