import Foundation
import AlmanacCore

/// One file per month: a glob (`xuat-khau/*.csv`) names files that are stacked into one table, in name order. Their
/// headers must agree (after NFC and trimming, as every load names columns) or the error names the file and the
/// column; a column's types unify when they can (integers among decimals are decimals; a column empty in one file
/// takes the others' type). The catalog can keep each row's file name in a column (`file_column`) and read the
/// period from file names (`period = "file name"`: `xk-T10-2024.csv` is 2024-10, by the period parser).
enum StackedFiles {
    static func isPattern(_ path: String) -> Bool { path.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

    /// The files a pattern names, sorted; empty when none.
    static func expand(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            let path = String(cString: p)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    /// The period a file's name carries: the first run of one to three of its name's parts (split at `-`, `_`, space,
    /// `.`) that the period parser reads (`xk-T10-2024.csv` → `T10/2024`), or nil.
    static func period(inFileName path: String) -> Period? {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let parts = stem.split(whereSeparator: { "-_ .".contains($0) }).map(String.init)
        for width in [3, 2, 1] where parts.count >= width {
            for i in 0...(parts.count - width) {
                let window = parts[i..<(i + width)]
                for joiner in ["-", "/", " "] {
                    if case .period(let p) = PeriodParser.parse(window.joined(separator: joiner), dayOrder: .dayFirst, allowBareYear: width == 1) { return p }
                }
            }
        }
        return nil
    }

    static func load(pattern: String, sheet: String?, options: CSVOptions) throws -> LoadResult {
        let files = expand(pattern)
        guard !files.isEmpty else {
            throw CSVError(file: pattern, message: "no file matches '\(pattern)'", hint: "check the folder and the pattern (* matches any characters)")
        }
        return try load(files: files, label: pattern, sheet: sheet, options: options)
    }

    /// Stacks `files` in the order given; `label` names them together in the report (the pattern, or the list).
    static func load(files: [String], label: String, sheet: String?, options: CSVOptions) throws -> LoadResult {
        guard let first = files.first else { throw CSVError(file: label, message: "no file to read") }
        var results: [(String, LoadResult)] = []
        var perFile = options
        perFile.fileColumn = nil
        perFile.periodFromFileName = nil
        // The columns this stacking adds are not in the files.
        perFile.columns = options.columns.map { $0.subtracting([options.fileColumn, options.periodFromFileName].compactMap { $0 }) }
        var remaining = options.maxRows
        for f in files {
            if let r = remaining, r <= 0 { break }
            perFile.maxRows = remaining
            let r = try TableFile.load(path: f, sheet: sheet, options: perFile)
            if let m = remaining { remaining = m - r.table.rowCount }
            results.append((f, r))
        }
        let names = results[0].1.table.columns.map(\.name)
        for (f, r) in results.dropFirst() {
            let other = r.table.columns.map(\.name)
            guard other != names else { continue }
            let i = (0..<min(names.count, other.count)).first { names[$0] != other[$0] } ?? min(names.count, other.count)
            let what = i < other.count ? "has column '\(other[i])'" : "has no column"
            throw CSVError(file: f, line: 1, column: i + 1, columnName: i < names.count ? names[i] : nil,
                           message: "\(what) where \((first as NSString).lastPathComponent) has \(i < names.count ? "'\(names[i])'" : "none")",
                           hint: "files stacked together need the same columns in the same order")
        }
        var columns: [Column] = []
        for (c, name) in names.enumerated() {
            columns.append(try stack(results.map { ($0.0, $0.1.table.columns[c]) }, name: name))
        }
        if let col = options.fileColumn {
            var values: [String] = [], index: [String: Int32] = [:], codes: [Int32] = []
            for (f, r) in results {
                let n = (f as NSString).lastPathComponent.precomposedStringWithCanonicalMapping
                let code = index[n] ?? { let c = Int32(values.count); index[n] = c; values.append(n); return c }()
                codes.append(contentsOf: repeatElement(code, count: r.table.rowCount))
            }
            columns.append(Column(name: col, storage: .text(codes, TextDictionary(uniqueNFC: values)),
                                  meta: ColumnMeta(inferenceNote: "the name of the file each row comes from")))
        }
        if let col = options.periodFromFileName {
            var ordinals: [Int32] = []
            var freq: Frequency? = nil
            for (f, r) in results {
                guard let p = period(inFileName: f) else {
                    throw CSVError(file: f, message: "the file name carries no period", hint: "name the files by their period (xk-T10-2024.csv, xk-2024-10.csv)")
                }
                if let fr = freq, fr != p.frequency {
                    throw CSVError(file: f, message: "the file name's period is a \(p.frequency), the others' a \(fr)")
                }
                freq = p.frequency
                ordinals.append(contentsOf: repeatElement(p.ordinal, count: r.table.rowCount))
            }
            columns.insert(Column(name: col, storage: .period(ordinals, freq ?? .month),
                                  meta: ColumnMeta(inferenceNote: "period (\(freq ?? .month)) from each file's name")), at: 0)
        }
        var report = LoadReport(file: label, bytes: results.reduce(0) { $0 + $1.1.report.bytes }, delimiter: results[0].1.report.delimiter)
        report.layout = ["\(results.count) file\(results.count == 1 ? "" : "s") stacked: " + results.map { ($0.0 as NSString).lastPathComponent }.prefix(6).joined(separator: ", ") + (results.count > 6 ? ", …" : "")]
        report.locator = .stacked(results.map { RowLocator.StackedPart(file: ($0.0 as NSString).lastPathComponent, rows: $0.1.table.rowCount, locator: $0.1.report.locator) })
        for (f, r) in results {
            report.rejected += r.report.rejected.map { RejectedRow(line: $0.line, reason: (f as NSString).lastPathComponent + ": " + $0.reason, text: $0.text) }
            for (k, v) in r.report.markerNulls { report.markerNulls[k, default: 0] += v }
            for (k, v) in r.report.errorCells { report.errorCells[k, default: 0] += v }
            report.warnings += r.report.warnings
            if report.notes.isEmpty { report.notes = r.report.notes }
        }
        return LoadResult(table: try Table(columns: columns), report: report)
    }

    /// One column from each file, end to end, in the type they share: buffers are appended whole and text codes are
    /// remapped through one table per file, so no value is boxed and no string is built per cell.
    static func stack(_ parts: [(String, Column)], name: String) throws -> Column {
        // A column with no value in a file takes the others' type.
        let typed = parts.filter { $0.1.nullCount < $0.1.count }
        let types = Set(typed.map { $0.1.dataType })
        var target: DataType = typed.first?.1.dataType ?? parts[0].1.dataType
        if types.count > 1 {
            if types == [.int, .float] { target = .float } else {
                let a = typed[0], b = typed.first { $0.1.dataType != a.1.dataType }!
                throw CSVError(file: b.0, columnName: name, message: "the column holds \(b.1.dataType) here but \(a.1.dataType) in \((a.0 as NSString).lastPathComponent)",
                               hint: "declare the column's type in the catalog (types.\(name) = \"text\")")
            }
        }
        let total = parts.reduce(0) { $0 + $1.1.count }
        var validity = ValidityBuilder(reservingCapacity: total)
        for (_, c) in parts {
            // A column of another type here holds no value (checked above): its rows are nulls.
            if c.dataType == target || (target == .float && c.dataType == .int) {
                if c.validity.hasNulls { for r in 0..<c.count { validity.append(c.validity.isValid(r)) } } else { validity.appendValid(count: c.count) }
            } else {
                for _ in 0..<c.count { validity.append(false) }
            }
        }
        let storage: ColumnStorage
        switch target {
        case .int:
            var out: [Int64] = []; out.reserveCapacity(total)
            for (_, c) in parts { if case .int(let v) = c.storage { out += v } else { out += repeatElement(0, count: c.count) } }
            storage = .int(out)
        case .float:
            var out: [Double] = []; out.reserveCapacity(total)
            for (_, c) in parts {
                switch c.storage {
                case .float(let v): out += v
                case .int(let v): out += v.lazy.map { Double($0) }
                default: out += repeatElement(0, count: c.count)
                }
            }
            storage = .float(out)
        case .bool:
            var out: [Bool] = []; out.reserveCapacity(total)
            for (_, c) in parts { if case .bool(let v) = c.storage { out += v } else { out += repeatElement(false, count: c.count) } }
            storage = .bool(out)
        case .period(let f):
            var out: [Int32] = []; out.reserveCapacity(total)
            for (_, c) in parts { if case .period(let v, _) = c.storage { out += v } else { out += repeatElement(0, count: c.count) } }
            storage = .period(out, f)
        case .text:
            var builder = TextDictionaryBuilder()
            var out: [Int32] = []; out.reserveCapacity(total)
            for (_, c) in parts {
                guard case .text(let codes, let dict) = c.storage else { out += repeatElement(0, count: c.count); continue }
                let remap = dict.values.map { builder.code(for: $0) }
                out += codes.lazy.map { remap.indices.contains(Int($0)) ? remap[Int($0)] : 0 }
            }
            storage = .text(out, builder.finish())
        }
        var meta = parts[0].1.meta
        meta.inferenceNote = (meta.inferenceNote.map { $0 + "; " } ?? "") + "stacked from \(parts.count) files"
        return Column(name: name, storage: storage, validity: validity.finish(), meta: meta)
    }
}
