import Foundation
import AlmanacCore
import AlmanacEngine
import AlmanacIO

/// The query engine's sources for a command run: catalog datasets as the catalog loads them, CSV files by path
/// read leniently when `lenient` (the whole file, so that the rows set aside never depend on the query), and every
/// file load that set rows aside recorded in the run's `RejectedRowsLog`. (Datasets report to the log through the
/// catalog's `onLoad`.)
public final class CommandTableProvider: TableProvider, DatasetProvenance, @unchecked Sendable {
    let base: CatalogTableProvider
    let lenient: Bool
    let log: RejectedRowsLog?
    private let lock = NSLock()
    private var files: [String: LoadResult] = [:]

    public init(catalog: Catalog, lenient: Bool, log: RejectedRowsLog?, fileEncoding: TextEncoding? = nil) {
        base = CatalogTableProvider(catalog: catalog, fileEncoding: fileEncoding)
        self.lenient = lenient
        self.log = log
    }

    public var datasetNames: [String] { base.datasetNames }
    public var schemasArePreviews: Bool { true }

    public func resolve(_ name: String, quoted: Bool) -> SourceResolution { base.resolve(name, quoted: quoted) }

    public func resolve(_ name: String, quoted: Bool, sheet: String?) -> SourceResolution { base.resolve(name, quoted: quoted, sheet: sheet) }

    public func dataset(for handle: SourceHandle) -> DatasetSpec? { base.dataset(for: handle) }

    func cachedFile(_ path: String) -> LoadResult? {
        lock.lock(); defer { lock.unlock() }
        return files[path]
    }

    public func schema(of handle: SourceHandle) throws -> Schema {
        guard lenient, case .file(let path, let sheet)? = base.source(handle) else { return try base.schema(of: handle) }
        if let r = cachedFile(handle.key) { return Schema(r.table) }
        var options = CSVOptions(lenient: true)
        options.encoding = base.fileEncoding
        options.maxRows = options.sampleRows
        return Schema(try TableFile.load(path: path, sheet: sheet, options: options).table)
    }

    public func load(_ handle: SourceHandle, columns: Set<String>?) throws -> SourceTable {
        guard case .file(let path, let sheet)? = base.source(handle) else { return try base.load(handle, columns: columns) }
        let r: LoadResult
        if lenient {
            if let cached = cachedFile(handle.key) { return SourceTable(loaded: cached, lenient: true) }
            var options = CSVOptions(lenient: true)
            options.encoding = base.fileEncoding
            r = try TableFile.load(path: path, sheet: sheet, options: options)
            lock.lock(); files[handle.key] = r; lock.unlock()
        } else {
            r = try base.loadResult(handle, columns: columns)
        }
        try log?.record(source: path, r.report)
        return SourceTable(loaded: r, lenient: lenient)
    }
}

extension CommandTableProvider {
    /// Writes the rows a query's steps set aside (beyond its loads') to the run's report of rejected rows.
    public func recordStepRejections(_ result: QueryResult) throws {
        for r in result.rejected { try log?.record(source: r.source, stepRows: r.rows) }
    }
}

/// A provider that can say which catalog entry a handle stands for (the Notes sheet lists each dataset's title,
/// source and units).
public protocol DatasetProvenance {
    func dataset(for handle: SourceHandle) -> DatasetSpec?
}

extension CatalogTableProvider: DatasetProvenance {}

extension CommandTableProvider: PlanPushdown {
    public func execute(_ plan: LogicalPlan) throws -> PushedDownResult? { try base.execute(plan) }
    public func location(of plan: LogicalPlan) -> String? { base.location(of: plan) }
    public func pivotValues(_ plan: LogicalPlan) throws -> [Value]? { try base.pivotValues(plan) }
}
