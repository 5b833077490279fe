import Foundation
import AlmanacCore
import AlmanacDiagnostics

/// Loads a catalog dataset and dresses the table with what the catalog says.
enum DatasetLoader {
    static func load(_ spec: DatasetSpec, catalogFile: String, columns: Set<String>?, maxRows: Int? = nil) throws -> LoadResult {
        if let db = spec.database {
            throw CatalogError(file: catalogFile, dataset: spec.name, field: "database",
                               message: "the dataset is table '\(db.table)' in \(db.url), which is read only by a query that runs there",
                               hint: "almanac query 'from \(spec.name) | take 10' shows its first rows")
        }
        try checkColumns(spec, catalogFile: catalogFile)
        var options = spec.csv
        options.maxRows = maxRows
        // Total rows are found once the catalog's roles and period are in place (below), not by the file's load.
        options.totalRows = .keep
        var extra: Set<String> = []
        if var keep = columns {
            // The period parts are needed to build the period.
            if spec.periodColumns.count == 2, keep.contains("period") { keep.formUnion(spec.periodColumns); keep.remove("period") }
            // So are the keys a total row can be marked in, however few columns the query reads.
            if spec.csv.totalRows == .setAside {
                let keys = try spec.dimensions.isEmpty ? TotalRowLoading.textColumns(path: spec.path, sheet: spec.sheet, options: options)
                                                       : Set(spec.dimensions)
                extra = keys.subtracting(keep)
                keep.formUnion(extra)
            }
            options.columns = keep
        }
        var result = try TableFile.load(files: spec.filesToRead, sheet: spec.sheet, options: options)
        var cols = result.table.columns
        for i in cols.indices {
            let n = cols[i].name
            if let m = spec.measures[n] {
                cols[i].meta.role = .measure
                cols[i].meta.unit = m.unit.name
                cols[i].meta.label = m.label
            } else if spec.dimensions.contains(n) {
                cols[i].meta.role = .dimension
            } else if !spec.dimensions.isEmpty && !spec.periodColumns.contains(n) && !cols[i].dataType.isNumeric {
                // With declared dimensions, other text (source, status, note) is carried along, not a series key.
                cols[i].meta.role = cols[i].dataType.isPeriod ? .dimension : .attribute
            }
            if let l = spec.labels[n] { cols[i].meta.label = l }
            if spec.periodColumns.count == 1, spec.periodColumns[0] == n {
                if let f = spec.frequency, cols[i].dataType.frequency != f, case .period(let o, let from) = cols[i].storage {
                    guard let converted = try? convert(o, from: from, to: f) else {
                        throw CatalogError(file: catalogFile, dataset: spec.name, field: "frequency",
                                           message: "column '\(n)' holds \(from)s, which cannot be read as \(f)s")
                    }
                    cols[i].storage = .period(converted, f)
                }
                guard cols[i].dataType.isPeriod else {
                    throw CatalogError(file: catalogFile, dataset: spec.name, field: "period",
                                       message: "column '\(n)' does not hold periods (\(cols[i].dataType))",
                                       hint: cols[i].meta.inferenceNote)
                }
                cols[i].meta.role = .period
            }
        }
        if spec.periodColumns.count == 2 {
            let (yName, pName) = (spec.periodColumns[0], spec.periodColumns[1])
            if let y = cols.first(where: { $0.name == yName }), let p = cols.first(where: { $0.name == pName }) {
                let freq = spec.frequency ?? (pName.lowercased().hasPrefix("q") || TimeWords.names(pName, oneOf: TimeWords.quarter) ? .quarter : .month)
                var (built, problems): (Column, [PeriodFromParts.PartError])
                do { (built, problems) = try PeriodFromParts.buildSettingBadRowsNull(name: "period", year: y, part: p, frequency: freq) } catch let e as PeriodFromParts.PartError {
                    throw CatalogError(file: catalogFile, dataset: spec.name, field: "period", message: e.message)
                }
                let at = cols.firstIndex { $0.name == yName } ?? 0
                cols.removeAll { $0.name == yName || $0.name == pName }
                cols.insert(built, at: min(at, cols.count))
                if !problems.isEmpty {
                    let keep = try setAside(problems, rows: built.count, spec: spec, options: options, report: &result.report)
                    cols = cols.map { $0.gathering(keep) }
                    result.report.locator = .gathered(keep, result.report.locator)
                }
            }
        }
        result.table = try Table(columns: cols)
        if spec.csv.totalRows == .setAside { TotalRowLoading.setAside(&result) }
        if !extra.isEmpty { result.table = try Table(columns: result.table.columns.filter { !extra.contains($0.name) }) }
        return result
    }

