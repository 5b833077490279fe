import Foundation
import AlmanacIO

/// Writes the rows lenient loads set aside to report files and says where, once per source: into `explicitPath`
/// when given (every source of the run in one file), otherwise into `out/rejected/NAME.csv` under `directory`
/// (NAME: the dataset, or the file's name without its extension). Thread-safe; one log per command run.
public final class RejectedRowsLog: @unchecked Sendable {
    public let explicitPath: String?
    public let directory: String
    private let say: @Sendable (String) -> Void
    /// Whether a load's warnings are said here: not where the query engine reports them as facts (a query's own
    /// warnings), lest they be said twice.
    private let sayLoadWarnings: Bool
    private let lock = NSLock()
    /// Reports by source, in the order first seen, and the path each was written to.
    private var order: [String] = []
    private var reports: [String: LoadReport] = [:]
    private var paths: [String: String] = [:]
    private var warned = Set<String>()

    /// `say` receives one line per source that had rejected rows (the CLI writes it to stderr).
    public init(explicitPath: String?, directory: String = FileManager.default.currentDirectoryPath, sayLoadWarnings: Bool = true,
                say: @escaping @Sendable (String) -> Void) {
        self.explicitPath = explicitPath
        self.directory = directory
        self.sayLoadWarnings = sayLoadWarnings
        self.say = say
    }

    /// Records a load of `source`; when it rejected rows, writes the report and says so (again only when the
    /// source's rejected rows changed). Returns the report's path, or nil when no row was rejected.
    @discardableResult
    public func record(source: String, _ report: LoadReport) throws -> String? {
        lock.lock()
        defer { lock.unlock() }
        // Problems that did not stop the load (a workbook's formulas without saved values): said once per source.
        if sayLoadWarnings && !report.warnings.isEmpty && warned.insert(source).inserted { for w in report.warnings { say(w) } }
        guard !report.rejected.isEmpty else { return nil }
        if let known = reports[source], known.rejected == report.rejected, let p = paths[source] { return displayPath(p) }
        if reports[source] == nil { order.append(source) }
        reports[source] = report
        let path: String
        if let p = explicitPath {
            path = p
            try RejectsReport.write(order.compactMap { reports[$0] }, to: p)
        } else {
            path = paths[source] ?? uniqueDefaultPath(for: source)
            try RejectsReport.write([report], to: path)
        }
        paths[source] = path
        say(RejectsReport.summary(source: source, count: report.rejected.count, path: displayPath(path)))
        return displayPath(path)
    }

    /// Rows a query's steps set aside (an unpivot's cells that are not numbers, under `--lenient`): added to the
    /// source's report beside its load's, which is written again and said again.
    public func record(source: String, stepRows rows: [RejectedRow]) throws {
        lock.lock()
        var report = reports[source] ?? LoadReport(file: source, bytes: 0, delimiter: UInt8(ascii: ","))
        lock.unlock()
        let known = Set(report.rejected)
        let fresh = rows.filter { !known.contains($0) }
        guard !fresh.isEmpty else { return }
        report.rejected = (report.rejected + fresh).sorted { $0.line < $1.line }
        try record(source: source, report)
    }

    /// The path the rows of `source` were written to, as shown to the user.
    public func path(for source: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return paths[source].map(displayPath)
    }

    /// The default path, with `-2`, `-3`, … when another source of this run already has it.
    private func uniqueDefaultPath(for source: String) -> String {
        let base = RejectsReport.defaultPath(for: source, under: directory)
        var candidate = base, n = 1
        while paths.values.contains(candidate) {
            n += 1
            candidate = (base as NSString).deletingPathExtension + "-\(n).csv"
        }
        return candidate
    }

    /// Relative to `directory` when under it (`out/rejected/trade.csv`).
    private func displayPath(_ p: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
    }
}
