import AlmanacDiagnostics
import Foundation
import TOMLKit
import AlmanacCore
import AlmanacIO
import AlmanacXLSX

/// Reads a workbook file. Every error names the file, the sheet (1-based index and name) and the field.
///
/// Keys (all others are errors with a did-you-mean):
/// - top level: `title`, `subject`, `output` (default `out/<file name>.xlsx`), `constant_memory` (bool; default: any
///   sheet over `SheetWriter.streamingThreshold` rows),
///   `[params]`, `[[sheets]]`;
/// - `[params]`: `NAME = { type = "month" | "quarter" | "year" | "day" | "text" | "number", default = …, label = "…" }`;
/// - `[[sheets]]`: `name`, `query`, `title`, `formulas` (bool), `periods` (`"date"` | `"text"`),
///   `[sheets.labels]`, `[sheets.formats]`, `[sheets.chart]` (`type`, `x`, `y`, `title`, `x_title`, `y_title`,
///   `position` = `"right"` | `"below"`), `[sheets.conditional]` (`negative_red`, `positive_green`).
///
/// `query` is a file when it is one line ending in `.aq` (relative to the project folder), otherwise the query text.
/// `output`, the workbook's `title` and each sheet's `title` may hold `{name}` placeholders of declared parameters.
enum WorkbookSpecParser {
    static let topKeys = ["title", "subject", "output", "constant_memory", "params", "sheets"]
    static let paramKeys = ["type", "default", "label"]
    static let sheetKeys = ["name", "query", "title", "formulas", "periods", "labels", "formats", "chart", "conditional"]
    static let chartKeys = ["type", "x", "y", "title", "x_title", "y_title", "position"]
    static let conditionalKeys = ["negative_red", "positive_green"]

    struct Context {
        let file: String
        var sheetIndex: Int?
        var sheetName: String?

        func error(_ field: String?, _ message: String, hint: String? = nil) -> WorkbookSpecError {
            WorkbookSpecError(file: file, sheetIndex: sheetIndex, sheetName: sheetName, field: field, message: message, hint: hint)
        }

        func checkKeys(_ table: TOMLTable, known: [String], prefix: String = "") throws {
            for key in table.keys where !known.contains(key) {
                let close = Suggestions.closest(to: key, among: known)
                throw error(prefix + key, "unknown key",
                            hint: close.map { "did you mean '\(prefix + $0)'?" } ?? "known keys: " + known.map { prefix + $0 }.joined(separator: ", "))
            }
        }

        func string(_ table: TOMLTable, _ key: String, field: String? = nil) throws -> String? {
            guard let v = table[key] else { return nil }
            guard let s = v.string else { throw error(field ?? key, "expected a string, found \(v.type)") }
            return s
        }

        func bool(_ table: TOMLTable, _ key: String, field: String? = nil) throws -> Bool? {
            guard let v = table[key] else { return nil }
            guard let b = v.bool else { throw error(field ?? key, "expected true or false, found \(v.type)") }
            return b
        }

        func strings(_ table: TOMLTable, _ key: String, field: String) throws -> [String]? {
            guard let v = table[key] else { return nil }
            if let s = v.string { return [s] }
            guard let a = v.array else { throw error(field, "expected a list of column names, found \(v.type)") }
            return try a.map { e in
                guard let s = e.string else { throw error(field, "expected a list of column names, found a \(e.type) in it") }
                return s
            }
        }

        func table(_ table: TOMLTable, _ key: String, field: String) throws -> TOMLTable? {
            guard let v = table[key] else { return nil }
            guard let t = v.table else { throw error(field, "expected a table, found \(v.type)") }
            return t
        }
    }

    static func parse(_ text: String, file: String, projectDirectory: String) throws -> WorkbookSpec {
        var ctx = Context(file: file)
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ctx.error(nil, "\(e.description) (line \(e.source.begin.line), column \(e.source.begin.column))")
        }
        try ctx.checkKeys(root, known: topKeys)
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var spec = WorkbookSpec(file: file, projectDirectory: projectDirectory,
                                title: try ctx.string(root, "title"), subject: try ctx.string(root, "subject"),
                                output: try ctx.string(root, "output") ?? "out/\(stem).xlsx",
                                constantMemory: try ctx.bool(root, "constant_memory"))
        if spec.output.trimmingCharacters(in: .whitespaces).isEmpty { throw ctx.error("output", "the output path is empty") }

        // Parameters.
        if let params = try ctx.table(root, "params", field: "params") {
            for name in params.keys {
                spec.parameters.append(try parameter(name, params[name]!, ctx: ctx))
            }
        }
        let declared = spec.parameters.map(\.name)
        try checkPlaceholders(spec.output, field: "output", declared: declared, ctx: ctx)
        if let title = spec.title { try checkPlaceholders(title, field: "title", declared: declared, ctx: ctx) }

