import Foundation
import AlmanacCore
import AlmanacEngine
import AlmanacIO

/// The engine's sources over a catalog, with CSV files and workbooks by path; loaded tables are cached for the
/// provider's life. Handles are keyed `dataset:NAME` or `file:PATH`, with `\0SHEET` after either for a named sheet; `dataset(for:)` gives a handle's catalog entry back (for the
/// provenance a workbook's Notes list).
public final class CatalogTableProvider: TableProvider, @unchecked Sendable {
    public let catalog: Catalog
    /// Guards `cache`: a provider may serve the sheets of one export from several threads.
    private let lock = NSLock()
    private var cache: [String: LoadResult] = [:]

    /// The encoding of files read by path (`--encoding`); nil: UTF-8, or UTF-16 by its byte-order mark.
    public let fileEncoding: TextEncoding?

    public init(catalog: Catalog, fileEncoding: TextEncoding? = nil) {
        self.catalog = catalog
        self.fileEncoding = fileEncoding
    }

    public var datasetNames: [String] { catalog.names }

    public var schemasArePreviews: Bool { true }

    /// The source a handle stands for.
    enum Source {
        /// A dataset, its sheet replaced when the query names one.
        case dataset(DatasetSpec)
        case file(String, sheet: String?)
    }

    public static func handle(dataset spec: DatasetSpec, sheet: String? = nil) -> SourceHandle {
        SourceHandle(key: "dataset:" + spec.name + (sheet.map { "\0" + $0 } ?? ""),
                     displayName: spec.name + (sheet.map { " (sheet '\($0)')" } ?? ""), shortName: spec.name)
    }

    public static func handle(file path: String, sheet: String? = nil) -> SourceHandle {
        if path == TableFile.standardInput { return SourceHandle(key: "file:" + path, displayName: "standard input", shortName: "stdin") }
        return SourceHandle(key: "file:" + path + (sheet.map { "\0" + $0 } ?? ""),
                     displayName: path + (sheet.map { " (sheet '\($0)')" } ?? ""), shortName: SourceHandle.shortName(of: path))
    }

    public func resolve(_ name: String, quoted: Bool) -> SourceResolution { resolve(name, quoted: quoted, sheet: nil) }

    public func resolve(_ name: String, quoted: Bool, sheet: String?) -> SourceResolution {
        if let spec = catalog.datasets[name] { return .found(Self.handle(dataset: spec, sheet: sheet)) }
        if quoted && name == TableFile.standardInput { return .found(Self.handle(file: name, sheet: sheet)) }
        guard quoted || name.hasSuffix(".csv") || name.contains("/") || WorkbookReader.isSpreadsheetPath(name) else { return .unknown }
        if TableFile.matchesFiles(name) { return .found(Self.handle(file: name, sheet: sheet)) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) else { return .missingFile(name) }
        return isFolder.boolValue ? .folder(name) : .found(Self.handle(file: name, sheet: sheet))
    }

    /// The catalog entry behind a handle (nil for a file read by path).
    public func dataset(for handle: SourceHandle) -> DatasetSpec? {
        guard case .dataset(let spec)? = source(handle) else { return nil }
        return spec
    }

    func source(_ handle: SourceHandle) -> Source? {
        let parts = handle.key.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let sheet = parts.count > 1 ? parts[1] : nil
        if parts[0].hasPrefix("dataset:") {
            return catalog.datasets[String(parts[0].dropFirst(8))].map { spec in
                var s = spec
                if let sheet { s.sheet = sheet }
                return Source.dataset(s)
            }
        }
        if parts[0].hasPrefix("file:") { return .file(String(parts[0].dropFirst(5)), sheet: sheet) }
        return nil
    }

    func cached(_ key: String) -> LoadResult? {
        lock.lock(); defer { lock.unlock() }
        return cache[key]
    }

    func store(_ r: LoadResult, _ key: String) {
        lock.lock(); defer { lock.unlock() }
        cache[key] = r
    }

    /// The schema from the first rows only (header and inference sample, parsed and dressed as a full load would),
    /// so that a query is checked before its data is read; once a source is loaded, its real schema.
    public func schema(of handle: SourceHandle) throws -> Schema {
        if let r = cached(handle.key) { return Schema(r.table) }
        switch source(handle) {
        case .dataset(let spec)? where spec.database != nil:
            let t = try DatabaseDatasets.schemaTable(spec, spec.database!, catalogFile: catalog.file)
            store(LoadResult(table: t, report: LoadReport(file: spec.database!.url, bytes: 0, delimiter: 44)), handle.key)
            return Schema(t)
        case .dataset(let spec)?:
            var c = catalog
            c.register(spec)
            return Schema(try c.preview(spec.name).table)
        case .file(let path, let sheet)?:
            var options = CSVOptions()
            options.encoding = fileEncoding
            options.maxRows = options.sampleRows
            return Schema(try TableFile.load(path: path, sheet: sheet, options: options).table)
        case nil:
            throw CatalogError(file: catalog.file, message: "no source '\(handle.displayName)'")
        }
    }

    public func load(_ handle: SourceHandle, columns: Set<String>?) throws -> SourceTable {
        let r = try loadResult(handle, columns: columns)
        var lenient = false
        if case .dataset(let spec)? = source(handle) { lenient = spec.csv.lenient }
        return SourceTable(loaded: r, lenient: lenient)
    }

    /// The load with its full report.
    public func loadResult(_ handle: SourceHandle, columns requested: Set<String>?) throws -> LoadResult {
        let source = source(handle)
        if case .dataset(let spec)? = source, let db = spec.database {
            throw CatalogError(file: catalog.file, dataset: spec.name, field: "database",
                               message: "the dataset is table '\(db.table)' in \(db.url): it is read only by a whole query that runs there, never loaded into Almanac")
        }
        // A lenient load reads every column, so that the rows it sets aside never depend on the query.
        var columns = requested
        if case .dataset(let spec)? = source, spec.csv.lenient { columns = nil }
        // A full load serves every request; a partial one only the same columns.
        if let r = cached(handle.key) { return r }
        let key = columns.map { handle.key + "|" + $0.sorted().joined(separator: "|") } ?? handle.key
        if let r = cached(key) { return r }
        let r: LoadResult
        switch source {
        case .dataset(let spec)?:
            var c = catalog
            c.register(spec)
            r = try c.load(spec.name, columns: columns)
        case .file(let path, let sheet)?:
            var options = CSVOptions()
            options.encoding = fileEncoding
            options.columns = columns
            r = try TableFile.load(path: path, sheet: sheet, options: options)
        case nil:
            throw CatalogError(file: catalog.file, message: "no source '\(handle.displayName)'")
        }
        store(r, key)
        return r
    }
}

extension QueryEngine {
    /// A query engine over a catalog (and CSV files by path).
    public init(catalog: Catalog) { self.init(provider: CatalogTableProvider(catalog: catalog)) }
}

extension SourceTable {
    /// A load's table, the rows it set aside and its total rows, its warnings and error cells, with the way back to its rows in the file (for a
    /// step that finds a bad cell).
    init(loaded r: LoadResult, lenient: Bool) {
        let locator = r.report.locator
        self.init(table: r.table, rejected: r.report.rejected, totals: r.report.totals, loadWarnings: r.report.warnings,
                  errorCells: r.report.errorCells, lenient: lenient, locate: { rows, column in locator.places(rows, column: column) })
    }
}
