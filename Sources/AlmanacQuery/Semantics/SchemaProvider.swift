import AlmanacCore
import AlmanacIO

/// Gives the binder the schema of a source, and the executor its rows.
public protocol TableProvider {
    /// Resolves `from NAME` or `from "path.csv"`.
    func resolve(_ name: String, quoted: Bool) -> SourceRef?
    /// Names the user could have meant (for did-you-mean).
    var datasetNames: [String] { get }
    /// The schema of a source (may read the file's header and sample).
    func schema(of source: SourceRef) throws -> Schema
    /// Loads a source's rows, only the named columns when given.
    func load(_ source: SourceRef, columns: Set<String>?) throws -> LoadResult
    /// Whether `schema(of:)` may come from the first rows only (then a full load can type a column differently).
    var schemasArePreviews: Bool { get }
}

extension TableProvider {
    public var schemasArePreviews: Bool { false }
}

/// A provider over a catalog, with CSV files by path; loaded tables are cached for the provider's life.
public final class CatalogTableProvider: TableProvider, @unchecked Sendable {
    public let catalog: Catalog
    private var cache: [String: LoadResult] = [:]

    public init(catalog: Catalog) { self.catalog = catalog }

    public var datasetNames: [String] { catalog.names }

    public var schemasArePreviews: Bool { true }

    public func resolve(_ name: String, quoted: Bool) -> SourceRef? {
        if let spec = catalog.datasets[name] { return .dataset(spec) }
        if quoted || name.hasSuffix(".csv") || name.contains("/") { return .file(name) }
        return nil
    }

    /// The schema from the first rows only (header and inference sample, parsed and dressed as a full load would),
    /// so that a query is checked before its data is read; once a source is loaded, its real schema.
    public func schema(of source: SourceRef) throws -> Schema {
        if let r = cache[source.displayName] { return Schema(r.table) }
        switch source {
        case .dataset(let spec):
            var c = catalog
            c.register(spec)
            return Schema(try c.preview(spec.name).table)
        case .file(let path):
            var options = CSVOptions()
            options.maxRows = options.sampleRows
            return Schema(try CSVReader.load(path: path, options: options).table)
        case .memory(let name):
            throw CatalogError(file: catalog.file, message: "no table '\(name)' in memory")
        }
    }

    public func load(_ source: SourceRef, columns requested: Set<String>?) throws -> LoadResult {
        // A lenient load reads every column, so that the rows it sets aside never depend on the query.
        var columns = requested
        if case .dataset(let spec) = source, spec.csv.lenient { columns = nil }
        // A full load serves every request; a partial one only the same columns.
        if let r = cache[source.displayName] { return r }
        let key = columns.map { source.displayName + "|" + $0.sorted().joined(separator: "|") } ?? source.displayName
        if let r = cache[key] { return r }
        let r: LoadResult
        switch source {
        case .dataset(let spec):
            var c = catalog
            c.register(spec)
            r = try c.load(spec.name, columns: columns)
        case .file(let path):
            var options = CSVOptions()
            options.columns = columns
            r = try CSVReader.load(path: path, options: options)
        case .memory(let name):
            throw CatalogError(file: catalog.file, message: "no table '\(name)' in memory")
        }
        cache[key] = r
        return r
    }
}
