import Foundation
import AlmanacCore

/// Renders a table for a terminal: aligned columns, numbers right-aligned with thousands separators, ratios
/// (growth, shares, progress) as percentages with one decimal, null as an empty cell. CSV and JSON keep full values.
public enum TerminalTable {
    /// `maxRows`: rows shown before "… N more rows".
    public static func render(_ table: Table, maxRows: Int = 50) -> String {
        let shown = min(table.rowCount, maxRows)
        var cells: [[String]] = [table.columnNames]
        let rightAlign = table.columns.map { $0.dataType.isNumeric }
        let exact = table.columns.map { exactFraction($0, rows: 0..<shown) }
        for r in 0..<shown {
            cells.append(table.columns.indices.map { cut(cell(table.columns[$0], r, exactFraction: exact[$0]), width: maxCellWidth) })
        }
        if table.columns.isEmpty { return "(no columns)\n" }
        let widths = table.columns.indices.map { i in cells.map { displayWidth($0[i]) }.max() ?? 0 }
        var out = ""
        for (k, row) in cells.enumerated() {
            var line = ""
            for (i, text) in row.enumerated() {
                if i > 0 { line += "  " }
                let pad = String(repeating: " ", count: widths[i] - displayWidth(text))
                line += rightAlign[i] ? pad + text : text + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if k == 0 {
                out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        if table.rowCount > shown {
            let more = table.rowCount - shown
            out += "… \(more) more row\(more == 1 ? "" : "s") (\(NumberFormatting.grouped(Int64(table.rowCount))) in all)\n"
        }
        else { out += "(\(table.rowCount) row\(table.rowCount == 1 ? "" : "s"))\n" }
        return out
    }

    /// The decimals every number of a column shows, so that its figures line up: the most any shown value is written
    /// with when none has more than four (figures as stated, such as 40.912 or 9.61, print exactly); otherwise (a
    /// computed figure) two, or four when every shown value is below 10. Ratios and points (percentages) get the decimals
    /// their smallest value needs (`PercentDecimals`), multiples two; nil for non-floats.
    static func exactFraction(_ c: Column, rows: Range<Int>) -> Int? {
        guard case .float(let v) = c.storage else { return nil }
        // Percentages: as many decimals as the smallest share needs to show; points likewise; multiples two.
        if c.meta.unit == "ratio" || c.meta.unit == "pp" { return PercentDecimals.needed(v, rows: rows, isValid: c.validity.isValid) }
        if c.meta.unit == "times" { return 2 }
        var most = 0
        var written = true, small = true, fractions = false
        for r in rows where c.validity.isValid(r) {
            let x = v[r]
            if abs(x) >= 10 { small = false }
            // Values of 1e15 and beyond print in scientific notation, whatever the column's decimals.
            if abs(x) < 1e15 && x != x.rounded() { fractions = true }
            if written, let d = writtenDecimals(x), d <= 4 { most = max(most, d) } else { written = false }
        }
        return written ? most : !fractions ? 0 : (small ? 4 : 2)
    }

    /// Decimals in the shortest text that reads back as `x` ("40.912" → 3, "835.0" → 0); nil in exponent form.
    static func writtenDecimals(_ x: Double) -> Int? {
        let text = "\(x)"
        guard !text.contains("e"), let dot = text.firstIndex(of: ".") else { return text.contains("e") ? nil : 0 }
        let fraction = text[text.index(after: dot)...]
        return fraction == "0" ? 0 : fraction.count
    }

    /// Grouped, with exactly `decimals` decimals (trailing zeros kept, so a column's figures line up).
    static func fixed(_ x: Double, decimals: Int) -> String {
        let s = NumberFormatting.grouped(x, fraction: decimals)
        guard decimals > 0 else { return s }
        guard let dot = s.firstIndex(of: ".") else { return s + "." + String(repeating: "0", count: decimals) }
        return s + String(repeating: "0", count: max(0, decimals - s.distance(from: s.index(after: dot), to: s.endIndex)))
    }

    static func cell(_ c: Column, _ r: Int, exactFraction: Int? = nil) -> String {
        guard c.validity.isValid(r) else { return "" }
        switch c.storage {
        case .int(let v): return NumberFormatting.grouped(v[r])
        case .float(let v):
            let x = v[r]
            // Growth, shares and progress (unit "ratio") read as planners write them: 0.0303 → 3.0%.
            if c.meta.unit == "ratio" { return PercentDecimals.text(x, decimals: exactFraction ?? 1) }
            // A change in a ratio, in percentage points: +1.2 pp.
            if c.meta.unit == "pp" { return PercentDecimals.text(x, decimals: exactFraction ?? 1, suffix: " pp", signed: true) }
            // A multiple of an earlier figure: 1.90×.
            if c.meta.unit == "times" { return String(format: "%.\(exactFraction ?? 2)f×", x) }
            // Beyond 15 digits a double no longer holds every digit it would print: scientific notation says so.
            if abs(x) >= 1e15 { return String(format: "%.6g", x) }
            if let exactFraction { return fixed(x, decimals: exactFraction) }
            if abs(x) < 10 && x != x.rounded() { return String(format: "%.4f", x) }
            return NumberFormatting.grouped(x, fraction: 2)
        case .bool(let v): return v[r] ? "true" : "false"
        case .text(let codes, let d): return d.values[Int(codes[r])]
        case .period(let o, let f): return PeriodFormat.string(o[r], f)
        }
    }

    /// The widest a cell is shown (a longer value is cut with `…`; CSV, JSON and files keep it whole).
    public static let maxCellWidth = 60

    /// `s` cut to at most `width` terminal columns, ending in `…` when cut. Looks at no more of `s` than it shows.
    public static func cut(_ s: String, width: Int) -> String {
        guard width > 1 else { return s.isEmpty ? s : "…" }
        let limit = s.index(s.startIndex, offsetBy: width + 1, limitedBy: s.endIndex) ?? s.endIndex
        var head = String(s[..<limit])
        if limit == s.endIndex && displayWidth(head) <= width { return s }
        while !head.isEmpty && displayWidth(head) > width - 1 { head.removeLast() }
        return head + "…"
    }

    /// Terminal columns a string takes: combining marks take none, East Asian wide characters two.
    public static func displayWidth(_ s: String) -> Int {
        var w = 0
        for ch in s.nfc {
            guard let u = ch.unicodeScalars.first else { continue }
            let v = u.value
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) { w += 2 } else { w += 1 }
        }
        return w
    }
}
