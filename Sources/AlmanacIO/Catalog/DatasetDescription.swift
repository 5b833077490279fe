import Foundation
import AlmanacCore

/// The text of `almanac describe`: schema, rows, period range and frequency, nulls, distinct values of dimensions,
/// and why each column got its type.
public enum DatasetDescription {
    /// `rejectsPath`: where every rejected row was written (the text lists the first ten and says where the rest are).
    public static func render(name: String, spec: DatasetSpec?, result: LoadResult, rejectsPath: String? = nil) -> String {
        let t = result.table
        var s = "dataset \(name)"
        if let title = spec?.title { s += " — \(title)" }
        s += "\n"
        s += "file:    \(spec?.path ?? result.report.file)\n"
        if let sheet = result.report.sheet {
            let others = result.report.sheets.filter { $0 != sheet }
            s += "sheet:   '\(sheet)'" + (others.isEmpty ? "" : " (other sheets: " + others.map { "'\($0)'" }.joined(separator: ", ") + ")") + "\n"
        }
        if let e = result.report.encoding { s += "encoding: \(e)\n" }
        if let d = spec?.description { s += "about:   \(d)\n" }
        if let src = spec?.source { s += "source:  \(src)\n" }
        if spec?.synthetic == true { s += "note:    SYNTHETIC data, generated for demonstration\n" }
        s += "rows:    \(NumberFormatting.grouped(Int64(t.rowCount)))\n"
        for (k, l) in result.report.layout.enumerated() { s += (k == 0 ? "layout:  " : "         ") + l + "\n" }
        if let totals = result.report.totals {
            for (k, l) in totalLines(totals).enumerated() { s += (k == 0 ? "totals:  " : "         ") + l + "\n" }
        }
        if let p = t.periodKey, case .period(let o, let f) = p.storage {
            var lo = Int32.max, hi = Int32.min
            var distinct = Set<Int32>()
            for r in 0..<o.count where p.validity.isValid(r) { lo = min(lo, o[r]); hi = max(hi, o[r]); distinct.insert(o[r]) }
            if lo <= hi {
                let span = Int(hi - lo) + 1
                s += "period:  '\(p.name)', \(f), \(PeriodFormat.string(lo, f)) … \(PeriodFormat.string(hi, f)) (\(distinct.count) of \(span) periods present)\n"
            }
        } else if t.periodColumns.count > 1 {
            s += "period:  several period columns (\(t.periodColumns.map(\.name).joined(separator: ", "))): share and rank work within each combination (a range); time functions ask which to use\n"
        }
        s += "\ncolumns:\n"
        let nameWidth = max(6, t.columns.map { TerminalTable.displayWidth($0.name) }.max() ?? 0)
        for c in t.columns {
            let role = c.meta.role?.rawValue ?? (t.keyColumns.contains { $0.name == c.name } ? "key" : "measure")
            var line = "  " + c.name + String(repeating: " ", count: nameWidth - TerminalTable.displayWidth(c.name))
            line += "  " + pad(c.dataType.description, 15) + pad(role, 10)
            line += pad(c.meta.unit ?? "", 13)
            line += "nulls \(NumberFormatting.grouped(Int64(c.nullCount)))"
            if let m = result.report.markerNulls[c.name] { line += " (\(m) from markers such as NA or -)" }
            if let e = result.report.errorCells[c.name] { line += " (\(e) from error cells such as #N/A)" }
            if case .text(let codes, let d) = c.storage {
                var used = [Bool](repeating: false, count: d.count)
                for r in 0..<codes.count where c.validity.isValid(r) { used[Int(codes[r])] = true }
                let distinct = used.indices.filter { used[$0] }
                line += ", \(distinct.count) distinct"
                if role == "dimension" || role == "key" {
                    let ranks = d.collationRanks
                    let shown = distinct.sorted { ranks[$0] < ranks[$1] }.prefix(8).map { TerminalTable.cut(d.values[$0], width: shownValueWidth) }
                    line += ": " + shown.joined(separator: ", ") + (distinct.count > 8 ? ", …" : "")
                }
            }
            s += line + "\n"
            if let note = c.meta.inferenceNote, !note.isEmpty { s += "      " + TerminalTable.cut(note, width: shownNoteWidth) + "\n" }
        }
        for w in result.report.warnings { s += "\nwarning: " + w + "\n" }
        for m in result.report.totals?.mismatches.prefix(shownRejected) ?? [] { s += "\nwarning: " + mismatchText(m) + "\n" }
        if let more = result.report.totals.map({ $0.mismatches.count - shownRejected }), more > 0 {
            s += "  … and \(NumberFormatting.grouped(Int64(more))) more total\(more == 1 ? "" : "s") that differ from their parts\n"
        }
        let rejected = result.report.rejected
        if !rejected.isEmpty {
            s += "\nrejected rows: \(NumberFormatting.grouped(Int64(rejected.count)))" + (rejectsPath.map { " (all listed in \($0))" } ?? "") + "\n"
            for r in rejected.prefix(shownRejected) { s += "  line \(r.line): \(TerminalTable.cut(r.reason, width: shownNoteWidth))\n" }
            if rejected.count > shownRejected { s += "  … and \(NumberFormatting.grouped(Int64(rejected.count - shownRejected))) more\n" }
        }
        return s
    }

    /// What `describe` says of the total rows a load set aside: how many, marked in which column by which words,
    /// where they are, and how their check went.
    static func totalLines(_ t: SetAsideTotals) -> [String] {
        let n = t.count
        let shown = t.places.prefix(shownRejected).map(\.english).joined(separator: ", ") + (n > shownRejected ? ", …" : "")
        var lines = ["\(NumberFormatting.grouped(Int64(n))) total row\(n == 1 ? "" : "s") set aside: "
                     + t.columns.map { "'\($0)'" }.joined(separator: ", ") + " says \(n == 1 ? "it is a total" : "they are totals") ("
                     + t.words.prefix(4).map { "'\($0)'" }.joined(separator: ", ") + ") — \(shown)"]
        if t.checked > 0 {
            let bad = t.mismatches.count
            lines.append("checked against the sum of the rows \(n == 1 ? "it totals" : "they total"): \(t.checked) figure\(t.checked == 1 ? "" : "s"), "
                         + (bad == 0 ? "all agree within rounding" : "\(bad) differ\(bad == 1 ? "s" : "") (see the warning\(bad == 1 ? "" : "s") below)"))
        }
        lines.append("totals = \"keep\" in the catalog keeps them as data")
        return lines
    }

    /// A total that differs from its parts, located.
    static func mismatchText(_ m: TotalMismatch) -> String {
        "\(m.place.english): the total row (\(m.label)) has \(m.measure) = \(m.figure(m.total)), but the \(m.parts) row\(m.parts == 1 ? "" : "s") it totals sum to \(m.figure(m.sum)) (off by \(m.difference()), more than rounding explains)"
    }

    /// The widest a distinct value, a note or a reason is shown (cut with `…`; `--format json|csv` keep them whole).
    static let shownValueWidth = 40
    static let shownNoteWidth = 200

    /// Rejected rows listed in the text.
    static let shownRejected = 10

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }
}
