import Foundation
import AlmanacCore
import AlmanacEngine
import AlmanacIO

/// The engine's sources over a catalog, with CSV files by path; loaded tables are cached for the provider's life.
/// Handles are keyed `dataset:NAME` or `file:PATH`; `dataset(for:)` gives a handle's catalog entry back (for the
/// provenance a workbook's Notes list).
public final class CatalogTableProvider: TableProvider, @unchecked Sendable {
    public let catalog: Catalog
    /// Guards `cache`: a provider may serve the sheets of one export from several threads.
    private let lock = NSLock()
    private var cache: [String: LoadResult] = [:]

    public init(catalog: Catalog) { self.catalog = catalog }

    public var datasetNames: [String] { catalog.names }

    public var schemasArePreviews: Bool { true }

    /// The source a handle stands for.
    enum Source {
        case dataset(DatasetSpec)
        case file(String)
    }

    public static func handle(dataset spec: DatasetSpec) -> SourceHandle {
        SourceHandle(key: "dataset:" + spec.name, displayName: spec.name, shortName: spec.name)
    }

    public static func handle(file path: String) -> SourceHandle {
        SourceHandle(key: "file:" + path, displayName: path)
    }

    public func resolve(_ name: String, quoted: Bool) -> SourceResolution {
        if let spec = catalog.datasets[name] { return .found(Self.handle(dataset: spec)) }
        guard quoted || name.hasSuffix(".csv") || name.contains("/") else { return .unknown }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) else { return .missingFile(name) }
        return isFolder.boolValue ? .folder(name) : .found(Self.handle(file: name))
    }

    /// The catalog entry behind a handle (nil for a file read by path).
    public func dataset(for handle: SourceHandle) -> DatasetSpec? {
        guard case .dataset(let spec)? = source(handle) else { return nil }
        return spec
    }

    func source(_ handle: SourceHandle) -> Source? {
        if handle.key.hasPrefix("dataset:") { return catalog.datasets[String(handle.key.dropFirst(8))].map(Source.dataset) }
        if handle.key.hasPrefix("file:") { return .file(String(handle.key.dropFirst(5))) }
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
        case .file(let path)?:
            var options = CSVOptions()
            options.maxRows = options.sampleRows
            return Schema(try CSVReader.load(path: path, options: options).table)
        case nil:
            throw CatalogError(file: catalog.file, message: "no source '\(handle.displayName)'")
        }
    }

    public func load(_ handle: SourceHandle, columns: Set<String>?) throws -> SourceTable {
        let r = try loadResult(handle, columns: columns)
        return SourceTable(table: r.table, rejected: r.report.rejected)
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
        case .file(let path)?:
            var options = CSVOptions()
            options.columns = columns
            r = try CSVReader.load(path: path, options: options)
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
