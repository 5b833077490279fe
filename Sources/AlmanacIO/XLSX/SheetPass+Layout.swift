import Foundation

/// The layout decisions of a pass: where the header is (below title lines, on one or two rows), the unit line,
/// blank rows among the data and footer lines below it (`SheetLayout` says what each looks like).
extension SheetPass {
    /// The first rows as layout rows.
    func layoutRows(_ batch: RowBatch, upTo n: Int) -> [SheetLayout.Row] {
        (0..<min(batch.rows, n)).map { r in
            SheetLayout.Row(number: batch.rowNumber(r), cells: batch.cellRange(row: r).map { (batch.column($0), batch.text($0)) })
        }
    }

    /// Finds the header (the Notes' header row when `notes` is given, `header_row` when asked, else by shape), sets
    /// the header texts, notes the rows skipped above it and any unit line; returns the batch row of the first data row.
    func locateHeader(_ batch: RowBatch, notes: Int?) -> Int {
        let rows = layoutRows(batch, upTo: 40)
        var h = 0, twoRows = false
        if let n = notes {
            h = n
        } else if let asked = headerRowAsked {
            h = (0..<batch.rows).first { batch.rowNumber($0) >= asked } ?? 0
            if batch.rowNumber(h) != asked { layoutNotes.append("row \(asked) (header_row) is empty: the header is row \(batch.rowNumber(h))") }
        } else {
            let found = SheetLayout.header(rows, merges: merges)
            h = found.index
            twoRows = found.twoRows && h + 1 < batch.rows
        }
        headerRow = batch.rowNumber(h)
        headerLastRow = batch.rowNumber(twoRows ? h + 1 : h)
        for c in batch.cellRange(row: h) { headerTexts[batch.column(c)] = batch.text(c) }
        if twoRows {
            var lower: [Int: String] = [:]
            for c in batch.cellRange(row: h + 1) { lower[batch.column(c)] = batch.text(c) }
            let cols = (headerTexts.keys.min() ?? 0)...max(headerTexts.keys.max() ?? 0, lower.keys.max() ?? 0, merges.filter { $0.r0 == headerRow }.map(\.c1).max() ?? 0)
            headerTexts = SheetLayout.composed(upper: headerTexts, lower: lower, columns: cols, merges: merges, upperRow: headerRow)
            layoutNotes.append("header on rows \(headerRow)–\(headerLastRow): merged cells of row \(headerRow) over the labels of row \(headerLastRow)")
        }
        let above = rows.prefix(h)
        if notes == nil, !above.isEmpty {
            let texts = above.prefix(3).map { "'" + Self.shortened($0.cells.map(\.text).joined(separator: " ")) + "'" }.joined(separator: ", ")
            let numbers = above.map(\.number)
            layoutNotes.append("\(Self.rowList(numbers)) above the header (row \(headerRow)) skipped: title lines \(texts)\(above.count > 3 ? ", …" : "")")
        }
        for r in above + rows[h..<min(rows.count, twoRows ? h + 2 : h + 1)] {
            for (_, t) in r.cells {
                if unit == nil, let u = SheetLayout.unit(in: t) { unit = u.unit; layoutNotes.append("unit '\(u.unit)' of the numbers, from '\(Self.shortened(u.line))'") }
            }
        }
        lastDataRow = headerLastRow
        return twoRows ? h + 2 : h + 1
    }

    /// Blank rows among the data, the trailing run of footer-like rows, and the last row numbers (for `skip_footer`).
    func noteRows(_ batch: RowBatch, from: Int, to: Int) {
        let keep = options.skipFooter ?? 0
        for r in from..<to {
            let number = batch.rowNumber(r)
            if number > lastDataRow + 1 {
                blankCount += number - lastDataRow - 1
                if blankRows.count < 5 { blankRows.append(contentsOf: (lastDataRow + 1)..<min(number, lastDataRow + 6)) }
            }
            lastDataRow = number
            let cells = batch.cellRange(row: r)
            if cells.count <= 1 || (footerRunStart != nil && cells.count <= 3) {
                let texts = cells.map { batch.text($0) }
                if SheetLayout.isFooter(texts, inFooter: footerRunStart != nil) { if footerRunStart == nil { footerRunStart = number } }
                else { footerRunStart = nil }
            } else {
                footerRunStart = nil
            }
            if keep > 0 { recentRows.append(number); if recentRows.count > keep { recentRows.removeFirst() } }
        }
    }

    /// Where the next pass cuts the table: the footer run this pass found (or the last `skip_footer` rows); nil when
    /// there is nothing below the table.
    func footerCut() -> Int? {
        if let n = options.skipFooter { return n > 0 ? recentRows.first : nil }
        return footerRunStart
    }

    /// Layout notes that only the end of the pass knows: blank rows, the rows cut below the table.
    func finishLayoutNotes() {
        if blankCount > 0 {
            layoutNotes.append("\(blankCount) blank row\(blankCount == 1 ? "" : "s") among the data skipped (row\(blankCount == 1 ? "" : "s") \(blankRows.map(String.init).joined(separator: ", "))\(blankCount > blankRows.count ? ", …" : ""))")
        }
        if let f = footerFrom {
            let how = options.skipFooter.map { "the last \($0) (skip_footer)" } ?? "footer lines such as 'Nguồn:' or notes"
            layoutNotes.append("rows from \(f) below the table skipped: \(how)")
        }
    }

    static func shortened(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 50 ? String(flat.prefix(50)) + "…" : flat
    }

    /// `row 1`, `rows 1–3`, `rows 1, 3`.
    static func rowList(_ numbers: [Int]) -> String {
        guard let first = numbers.first, let last = numbers.last else { return "no rows" }
        if numbers.count == 1 { return "row \(first)" }
        if last - first + 1 == numbers.count { return "rows \(first)–\(last)" }
        return "rows " + numbers.map(String.init).joined(separator: ", ")
    }
}
