import AlmanacCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A measure's declared meaning.
public struct MeasureSpec: Sendable, Hashable {
    public var unit: Unit
    /// A Vietnamese label for reports.
    public var label: String?
}

/// A dataset that lives in a database table rather than a file (`database = "postgresql://…"`, `table = "…"`).
public struct DatabaseTable: Sendable, Hashable {
    /// The libpq URL (`postgresql://user@host:port/db`), without a password (PGPASSWORD or ~/.pgpass give it).
    public var url: String
    /// The table, `name` or `schema.name`.
    public var table: String

    public init(url: String, table: String) {
        self.url = url
        self.table = table
    }
}

/// One dataset of the catalog: where its file is, what its columns mean, how to read it.
public struct DatasetSpec: Sendable {
    public var name: String
    /// Absolute or catalog-relative path, resolved.
    public var path: String
    /// Whether the entry's file is absent (or a folder): only loads of this dataset fail, and `datasets` says so.
    public var fileIsMissing: Bool { missingFile != nil }
    /// The first of the entry's files that is absent (or a folder), or nil.
    public var missingFile: String? {
        if database != nil { return nil }
        if StackedFiles.isPattern(path) { return StackedFiles.expand(path).isEmpty ? path : nil }
        return (files.isEmpty ? [path] : files).first { f in
            var status = stat()
            return stat(f, &status) != 0 || (status.st_mode & S_IFMT) == S_IFDIR
        }
    }
    /// The files an entry lists (`file = ["2023.csv", "2024.csv"]`), resolved, stacked in that order; empty when it
    /// names one file or a pattern (`path`). When set, `path` is the first.
    public var files: [String] = []
    /// Every file of the entry, in order: the listed ones, or `path`.
    public var filesToRead: [String] { files.isEmpty ? [path] : files }
    public var title: String?
    public var description: String?
    /// Where the figures come from (a report, a statistics office), for every workbook's Notes.
    public var source: String?
    /// Synthetic data (generated for demonstration): said in the catalog and in every workbook's Notes.
    public var synthetic: Bool
    /// The period column, or the columns a period is built from (`["year", "month"]`).
    public var periodColumns: [String]
    /// A frequency that overrides inference.
    public var frequency: Frequency?
    public var dimensions: [String]
    public var measures: [String: MeasureSpec]
    /// Labels for non-measure columns.
    public var labels: [String: String]
    public var csv: CSVOptions
    /// The sheet to read when the file is a workbook (nil: the first).
    public var sheet: String? = nil
    /// Set when the dataset is a database table: queries over it then run in the database (`path` is empty).
    public var database: DatabaseTable?

    public init(name: String, path: String, title: String? = nil, description: String? = nil, source: String? = nil,
                synthetic: Bool = false, periodColumns: [String] = [], frequency: Frequency? = nil, dimensions: [String] = [],
                measures: [String: MeasureSpec] = [:], labels: [String: String] = [:], csv: CSVOptions = CSVOptions(), database: DatabaseTable? = nil) {
        self.name = name
        self.path = path
        self.title = title
        self.description = description
        self.source = source
        self.synthetic = synthetic
        self.periodColumns = periodColumns
        self.frequency = frequency
        self.dimensions = dimensions
        self.measures = measures
        self.labels = labels
        self.csv = csv
        self.database = database
    }
}
