import Foundation
import TOMLKit
import AlmanacCore
import AlmanacDiagnostics

/// Reads one `[datasets.NAME]` table, naming the entry and the field in every error.
struct CatalogEntryParser {
    let file: String
    let directory: String
    let name: String
    let entry: TOMLTable

    static let knownFields: Set<String> = [
        "file", "title", "description", "source", "synthetic", "period", "frequency", "dimensions", "measures",
        "labels", "database", "table", "decimal", "thousands", "null_markers", "date_order", "delimiter", "types", "lenient", "sheet", "header_row", "skip_footer", "file_column",
        "totals", "encoding",
    ]

    func error(_ field: String?, _ message: String, hint: String? = nil) -> CatalogError {
        CatalogError(file: file, dataset: name, field: field, message: message, hint: hint)
    }

    func string(_ key: String) throws -> String? {
        guard let v = entry[key] else { return nil }
        guard let s = v.string else { throw error(key, "expected a string") }
        return s
    }

    func strings(_ key: String) throws -> [String]? {
        guard let v = entry[key] else { return nil }
        if let s = v.string { return [s] }
        guard let a = v.array else { throw error(key, "expected a list of strings") }
        return try a.map { e in
            guard let s = e.string else { throw error(key, "expected a list of strings") }
            return s
        }
    }

