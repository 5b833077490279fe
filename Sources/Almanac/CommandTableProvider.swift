import Foundation
import AlmanacCore
import AlmanacIO
import AlmanacQuery

/// The query engine's sources for a command run: catalog datasets as the catalog loads them, CSV files by path
/// read leniently when `lenient` (the whole file, so that the rows set aside never depend on the query), and every
/// file load that set rows aside recorded in the run's `RejectedRowsLog`. (Datasets report to the log through the
/// catalog's `onLoad`.)
public final class CommandTableProvider: TableProvider, @unchecked Sendable {
    let base: CatalogTableProvider
    let lenient: Bool
    let log: RejectedRowsLog?
    private var files: [String: LoadResult] = [:]

    public init(catalog: Catalog, lenient: Bool, log: RejectedRowsLog?) {
        base = CatalogTableProvider(catalog: catalog)
        self.lenient = lenient
        self.log = log
    }

    public var datasetNames: [String] { base.datasetNames }
    public var schemasArePreviews: Bool { true }

    public func resolve(_ name: String, quoted: Bool) -> SourceRef? { base.resolve(name, quoted: quoted) }

    public func schema(of source: SourceRef) throws -> Schema {
        guard lenient, case .file(let path) = source else { return try base.schema(of: source) }
        if let r = files[path] { return Schema(r.table) }
        var options = CSVOptions(lenient: true)
        options.maxRows = options.sampleRows
        return Schema(try CSVReader.load(path: path, options: options).table)
    }

    public func load(_ source: SourceRef, columns: Set<String>?) throws -> LoadResult {
        guard case .file(let path) = source else { return try base.load(source, columns: columns) }
        let r: LoadResult
        if lenient {
            if let cached = files[path] { return cached }
            r = try CSVReader.load(path: path, options: CSVOptions(lenient: true))
            files[path] = r
        } else {
            r = try base.load(source, columns: columns)
        }
        try log?.record(source: path, r.report)
        return r
    }
}
