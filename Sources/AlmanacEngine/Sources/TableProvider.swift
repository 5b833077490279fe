import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// A source a provider resolved, as the engine holds it: opaque. The provider alone knows what `key` stands for (a
/// catalog dataset, a file, a table in memory, a database table); the engine only names it in messages and results.
public struct SourceHandle: Hashable, Sendable {
    /// The provider's key for the source.
    public let key: String
    /// The name a user knows it by: the dataset's name, or the file's path.
    public let displayName: String
    /// A name fit for a column suffix: the dataset's name, or a file's name without folder and extension.
    public let shortName: String

    public init(key: String, displayName: String, shortName: String? = nil) {
        self.key = key
        self.displayName = displayName
        self.shortName = shortName ?? SourceHandle.shortName(of: displayName)
    }

    /// A path's last component without its extension (`Data/x/trade.csv` → `trade`).
    public static func shortName(of path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.split(separator: ".").dropLast().joined(separator: ".")
        return stem.isEmpty ? base : stem
    }
}

/// What a provider made of `from NAME` or `from "path"`.
public enum SourceResolution: Sendable {
    case found(SourceHandle)
    /// A path that names no file.
    case missingFile(String)
    /// A path that names a folder.
    case folder(String)
    /// Neither a dataset nor something that looks like a path.
    case unknown

    /// The handle, when found.
    public var handle: SourceHandle? {
        if case .found(let h) = self { return h }
        return nil
    }
}

/// A source's rows as a load returned them, with the rows a lenient load set aside, the total rows it set aside
/// (`Tổng cộng`; those whose figures differ from their parts become a warning), and what it noted without stopping.
public struct SourceTable: Sendable {
    public var table: Table
    public var rejected: [RejectedRow]
    public var totals: SetAsideTotals?
    /// Located problems that did not stop the load (a workbook's formulas with no saved value), one line each.
    public var loadWarnings: [String]
    /// Per column: spreadsheet error cells (`#N/A`, `#DIV/0!`) read as empty.
    public var errorCells: [String: Int]
    /// Whether the load was lenient: a step that finds a bad cell (an `unpivot` value that is not a number) sets
    /// its row aside too, instead of stopping.
    public var lenient: Bool
    /// Where chosen rows (0-based) are in the file, the cell of `column` on a sheet; nil: named by their place.
    public var locate: RowLocate?

    public init(table: Table, rejected: [RejectedRow] = [], totals: SetAsideTotals? = nil, loadWarnings: [String] = [],
                errorCells: [String: Int] = [:], lenient: Bool = false, locate: RowLocate? = nil) {
        self.table = table
        self.rejected = rejected
        self.totals = totals
        self.loadWarnings = loadWarnings
        self.errorCells = errorCells
        self.lenient = lenient
        self.locate = locate
    }
}

/// Finds rows of a loaded table (0-based) in their file again: a line, or a sheet's cell of `column`. Only on the
/// rare path of a bad cell, never per row.
public typealias RowLocate = @Sendable (_ rows: [Int], _ column: String?) -> [Int: RowPlace]

/// Gives the binder the schema of a source, and the executor its rows. The engine's only view of where data lives.
public protocol TableProvider {
    /// Resolves `from NAME` (`quoted: false`) or `from "path.csv"` (`quoted: true`).
    func resolve(_ name: String, quoted: Bool) -> SourceResolution
    /// Resolves `from "book.xlsx" sheet "…"`: a sheet of a workbook (nil: as `resolve(_:quoted:)`).
    func resolve(_ name: String, quoted: Bool, sheet: String?) -> SourceResolution
    /// Names the user could have meant (for did-you-mean).
    var datasetNames: [String] { get }
    /// The schema of a source (may read the file's header and sample).
    func schema(of source: SourceHandle) throws -> Schema
    /// Loads a source's rows, only the named columns when given.
    func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable
    /// Whether `schema(of:)` may come from the first rows only (then a full load can type a column differently).
    var schemasArePreviews: Bool { get }
}

extension TableProvider {
    public var schemasArePreviews: Bool { false }

    /// Providers without workbooks: a sheet names nothing they have.
    public func resolve(_ name: String, quoted: Bool, sheet: String?) -> SourceResolution {
        sheet == nil ? resolve(name, quoted: quoted) : .unknown
    }
}

/// A provider some of whose sources can run a whole plan where the data is (a database table): the plan is then
/// computed there and only its result travels. A plan that mixes such a source with a local one is an error, never
/// a partial push-down.
public protocol PlanPushdown {
    /// The plan's result computed at its sources, with the facts the local engine would report about the run (also
    /// computed there), or nil when they are local (files): then Almanac runs it.
    func execute(_ plan: LogicalPlan) throws -> PushedDownResult?
    /// Where the plan runs, in words (`PostgreSQL at 127.0.0.1:5432, table trade`), or nil for Almanac itself.
    func location(of plan: LogicalPlan) -> String?
    /// The distinct values (null included) of the column the plan's final pivot spreads, read where the plan runs;
    /// nil when its sources are local. The engine then resolves the pivot (`QueryEngine.continuing`) and binds the
    /// steps after it, so that the whole query runs there.
    func pivotValues(_ plan: LogicalPlan) throws -> [Value]?
}

/// A plan's result computed where its data is.
public struct PushedDownResult {
    public var table: Table
    /// What the run found, typed as the local engine's facts (rows whose base period is missing, incomplete years).
    public var facts: [LocatedFact]
    /// The notes of cells those facts concern, per column and row (as `QueryResult.marks`).
    public var marks: [String: [Int32: String]]

    public init(table: Table, facts: [LocatedFact] = [], marks: [String: [Int32: String]] = [:]) {
        self.table = table
        self.facts = facts
        self.marks = marks
    }
}

extension PlanPushdown {
    public func pivotValues(_ plan: LogicalPlan) throws -> [Value]? { nil }
}
