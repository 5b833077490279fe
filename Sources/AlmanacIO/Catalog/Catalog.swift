import Foundation
import TOMLKit
import AlmanacCore
import AlmanacDiagnostics

/// The datasets a planner can query by name, read from `catalog.toml` in the data folder.
///
/// ```toml
/// [datasets.trade_annual]
/// file = "seed/trade_annual.csv"
/// title = "Kim ngạch xuất nhập khẩu theo năm"
/// source = "Báo Hà Giang, 2023-09-20"
/// period = "period"            # or ["year", "month"]
/// dimensions = ["province", "flow"]
/// decimal = "."                # "," for 1.234,5
/// [datasets.trade_annual.measures]
/// value = { unit = "million USD", label = "Kim ngạch (triệu USD)" }
/// ```
public struct Catalog: Sendable {
    public let directory: String
    public let file: String
    public private(set) var datasets: [String: DatasetSpec]
    /// Called after every full load of a dataset (not previews), with the dataset and what the load found: a
    /// command uses it to write the report of rows a lenient load set aside, whoever asked for the load. An error it
    /// throws fails the load.
    public var onLoad: (@Sendable (DatasetSpec, LoadResult) throws -> Void)?

    /// All dataset names, sorted.
    public var names: [String] { datasets.keys.sorted() }

    public init(directory: String, file: String, datasets: [String: DatasetSpec]) {
        self.directory = directory
        self.file = file
        self.datasets = datasets
    }

    /// Reads `catalog.toml` from a data folder (an empty catalog when there is none) and checks every entry.
    public static func load(dataDirectory: String) throws -> Catalog {
        let file = (dataDirectory as NSString).appendingPathComponent("catalog.toml")
        guard FileManager.default.fileExists(atPath: file) else {
            return Catalog(directory: dataDirectory, file: file, datasets: [:])
        }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw CatalogError(file: file, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: file, directory: dataDirectory)
    }

    /// Parses catalog text; paths are resolved against `directory`.
    public static func parse(_ text: String, file: String, directory: String) throws -> Catalog {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw CatalogError(file: file, message: "\(e.description) (line \(e.source.begin.line), column \(e.source.begin.column))")
        }
        var specs: [String: DatasetSpec] = [:]
        for key in root.keys where key != "datasets" {
            throw CatalogError(file: file, field: key, message: "unknown top-level key", hint: "datasets go under [datasets.NAME]")
        }
        guard let table = root["datasets"]?.table else { return Catalog(directory: directory, file: file, datasets: [:]) }
        for name in table.keys {
            guard let entry = table[name]?.table else {
                throw CatalogError(file: file, dataset: name, message: "expected a table [datasets.\(name)]")
            }
            specs[name] = try CatalogEntryParser(file: file, directory: directory, name: name, entry: entry).parse()
        }
        return Catalog(directory: directory, file: file, datasets: specs)
    }

    /// The spec of a dataset, or an error with the closest name.
    public func spec(named name: String) throws -> DatasetSpec {
        if let s = datasets[name] { return s }
        throw CatalogError(file: file, message: "no dataset '\(name)' in the catalog",
                           hint: Suggestions.hint(for: name, among: names, kind: "datasets", limit: 40) ?? "the catalog is empty")
    }

    /// Adds or replaces a dataset (e.g. a CSV named on the command line).
    public mutating func register(_ spec: DatasetSpec) { datasets[spec.name] = spec }

    /// Loads a dataset: reads its file, checks that the catalog's columns exist, applies roles, units and labels,
    /// and builds the period from parts where declared.
    public func load(_ name: String, columns: Set<String>? = nil) throws -> LoadResult {
        let spec = try spec(named: name)
        let result = try DatasetLoader.load(spec, catalogFile: file, columns: columns)
        try onLoad?(spec, result)
        return result
    }

    /// The catalog with every dataset loaded leniently (`--lenient`).
    public func lenient() -> Catalog {
        var c = self
        for (name, var spec) in datasets { spec.csv.lenient = true; c.datasets[name] = spec }
        return c
    }

    /// The catalog with every file dataset read in one encoding (`--encoding`), over what the entries declare.
    public func reading(encoding: TextEncoding) -> Catalog {
        var c = self
        for (name, var spec) in datasets { spec.csv.encoding = encoding; c.datasets[name] = spec }
        return c
    }

    /// The first rows of a dataset, read and dressed as a full load would (the sample inference uses): its schema
    /// without reading the rest of the file.
    public func preview(_ name: String, rows: Int? = nil) throws -> LoadResult {
        let spec = try spec(named: name)
        return try DatasetLoader.load(spec, catalogFile: file, columns: nil, maxRows: rows ?? spec.csv.sampleRows)
    }

    /// Checks every entry against its file's header (missing files, unknown columns) without loading data.
    public func validate() throws {
        for name in names { try DatasetLoader.checkColumns(datasets[name]!, catalogFile: file) }
    }
}
