import AlmanacDiagnostics
import Foundation
import AlmanacCore
import AlmanacIO

/// A workbook file (`Workbooks/*.toml`) parsed and checked: what to export, sheet by sheet.
///
/// ```toml
/// title = "Báo cáo kinh tế đối ngoại tháng {period}"
/// output = "out/bao-cao-thang-{period}.xlsx"
/// [params]
/// period = { type = "month", default = "2024-10" }
/// [[sheets]]
/// name = "Xuất nhập khẩu"
/// query = "Queries/trade-month.aq"
/// ```
/// See `WorkbookSpecParser` for every key.
public struct WorkbookSpec: Sendable {
    /// The file's path as given (used in every error message).
    public var file: String
    /// The folder relative paths (`query`, `output`) start from: the parent of a `Workbooks` folder
    /// holding the file, otherwise the file's own folder.
    public var projectDirectory: String
    /// The workbook's title, with `{param}` placeholders (filled in at export).
    public var title: String?
    public var subject: String?
    /// The output path template, with `{param}` placeholders.
    public var output: String
    /// Write the workbook in libxlsxwriter's constant-memory mode (flat memory for huge sheets); nil: decided by
    /// the size of the results (`SheetWriter.streamingThreshold`).
    public var constantMemory: Bool?
    /// Declared parameters, by name.
    public var parameters: [ParameterSpec]
    /// The sheets, in file order.
    public var sheets: [SheetSpec]

    public init(file: String, projectDirectory: String, title: String? = nil, subject: String? = nil, output: String,
                constantMemory: Bool? = nil, parameters: [ParameterSpec] = [], sheets: [SheetSpec] = []) {
        self.file = file
        self.projectDirectory = projectDirectory
        self.title = title
        self.subject = subject
        self.output = output
        self.constantMemory = constantMemory
        self.parameters = parameters
        self.sheets = sheets
    }

    /// Reads and checks a workbook file.
    public static func load(file: String) throws -> WorkbookSpec {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw WorkbookSpecError(file: file, message: "cannot read the workbook file: \(error.localizedDescription)")
        }
        return try WorkbookSpecParser.parse(text, file: file, projectDirectory: projectDirectory(for: file))
    }

    /// Parses workbook text; relative paths start from `projectDirectory`.
    public static func parse(_ text: String, file: String, projectDirectory: String) throws -> WorkbookSpec {
        try WorkbookSpecParser.parse(text, file: file, projectDirectory: projectDirectory)
    }

    /// The parent of a `Workbooks` folder holding `file`, otherwise the file's folder.
    public static func projectDirectory(for file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        let base = folder.isEmpty ? "." : folder
        if (base as NSString).lastPathComponent == "Workbooks" {
            let parent = (base as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }
        return base
    }

    // MARK: Parameters

    /// The parameter values to export with: defaults overridden by `overrides` (canonicalised by type).
    ///
    /// - Parameter ignoreUnknown: skip overrides this workbook does not declare (for `exportAll`);
    ///   otherwise they are an error with a did-you-mean.
    public func resolveParameters(_ overrides: [String: String], ignoreUnknown: Bool = false) throws -> [ParameterValue] {
        let declared = Set(parameters.map(\.name))
        if !ignoreUnknown {
            for name in overrides.keys.sorted() where !declared.contains(name) {
                let close = Suggestions.closest(to: name, among: parameters.map(\.name))
                throw WorkbookSpecError(file: file, field: "params", message: "unknown parameter '\(name)'",
                                        hint: close.map { "did you mean '\($0)'?" }
                                            ?? (declared.isEmpty ? "this workbook declares no parameters" : "parameters: " + parameters.map(\.name).joined(separator: ", ")))
            }
        }
        return try parameters.map { p in
            let field = "params.\(p.name)"
            if let raw = overrides[p.name] {
                switch p.type.canonical(raw) {
                case .success(let v): return ParameterValue(name: p.name, value: v)
                case .failure(let why): throw WorkbookSpecError(file: file, field: field, message: "value '\(raw)': \(why)", hint: p.type.example)
                }
            }
            guard let value = p.defaultValue else {
                throw WorkbookSpecError(file: file, field: field, message: "no value: the parameter has no default and none was given",
                                        hint: "give one, e.g. --param \(p.name)=\(p.type.exampleValue)")
            }
            return ParameterValue(name: p.name, value: value)
        }
    }

    /// The output file for these parameter values: `{name}` placeholders replaced by file-name-safe values,
    /// relative paths resolved against `projectDirectory`.
    public func outputURL(parameters: [ParameterValue]) -> URL {
        var values: [String: String] = [:]
        for p in parameters { values[p.name] = p.value }
        let path = OutputTemplate.substitute(output, values: values)
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: projectDirectory).appendingPathComponent(path).standardizedFileURL
    }
}

