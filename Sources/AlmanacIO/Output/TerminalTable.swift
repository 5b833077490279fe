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
            cells.append(table.columns.indices.map { cell(table.columns[$0], r, exactFraction: exact[$0]) })
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

    /// The decimals a number column shows when every shown value is written with at most four (figures as stated,
    /// such as 40.912 or 9.61: each is printed exactly); nil when some value has more (a computed figure), and the
    /// column is rounded: two decimals, four below 10.
    static func exactFraction(_ c: Column, rows: Range<Int>) -> Int? {
        guard case .float(let v) = c.storage, c.meta.unit != "ratio" else { return nil }
        var most = 0
        for r in rows where c.validity.isValid(r) {
            guard let d = writtenDecimals(v[r]), d <= 4 else { return nil }
            most = max(most, d)
        }
        return most
    }

    /// Decimals in the shortest text that reads back as `x` ("40.912" → 3, "835.0" → 0); nil in exponent form.
    static func writtenDecimals(_ x: Double) -> Int? {
        let text = "\(x)"
        guard !text.contains("e"), let dot = text.firstIndex(of: ".") else { return text.contains("e") ? nil : 0 }
        let fraction = text[text.index(after: dot)...]
        return fraction == "0" ? 0 : fraction.count
    }

    static func cell(_ c: Column, _ r: Int, exactFraction: Int? = nil) -> String {
        guard c.validity.isValid(r) else { return "" }
        switch c.storage {
        case .int(let v): return NumberFormatting.grouped(v[r])
        case .float(let v):
            let x = v[r]
            // Growth, shares and progress (unit "ratio") read as planners write them: 0.0303 → 3.0%.
            if c.meta.unit == "ratio" { return String(format: "%.1f%%", x * 100) }
            // Beyond 15 digits a double no longer holds every digit it would print: scientific notation says so.
            if abs(x) >= 1e15 { return String(format: "%.6g", x) }
            if let exactFraction { return NumberFormatting.grouped(x, fraction: exactFraction) }
            if abs(x) < 10 && x != x.rounded() { return String(format: "%.4f", x) }
            return NumberFormatting.grouped(x, fraction: 2)
        case .bool(let v): return v[r] ? "true" : "false"
        case .text(let codes, let d): return d.values[Int(codes[r])]
        case .period(let o, let f): return PeriodFormat.string(o[r], f)
        }
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