        // Sheets.
        guard let sheetsValue = root["sheets"] else {
            throw ctx.error("sheets", "a workbook needs at least one [[sheets]] entry")
        }
        guard let sheets = sheetsValue.array else {
            throw ctx.error("sheets", "expected an array of tables ([[sheets]]), found \(sheetsValue.type)")
        }
        if sheets.isEmpty { throw ctx.error("sheets", "a workbook needs at least one [[sheets]] entry") }
        var seenNames: [String: Int] = [:]
        for (i, value) in sheets.enumerated() {
            ctx.sheetIndex = i + 1
            ctx.sheetName = nil
            guard let t = value.table else { throw ctx.error(nil, "expected a table ([[sheets]]), found \(value.type)") }
            ctx.sheetName = t["name"]?.string
            let sheet = try self.sheet(t, index: i + 1, ctx: ctx, projectDirectory: projectDirectory,
                                       existingNames: Set(spec.sheets.map(\.name)))
            if let title = sheet.options.title { try checkPlaceholders(title, field: "title", declared: declared, ctx: ctx) }
            let key = SheetName.comparisonKey(sheet.name)
            if let other = seenNames[key] {
                throw ctx.error("name", "sheet \(other) already has this name (Excel compares sheet names ignoring case)")
            }
            seenNames[key] = i + 1
            spec.sheets.append(sheet)
        }
        return spec
    }

    /// Every `{name}` in `text` (the output path, the workbook's or a sheet's title) must be a declared parameter.
    static func checkPlaceholders(_ text: String, field: String, declared: [String], ctx: Context) throws {
        for placeholder in OutputTemplate.placeholders(in: text) where !declared.contains(placeholder) {
            let close = Suggestions.closest(to: placeholder, among: declared)
            throw ctx.error(field, "'{\(placeholder)}' is not a parameter of this workbook",
                            hint: close.map { "did you mean '{\($0)}'?" } ?? (declared.isEmpty ? "declare it under [params]" : "parameters: " + declared.joined(separator: ", ")))
        }
    }

    static func parameter(_ name: String, _ value: TOMLValueConvertible, ctx: Context) throws -> ParameterSpec {
        let field = "params.\(name)"
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ctx.error(field, "parameter names are letters, digits and '_'")
        }
        guard let t = value.table else {
            throw ctx.error(field, "expected { type = \"…\", default = … }, found \(value.tomlValue.type)")
        }
        try ctx.checkKeys(t, known: paramKeys, prefix: "\(field).")
        guard let typeName = try ctx.string(t, "type", field: "\(field).type") else {
            throw ctx.error("\(field).type", "missing", hint: "use " + ParameterType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let type = ParameterType(rawValue: typeName) else {
            let close = Suggestions.closest(to: typeName, among: ParameterType.allCases.map(\.rawValue))
            throw ctx.error("\(field).type", "'\(typeName)' is not a parameter type",
                            hint: (close.map { "did you mean '\($0)'? " } ?? "") + "use " + ParameterType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var defaultValue: String?
        if let d = t["default"] {
            let raw: String
            if let s = d.string { raw = s }
            else if let n = d.int, type == .year || type == .number { raw = String(n) }
            else if let x = d.double, type == .number { raw = NumberFormatting.plain(x) }
            else { throw ctx.error("\(field).default", "expected \(type.example), found \(d.type)") }
            switch type.canonical(raw) {
            case .success(let v): defaultValue = v
            case .failure(let why): throw ctx.error("\(field).default", "'\(raw)': \(why)", hint: "use \(type.example)")
            }
        }
        return ParameterSpec(name: name, type: type, defaultValue: defaultValue, label: try ctx.string(t, "label", field: "\(field).label"))
    }

    /// One `[[sheets]]` entry. A name Excel cannot take (too long, `[ ] : * ? / \`, apostrophes at the ends, empty,
    /// `History`) becomes a valid one derived from it, unique among `existingNames`; the sheet records why, and the
    /// export says so on stderr and in the Notes sheet.
    static func sheet(_ t: TOMLTable, index: Int, ctx: Context, projectDirectory: String,
                      existingNames: Set<String> = []) throws -> SheetSpec {
        try ctx.checkKeys(t, known: sheetKeys)
        guard var name = try ctx.string(t, "name") else { throw ctx.error("name", "missing: every sheet has a name") }
        var renamed: SheetSpec.Renaming?
        if let problem = SheetName.problem(in: name) {
            let made = SheetName.make(from: name, existing: existingNames.union([NotesSheet.name]))
            renamed = SheetSpec.Renaming(declared: name, problem: problem.description, changes: made.reason ?? "")
            name = made.name
        }
        if SheetName.comparisonKey(name) == SheetName.comparisonKey(NotesSheet.name) {
            throw ctx.error("name", "\"\(NotesSheet.name)\" is reserved for the Notes sheet every workbook ends with")
        }
        guard let queryValue = try ctx.string(t, "query") else {
            throw ctx.error("query", "missing: give a query file (\"Queries/x.aq\") or the query text")
        }
        let query = try self.query(queryValue, index: index, name: name, ctx: ctx, projectDirectory: projectDirectory)

        var options = SheetOptions()
        options.title = try ctx.string(t, "title")
        options.formulas = try ctx.bool(t, "formulas") ?? false
        if let p = try ctx.string(t, "periods") {
            guard let style = PeriodStyle(rawValue: p) else {
                throw ctx.error("periods", "'\(p)' is not a period style", hint: "use \"date\" (Excel dates where possible) or \"text\"")
            }
            options.periods = style
        }
        if let labels = try ctx.table(t, "labels", field: "labels") {
            for column in labels.keys {
                guard let s = labels[column]?.string else { throw ctx.error("labels.\(column)", "expected a string") }
                options.labels[column] = s.nfc
            }
        }
        if let formats = try ctx.table(t, "formats", field: "formats") {
            for column in formats.keys {
                guard let s = formats[column]?.string else {
                    throw ctx.error("formats.\(column)", "expected a string", hint: "use percent, amount, count, integer, text or an Excel format code")
                }
                switch ColumnPresentation.parse(s) {
                case .success(let p): options.formats[column] = p
                case .failure(let e): throw ctx.error("formats.\(column)", e.message, hint: e.hint)
                }
            }
        }
        if let chart = try ctx.table(t, "chart", field: "chart") { options.chart = try self.chart(chart, ctx: ctx) }
        if let c = try ctx.table(t, "conditional", field: "conditional") {
            try ctx.checkKeys(c, known: conditionalKeys, prefix: "conditional.")
            options.highlights.negativeRed = try ctx.strings(c, "negative_red", field: "conditional.negative_red") ?? []
            options.highlights.positiveGreen = try ctx.strings(c, "positive_green", field: "conditional.positive_green") ?? []
        }
        var sheet = SheetSpec(index: index, name: name.nfc, query: query, options: options)
        sheet.renamed = renamed
        return sheet
    }

    static func query(_ value: String, index: Int, name: String, ctx: Context, projectDirectory: String) throws -> SourceText {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw ctx.error("query", "the query is empty") }
        if !trimmed.contains("\n"), trimmed.hasSuffix(".aq") {
            let path = trimmed.hasPrefix("/") ? trimmed : (projectDirectory as NSString).appendingPathComponent(trimmed)
            guard FileManager.default.fileExists(atPath: path) else {
                throw ctx.error("query", "no such query file: \(path)",
                                hint: "query paths are relative to the project folder \(projectDirectory)")
            }
            do {
                return SourceText(name: trimmed, text: try String(contentsOfFile: path, encoding: .utf8), isFile: true)
            } catch {
                throw ctx.error("query", "cannot read \(path): \(error.localizedDescription)")
            }
        }
        return SourceText(name: "\(ctx.file), sheet \(index) \"\(name)\"", text: value)
    }

    static func chart(_ t: TOMLTable, ctx: Context) throws -> ReportChart {
        try ctx.checkKeys(t, known: chartKeys, prefix: "chart.")
        let kinds = ReportChart.Kind.allCases.map(\.rawValue)
        let typeName = try ctx.string(t, "type", field: "chart.type") ?? "line"
        guard let kind = ReportChart.Kind(rawValue: typeName) else {
            let close = Suggestions.closest(to: typeName, among: kinds)
            throw ctx.error("chart.type", "'\(typeName)' is not a chart type",
                            hint: (close.map { "did you mean '\($0)'? " } ?? "") + "use " + kinds.joined(separator: ", "))
        }
        guard let x = try ctx.string(t, "x", field: "chart.x") else {
            throw ctx.error("chart.x", "missing: the column for the categories (x axis)")
        }
        guard let y = try ctx.strings(t, "y", field: "chart.y"), !y.isEmpty else {
            throw ctx.error("chart.y", "missing: the column(s) to plot, e.g. y = [\"value\"]")
        }
        var placement = ReportChart.Placement.right
        if let p = try ctx.string(t, "position", field: "chart.position") {
            guard let v = ReportChart.Placement(rawValue: p) else {
                throw ctx.error("chart.position", "'\(p)' is not a position", hint: "use \"right\" or \"below\"")
            }
            placement = v
        }
        for key in ["title", "x_title", "y_title"] {
            if let s = try ctx.string(t, key, field: "chart.\(key)"), s.hasPrefix("=") {
                throw ctx.error("chart.\(key)", "chart texts cannot start with '=' (Excel would read a formula)")
            }
        }
        return ReportChart(kind: kind, x: x, y: y, title: try ctx.string(t, "title", field: "chart.title"),
                           xAxisTitle: try ctx.string(t, "x_title", field: "chart.x_title"),
                           yAxisTitle: try ctx.string(t, "y_title", field: "chart.y_title"), placement: placement)
    }
}