    func parse() throws -> DatasetSpec {
        for k in entry.keys where !CatalogEntryParser.knownFields.contains(k) {
            let close = Suggestions.closest(to: k, among: Array(CatalogEntryParser.knownFields))
            throw error(k, "unknown field", hint: close.map { "did you mean '\($0)'?" })
        }
        let database = try databaseTable()
        // One file, a pattern, or a list of files stacked in the order listed.
        let fileList = try strings("file")
        if let fileList, fileList.isEmpty { throw error("file", "an empty list names no file", hint: "file = [\"2023.csv\", \"2024.csv\"]") }
        if let fileList, fileList.count > 1, let p = fileList.first(where: StackedFiles.isPattern) {
            throw error("file", "'\(p)' is a pattern inside a list", hint: "name the files, or give one pattern: file = \"xuat-khau/*.csv\"")
        }
        let fileField = fileList?.first
        let stacksFiles = (fileList?.count ?? 0) > 1 || fileField.map(StackedFiles.isPattern) == true
        func resolve(_ f: String) -> String { f.hasPrefix("/") ? f : (directory as NSString).appendingPathComponent(f) }
        if database != nil, fileField != nil {
            throw error("file", "a dataset is a file or a database table, not both", hint: "remove `file` or `database`")
        }
        guard database != nil || fileField != nil else { throw error("file", "missing: every dataset names its CSV file (or a `database` and `table`)") }
        let path = fileField.map(resolve) ?? ""
        // A missing file fails only the loads of this dataset (DatasetLoader), never the whole catalog.
        var csv = CSVOptions()
        switch try string("decimal") ?? "." {
        case ".": break
        case ",": csv.numberStyle = .vietnamese
        case let other: throw error("decimal", "'\(other)' is not a decimal mark", hint: "use \".\" (1234.5) or \",\" (1.234,5)")
        }
        if let t = try string("thousands") {
            guard t.utf8.count <= 1 else { throw error("thousands", "'\(t)' is not one character") }
            guard t.utf8.first != csv.numberStyle.decimalMark else {
                throw error("thousands", "'\(t)' is also the decimal mark", hint: "a number cannot use one character for both; with decimal = \",\" the thousands separator is \".\"")
            }
            csv.numberStyle.thousandsSeparator = t.utf8.first
        }
        if let d = try string("delimiter") {
            let map: [String: UInt8] = [",": 44, ";": 59, "\t": 9, "tab": 9, "|": 124]
            guard let b = map[d] else { throw error("delimiter", "'\(d)' is not a delimiter", hint: "use \",\", \";\", \"tab\" or \"|\"") }
            csv.delimiter = b
        }
        if let m = try strings("null_markers") { csv.nullMarkers = m }
        if let e = try string("encoding") {
            guard let enc = TextEncoding(name: e) else { throw error("encoding", "'\(e)' is not an encoding Almanac reads", hint: "use " + TextEncoding.declarable) }
            csv.encoding = enc
        }
        if let o = try string("date_order") {
            switch o {
            case "day-first": csv.dayOrder = .dayFirst
            case "month-first": csv.dayOrder = .monthFirst
            default: throw error("date_order", "'\(o)' is not a date order", hint: "use \"day-first\" or \"month-first\"")
            }
        }
        if let l = entry["lenient"] {
            guard let b = l.bool else { throw error("lenient", "expected true or false") }
            csv.lenient = b
        }
        var frequency: Frequency? = nil
        if let f = try string("frequency") {
            guard let fr = Frequency(name: f) else { throw error("frequency", "'\(f)' is not a frequency", hint: "use year, quarter, month or day") }
            frequency = fr
        }
        if let types = entry["types"] {
            guard let t = types.table else { throw error("types", "expected a table of column = type") }
            for col in t.keys {
                guard let s = t[col]?.string else { throw error("types.\(col)", "expected a type name") }
                switch s {
                case "int", "integer": csv.declaredTypes[col] = .int
                case "float", "number": csv.declaredTypes[col] = .float
                case "text", "string": csv.declaredTypes[col] = .text
                case "bool", "boolean": csv.declaredTypes[col] = .bool
                default:
                    guard let f = Frequency(name: s) else {
                        throw error("types.\(col)", "'\(s)' is not a type", hint: "use integer, number, text, boolean, year, quarter, month or day")
                    }
                    csv.declaredTypes[col] = .period(f)
                }
            }
        }
        var periodColumns = try strings("period") ?? []
        if periodColumns == ["file name"] {
            // The period is in the file names of the files a pattern stacks (`xk-T10-2024.csv`).
            guard stacksFiles else { throw error("period", "\"file name\" needs several files (a pattern or a list)", hint: "file = \"xuat-khau/*.csv\"") }
            csv.periodFromFileName = "period"
            periodColumns = ["period"]
        }
        if let fc = try string("file_column") {
            guard stacksFiles else { throw error("file_column", "a file name column needs several files (a pattern or a list)", hint: "file = \"xuat-khau/*.csv\"") }
            csv.fileColumn = fc
        }
        if periodColumns.count > 2 { throw error("period", "a period is one column or two parts ([\"year\", \"month\"])") }
        // A column the catalog names as the period is read as one whatever its header says (`period = "code"`).
        if periodColumns.count == 1, csv.periodFromFileName == nil { csv.periodNames = [periodColumns[0]] }
        if let t = try string("totals") {
            guard let policy = TotalRowPolicy(rawValue: t) else {
                throw error("totals", "'\(t)' is not a way to treat total rows", hint: "use \"keep\" (total rows are data) or \"set aside\" (the default)")
            }
            csv.totalRows = policy
        }
        if periodColumns.count == 1, let f = frequency, csv.declaredTypes[periodColumns[0]] == nil {
            csv.declaredTypes[periodColumns[0]] = .period(f)
        }
        var measures: [String: MeasureSpec] = [:]
        if let m = entry["measures"] {
            guard let mt = m.table else { throw error("measures", "expected a table: column = { unit = \"…\" }") }
            for col in mt.keys {
                let field = "measures.\(col)"
                var unitName: String? = nil
                var label: String? = nil
                if let s = mt[col]?.string { unitName = s }
                else if let t = mt[col]?.table {
                    unitName = t["unit"]?.string
                    label = t["label"]?.string
                } else { throw error(field, "expected { unit = \"…\", label = \"…\" }") }
                guard let un = unitName else { throw error(field, "missing unit") }
                guard let unit = Unit(named: un) else {
                    let close = Suggestions.closest(to: un, among: Unit.known.map(\.name))
                    throw error(field, "unknown unit '\(un)'", hint: close.map { "did you mean '\($0)'?" } ?? "known units: " + Unit.known.map(\.name).joined(separator: ", "))
                }
                measures[col] = MeasureSpec(unit: unit, label: label)
            }
        }
        var labels: [String: String] = [:]
        if let l = entry["labels"] {
            guard let lt = l.table else { throw error("labels", "expected a table: column = \"label\"") }
            for col in lt.keys { labels[col] = lt[col]?.string }
        }
        var synthetic = false
        if let s = entry["synthetic"] {
            guard let b = s.bool else { throw error("synthetic", "expected true or false") }
            synthetic = b
        }
        var spec = DatasetSpec(name: name, path: path, title: try string("title"), description: try string("description"),
                               source: try string("source"), synthetic: synthetic, periodColumns: periodColumns, frequency: frequency,
                               dimensions: try strings("dimensions") ?? [], measures: measures, labels: labels, csv: csv,
                               database: database)
        if let fileList, fileList.count > 1 { spec.files = fileList.map(resolve) }
        for key in ["header_row", "skip_footer"] {
            guard let v = entry[key] else { continue }
            guard let n = v.int, n >= (key == "header_row" ? 1 : 0) else {
                throw error(key, key == "header_row" ? "expected the header's row number (1 for the first row)" : "expected how many rows at the end are not the table (0 or more)")
            }
            if key == "header_row" { spec.csv.headerRow = n } else { spec.csv.skipFooter = n }
        }
        if let sheet = try string("sheet") {
            guard TableFile.isWorkbook(path) else { throw error("sheet", "'\(fileField ?? path)' is a CSV file, not a workbook", hint: "name a sheet only for an .xlsx file") }
            spec.sheet = sheet
        }
        return spec
    }


    /// `database` and `table`, both or neither; the URL is PostgreSQL's and holds no password.
    func databaseTable() throws -> DatabaseTable? {
        let url = try string("database"), table = try string("table")
        if url == nil, table == nil { return nil }
        guard let url else { throw error("database", "missing: `table` names a database table, and `database` says which database", hint: "database = \"postgresql://user@host:5432/dbname\"") }
        guard let table, !table.isEmpty else { throw error("table", "missing: a `database` dataset names its table", hint: "table = \"trade\"") }
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw error("database", "'\(url)' is not a PostgreSQL URL", hint: "database = \"postgresql://user@host:5432/dbname\" (PostgreSQL is the only database so far)")
        }
        if let at = url.range(of: "@"), url[url.index(url.startIndex, offsetBy: 13)..<at.lowerBound].contains(":") {
            throw error("database", "the URL holds a password", hint: "a catalog is shared: give the password in PGPASSWORD or ~/.pgpass instead")
        }
        guard try string("frequency") != nil else {
            throw error("frequency", "missing: a database dataset states its frequency (year, quarter or month)", hint: "Almanac reads no sample of the table to infer it")
        }
        return DatabaseTable(url: url, table: table)
    }
}
