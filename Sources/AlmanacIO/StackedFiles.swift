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
        guard let first = files.first else {
            throw CSVError(file: pattern, message: "no file matches '\(pattern)'", hint: "check the folder and the pattern (* matches any characters)")
        }
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
                           hint: "files stacked by a pattern need the same columns in the same order")
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
        var report = LoadReport(file: pattern, bytes: results.reduce(0) { $0 + $1.1.report.bytes }, delimiter: results[0].1.report.delimiter)
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

    /// One column from each file, end to end, in the type they share.
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
        var flags: [Bool] = []
        var ints: [Int64] = [], floats: [Double] = [], bools: [Bool] = [], ordinals: [Int32] = [], texts: [String?] = []
        for (_, c) in parts {
            for r in 0..<c.count {
                let v = c.value(at: r)
                flags.append(!v.isNull)
                switch (target, v) {
                case (.int, .int(let x)): ints.append(x)
                case (.float, .int(let x)): floats.append(Double(x))
                case (.float, .float(let x)): floats.append(x)
                case (.bool, .bool(let x)): bools.append(x)
                case (.period, .period(let p)): ordinals.append(p.ordinal)
                case (.text, .text(let s)): texts.append(s)
                case (.int, _): ints.append(0)
                case (.float, _): floats.append(0)
                case (.bool, _): bools.append(false)
                case (.period, _): ordinals.append(0)
                case (.text, _): texts.append(nil)
                }
            }
        }
        let storage: ColumnStorage
        switch target {
        case .int: storage = .int(ints)
        case .float: storage = .float(floats)
        case .bool: storage = .bool(bools)
        case .period(let f): storage = .period(ordinals, f)
        case .text:
            var index: [String: Int32] = [:], values: [String] = []
            let codes = texts.map { t -> Int32 in
                guard let t else { return 0 }
                if let c = index[t] { return c }
                let c = Int32(values.count); index[t] = c; values.append(t); return c
            }
            storage = .text(codes, TextDictionary(uniqueNFC: values))
        }
        var meta = parts[0].1.meta
        meta.inferenceNote = (meta.inferenceNote.map { $0 + "; " } ?? "") + "stacked from \(parts.count) files"
        return Column(name: name, storage: storage, validity: Validity(flags: flags), meta: meta)
    }
}