    /// Rows whose period parts are bad: a strict load fails on the first, with its source line, field and text; a
    /// lenient one sets each aside into the report, with its reason. Returns the rows to keep.
    static func setAside(_ problems: [PeriodFromParts.PartError], rows: Int, spec: DatasetSpec, options: CSVOptions, report: inout LoadReport) throws -> [Int32] {
        let header = try TableFile.header(files: spec.filesToRead, sheet: spec.sheet, options: options)
        // Rows of stacked files have no single source line to point at.
        let stacked = spec.files.count > 1 || StackedFiles.isPattern(spec.path)
        let located = TableFile.isWorkbook(spec.path) || stacked ? [:] : try RecordLocator.locate(path: spec.path, options: options, rows: Set(problems.map(\.row)),
                                               rejectedLines: Set(report.rejected.map(\.line)))
        func field(_ e: PeriodFromParts.PartError) -> Int? { header.firstIndex(of: e.columnName).map { $0 + 1 } }
        guard options.lenient else {
            let e = problems[0]
            let at = located[e.row]
            throw CSVError(file: spec.path, line: at?.line, column: field(e), columnName: e.columnName,
                           message: e.message + (at.map { " in the row '\(shortened($0.text))'" } ?? ""),
                           hint: "fix the row, or load leniently (--lenient) to set bad rows aside in a report")
        }
        for e in problems {
            let at = located[e.row]
            report.rejected.append(RejectedRow(line: at?.line ?? 0, reason: field(e).map { "field \($0): " + e.message } ?? e.message, text: at?.text ?? ""))
        }
        report.rejected.sort { $0.line < $1.line }
        let bad = Set(problems.map(\.row))
        return (0..<rows).filter { !bad.contains($0) }.map { Int32($0) }
    }

    static func shortened(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
        return flat.count > 60 ? String(flat.prefix(60)) + "…" : flat
    }

    static func convert(_ o: [Int32], from: Frequency, to: Frequency) throws -> [Int32] {
        struct Finer: Error {}
        return try o.map { guard let v = PeriodMath.convert($0, from: from, to: to) else { throw Finer() }; return v }
    }

    /// Every column the entry names must be in the file's header.
    static func checkColumns(_ spec: DatasetSpec, catalogFile: String) throws {
        if let missing = spec.missingFile {
            throw CatalogError(file: catalogFile, dataset: spec.name, field: "file", message: "no such file: \(missing)",
                               hint: "put the file there, or correct the entry's `file` (paths are relative to the data folder); the other datasets are not affected")
        }
        let header = try TableFile.header(files: spec.filesToRead, sheet: spec.sheet, options: spec.csv)
        func check(_ col: String, _ field: String) throws {
            guard header.contains(col) else {
                let close = Suggestions.closest(to: col, among: header)
                throw CatalogError(file: catalogFile, dataset: spec.name, field: field, message: "no column '\(col)' in \(spec.path)",
                                   hint: close.map { "did you mean '\($0)'?" } ?? "columns: " + header.joined(separator: ", "))
            }
        }
        for c in spec.periodColumns { try check(c, "period") }
        for c in spec.dimensions { try check(c, "dimensions") }
        for c in spec.measures.keys.sorted() { try check(c, "measures") }
        for c in spec.labels.keys.sorted() { try check(c, "labels") }
        for c in spec.csv.declaredTypes.keys.sorted() { try check(c, "types") }
    }
}
