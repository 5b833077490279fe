import ArgumentParser
import Foundation
import Almanac

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder holding catalog.toml.")
    var dataDir: String = "./Data"

    @Option(name: .long, help: "Output format for tables: table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Load leniently: set bad rows aside (each with its reason, all listed in a report) and keep the good ones.")
    var lenient = false

    @Option(help: "The text encoding of the CSV files read: utf-8 (default), utf-16 (Excel's Unicode Text; known by its byte-order mark anyway), windows-1258 (Vietnamese) or windows-1252.")
    var encoding: TextEncoding?

    @Option(help: "Where to write the report of rejected rows (CSV: file, line, reason, text); default out/rejected/NAME.csv.")
    var rejects: String?

    /// The run's report of rejected rows: written as loads set rows aside, announced on stderr.
    /// `sayLoadWarnings: false` where the query engine reports a load's warnings as its own (`engine()`).
    func rejectsLog(sayLoadWarnings: Bool = true) -> RejectedRowsLog {
        RejectedRowsLog(explicitPath: rejects, sayLoadWarnings: sayLoadWarnings) { FileHandle.standardError.write(Data(("warning: " + $0 + "\n").utf8)) }
    }

    /// The catalog of the data folder: every dataset lenient with `--lenient`, and every load that sets rows aside
    /// reported to `log` (a new log when nil).
    /// `required`: without a data folder, fail (commands about the catalog) or use an empty catalog (a query over CSV
    /// files by path needs none; naming a dataset then says the catalog is empty).
    func catalog(log: RejectedRowsLog? = nil, required: Bool = true) throws -> Catalog {
        var isDir: ObjCBool = false
        let present = FileManager.default.fileExists(atPath: dataDir, isDirectory: &isDir) && isDir.boolValue
        guard present || !required else {
            throw CommandError("no data folder at \(dataDir): run almanac from the project folder, or pass --data-dir")
        }
        var catalog = present ? try Catalog.load(dataDirectory: dataDir)
                              : Catalog(directory: dataDir, file: (dataDir as NSString).appendingPathComponent("catalog.toml"), datasets: [:])
        if lenient { catalog = catalog.lenient() }
        if let e = encoding { catalog = catalog.reading(encoding: e) }
        let log = log ?? rejectsLog()
        catalog.onLoad = { spec, result in try log.record(source: spec.name, result.report) }
        return catalog
    }

    /// A query engine over the catalog and CSV files by path, lenient with `--lenient`, reporting rejected rows.
    func engine() throws -> QueryEngine {
        let log = rejectsLog(sayLoadWarnings: false)
        return QueryEngine(provider: CommandTableProvider(catalog: try catalog(log: log, required: false), lenient: lenient, log: log,
                                                               fileEncoding: encoding))
    }

    /// A dataset by catalog name, or a CSV file by path, lenient with `--lenient`; rejected rows are written to
    /// the run's report, whose path comes back with the result.
    /// `firstRows`: read only that many records (typed exactly as a full load types them when within the sample).
    func load(_ nameOrPath: String, firstRows: Int? = nil) throws -> (DatasetSpec?, LoadResult, rejects: String?) {
        let log = rejectsLog()
        if nameOrPath == TableFile.standardInput || nameOrPath.hasSuffix(".csv") || nameOrPath.contains("/") || nameOrPath.hasSuffix(".tsv") || WorkbookReader.isSpreadsheetPath(nameOrPath) {
            var options = CSVOptions(lenient: lenient)
            options.encoding = encoding
            options.maxRows = firstRows
            let result = try TableFile.load(path: nameOrPath, options: options)
            return (nil, result, try log.record(source: nameOrPath, result.report))
        }
        let cat = try catalog(log: log)
        let spec = try cat.spec(named: nameOrPath)
        let result = try firstRows.map { try cat.preview(nameOrPath, rows: $0) } ?? cat.load(nameOrPath)
        return (spec, result, try log.record(source: nameOrPath, result.report))
    }

    func print(_ table: Table, maxRows: Int = 50) {
        switch format {
        case .table: Swift.print(TerminalTable.render(table, maxRows: maxRows), terminator: "")
        case .csv: FileHandle.standardOutput.write(Data(CSVWriter.bytes(table)))
        case .json: Swift.print(JSONWriter.string(table), terminator: "")
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["utf-8", "utf-16", "utf-16le", "utf-16be", "windows-1258", "windows-1252"] }
}

/// `--param name=value` arguments as a dictionary (the value may itself contain `=`).
func parseParameters(_ params: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for p in params {
        guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param needs name=value, got '\(p)'") }
        out[String(p[..<eq]).trimmingCharacters(in: .whitespaces)] = String(p[p.index(after: eq)...])
    }
    return out
}

/// A command that ran and failed for a reason that is not the command line's (exit 1).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a command body, turning user errors into one message on stderr and a non-zero exit (no stack traces).
/// Exit codes (README, "Exit status"): 1 when the command ran into an error (data, query, catalog, files); 64 when
/// the command line itself is wrong (a `ValidationError`, passed on to the argument parser, which adds the usage).
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let e as ExitCode { throw e } catch let e as CleanExit { throw e } catch let e as ValidationError { throw e } catch {
        let text = ErrorText.describe(error)
        FileHandle.standardError.write(Data(((text.hasPrefix("error") ? "" : "error: ") + text + "\n").utf8))
        throw ExitCode(1)
    }
}

/// A query's warnings as the terminal shows them: rows a lenient load set aside are already announced, once per
/// source, by the run's report of rejected rows (`14 rows of 'x' rejected; all listed in …`), so not twice.
/// (A workbook's Notes keep every warning.)
func terminalWarnings(_ warnings: [Diagnostic]) -> [Diagnostic] {
    warnings.filter { $0.id.rawValue != "query.rejected-rows" }
}

/// `1 row`, `2 rows`, `1,200 rows`.
enum Plural {
    static func count(_ n: Int, _ noun: String) -> String {
        "\(NumberFormatting.grouped(Int64(n))) \(noun)\(n == 1 ? "" : "s")"
    }
}
