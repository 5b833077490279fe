import Foundation
import AlmanacCore

/// `almanac describe --format csv|json`: the same facts as the text, for programs.
extension DatasetDescription {
    /// What describe says of one column.
    struct ColumnFacts {
        var name: String
        var type: String
        var role: String
        var unit: String?
        var nulls: Int
        var markerNulls: Int?
        var distinct: Int?
        var note: String?
    }

    static func facts(_ result: LoadResult) -> [ColumnFacts] {
        let t = result.table
        return t.columns.map { c in
            var distinct: Int?
            if case .text(let codes, let d) = c.storage {
                var used = [Bool](repeating: false, count: d.count)
                for r in 0..<codes.count where c.validity.isValid(r) { used[Int(codes[r])] = true }
                distinct = used.lazy.filter { $0 }.count
            }
            return ColumnFacts(name: c.name, type: c.dataType.description,
                               role: c.meta.role?.rawValue ?? (t.keyColumns.contains { $0.name == c.name } ? "key" : "measure"),
                               unit: c.meta.unit, nulls: c.nullCount, markerNulls: result.report.markerNulls[c.name], distinct: distinct,
                               note: c.meta.inferenceNote.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// One row per column: column, type, role, unit, nulls, marker_nulls, distinct, note (`--format csv`).
    public static func columnTable(result: LoadResult) throws -> Table {
        let f = facts(result)
        return try Table(columns: [
            .texts("column", f.map(\.name)), .texts("type", f.map(\.type)), .texts("role", f.map(\.role)),
            .texts("unit", f.map(\.unit)), .ints("nulls", f.map { Int64($0.nulls) }),
            .ints("marker_nulls", f.map { $0.markerNulls.map(Int64.init) }), .ints("distinct", f.map { $0.distinct.map(Int64.init) }),
            .texts("note", f.map(\.note)),
        ])
    }

    /// The description as one JSON object: dataset, file, title, source, synthetic, rows, period, columns, rejected,
    /// the total rows set aside (`--format json`).
    public static func json(name: String, spec: DatasetSpec?, result: LoadResult, rejectsPath: String? = nil) -> String {
        func str(_ s: String?) -> String { s.map(JSONWriter.escape) ?? "null" }
        func int(_ n: Int?) -> String { n.map(String.init) ?? "null" }
        let t = result.table
        var period = "null"
        if let p = t.periodKey, case .period(let o, let f) = p.storage {
            var lo = Int32.max, hi = Int32.min
            var distinct = Set<Int32>()
            for r in 0..<o.count where p.validity.isValid(r) { lo = min(lo, o[r]); hi = max(hi, o[r]); distinct.insert(o[r]) }
            if lo <= hi {
                period = "{\"column\": \(str(p.name)), \"frequency\": \(str(f.description)), \"from\": \(str(PeriodFormat.string(lo, f))), "
                    + "\"to\": \(str(PeriodFormat.string(hi, f))), \"present\": \(distinct.count), \"span\": \(Int(hi - lo) + 1)}"
            }
        }
        let columns = facts(result).map { c in
            "    {\"name\": \(str(c.name)), \"type\": \(str(c.type)), \"role\": \(str(c.role)), \"unit\": \(str(c.unit)), "
                + "\"nulls\": \(c.nulls), \"marker_nulls\": \(int(c.markerNulls)), \"distinct\": \(int(c.distinct)), \"note\": \(str(c.note))}"
        }
        let rejected = result.report.rejected.map { r in
            "    {\"line\": \(r.line), \"reason\": \(str(r.reason))}"
        }
        var totals = "null"
        if let s = result.report.totals {
            let mismatches = s.mismatches.map { m in
                "{\"place\": \(str(m.place.english)), \"row\": \(str(m.label)), \"measure\": \(str(m.measure)), \"total\": \(NumberFormatting.plain(m.total)), "
                    + "\"sum\": \(NumberFormatting.plain(m.sum)), \"parts\": \(m.parts)}"
            }
            totals = "{\"rows\": \(s.count), \"columns\": [\(s.columns.map(str).joined(separator: ", "))], "
                + "\"places\": [\(s.places.map { str($0.english) }.joined(separator: ", "))], \"checked\": \(s.checked), "
                + "\"mismatches\": [\(mismatches.joined(separator: ", "))]}"
        }
        return """
        {
          "dataset": \(str(name)),
          "file": \(str(spec?.path ?? result.report.file)),
          "title": \(str(spec?.title)),
          "source": \(str(spec?.source)),
          "synthetic": \(spec?.synthetic == true),
          "rows": \(t.rowCount),
          "period": \(period),
          "columns": [
        \(columns.joined(separator: ",\n"))
          ],
          "rejected": [\(rejected.isEmpty ? "" : "\n" + rejected.joined(separator: ",\n") + "\n  ")],
          "rejects_file": \(str(rejectsPath)),
          "totals": \(totals)
        }

        """
    }
}