/// One declared parameter.
public struct ParameterSpec: Hashable, Sendable {
    public var name: String
    public var type: ParameterType
    /// The default, already canonical (`2024-10`), or nil when the value must be given.
    public var defaultValue: String?
    public var label: String?

    public init(name: String, type: ParameterType, defaultValue: String? = nil, label: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.label = label
    }
}

/// The types a parameter can have.
public enum ParameterType: String, Hashable, Sendable, CaseIterable {
    case month, quarter, year, day, text, number

    var frequency: Frequency? {
        switch self {
        case .month: return .month
        case .quarter: return .quarter
        case .year: return .year
        case .day: return .day
        case .text, .number: return nil
        }
    }

    var exampleValue: String {
        switch self {
        case .month: return "2024-10"
        case .quarter: return "2024-Q3"
        case .year: return "2024"
        case .day: return "2024-10-15"
        case .text: return "\"Hà Giang\""
        case .number: return "12.5"
        }
    }

    var example: String { "a \(rawValue) such as \(exampleValue)" }

    /// The value in canonical form (`10/2024` → `2024-10`, text in NFC), or why it is not one.
    public func canonical(_ raw: String) -> Result<String, ParameterValueError> {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        switch self {
        case .text:
            return .success(raw.nfc)
        case .number:
            guard let v = Double(trimmed), v.isFinite else { return .failure(ParameterValueError("not a number")) }
            return .success(NumberFormatting.plain(v))
        case .month, .quarter, .year, .day:
            switch PeriodParser.parse(trimmed) {
            case .period(let p):
                guard p.frequency == frequency else {
                    return .failure(ParameterValueError("'\(trimmed)' is a \(p.frequency), not a \(rawValue)"))
                }
                return .success(p.description)
            case .invalid(let why): return .failure(ParameterValueError(why))
            case .notAPeriod: return .failure(ParameterValueError("not a \(rawValue)"))
            }
        }
    }
}

/// Why a parameter value was rejected.
public struct ParameterValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}

/// One `[[sheets]]` entry.
public struct SheetSpec: Sendable {
    /// 1-based position in the file.
    public var index: Int
    public var name: String
    public var query: SourceText
    /// Everything but the formula hints (which come with the query's result).
    public var options: SheetOptions
    /// Set when the declared name was not a valid Excel sheet name and `name` was derived from it.
    public var renamed: Renaming?

    /// A declared sheet name Excel cannot take, and what was done to it.
    public struct Renaming: Hashable, Sendable {
        /// The name as the workbook file gives it.
        public var declared: String
        /// The rule it broke ("contains '/'; Excel forbids [ ] : * ? / \").
        public var problem: String
        /// What changed ("replaced illegal characters '/' with '_'").
        public var changes: String
    }

    public init(index: Int, name: String, query: SourceText, options: SheetOptions = SheetOptions()) {
        self.index = index
        self.name = name
        self.query = query
        self.options = options
    }
}

/// A problem in a workbook file, naming the file, the sheet (1-based index and name) and the field.
public struct WorkbookSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var sheetIndex: Int?
    public var sheetName: String?
    public var field: String?
    public var message: String
    public var hint: String?

    public init(file: String, sheetIndex: Int? = nil, sheetName: String? = nil, field: String? = nil,
                message: String, hint: String? = nil) {
        self.file = file
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var s = file
        if let i = sheetIndex {
            s += ": sheet \(i)"
            if let n = sheetName { s += " \"\(n)\"" }
        }
        if let f = field { s += (sheetIndex == nil ? ": " : ", ") + "field '\(f)'" }
        s += ": " + message
        if let h = hint { s += "\n  hint: " + h }
        return s
    }
}

/// `{name}` placeholders in output paths and titles.
public enum OutputTemplate {
    /// Names of the placeholders in `template`, in order.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// `template` with each `{name}` replaced by the file-name-safe form of its value (unknown names are left alone).
    public static func substitute(_ template: String, values: [String: String]) -> String {
        fill(template, values: values, sanitize: true)
    }

    /// A title with each `{name}` replaced by its value as given (unknown names are left alone): `"tháng {period}"`
    /// → `"tháng 2024-12"`.
    public static func title(_ template: String, values: [String: String]) -> String {
        fill(template, values: values, sanitize: false)
    }

    static func fill(_ template: String, values: [String: String], sanitize: Bool) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { out += rest[open...]; return out }
            let name = String(after[..<close])
            if let v = values[name] { out += sanitize ? Self.sanitize(v) : v } else { out += "{\(name)}" }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// A value made safe for one path component: `/ \ : * ? " < > |` and control characters become `-`,
    /// leading and trailing spaces and dots go, NFC; empty becomes `_`.
    public static func sanitize(_ value: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var s = ""
        for ch in value.nfc {
            if forbidden.contains(ch) || ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                s.append("-")
            } else {
                s.append(ch)
            }
        }
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        return s.isEmpty ? "_" : s
    }
}
