import ArgumentParser
import Foundation
import Almanac

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder holding catalog.toml.")
    var dataDir: String = "./Data"

    @Option(name: .long, help: "Output format for tables: table, csv or json.")
    var format: OutputFormat = .table

    func catalog() throws -> Catalog {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataDir, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("no data folder at \(dataDir): run almanac from the project folder, or pass --data-dir")
        }
        return try Catalog.load(dataDirectory: dataDir)
    }

    /// A dataset by catalog name, or a CSV file by path.
    /// `firstRows`: read only that many records (typed exactly as a full load types them when within the sample).
    func load(_ nameOrPath: String, lenient: Bool = false, firstRows: Int? = nil) throws -> (DatasetSpec?, LoadResult) {
        if nameOrPath.hasSuffix(".csv") || nameOrPath.contains("/") || nameOrPath.hasSuffix(".tsv") {
            var options = CSVOptions(lenient: lenient)
            options.maxRows = firstRows
            return (nil, try CSVReader.load(path: nameOrPath, options: options))
        }
        let cat = try catalog()
        var spec = try cat.spec(named: nameOrPath)
        if lenient { spec.csv.lenient = true }
        var c = cat
        c.register(spec)
        if let n = firstRows { return (spec, try c.preview(nameOrPath, rows: n)) }
        return (spec, try c.load(nameOrPath))
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

/// `--param name=value` arguments as a dictionary (the value may itself contain `=`).
func parseParameters(_ params: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for p in params {
        guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param needs name=value, got '\(p)'") }
        out[String(p[..<eq]).trimmingCharacters(in: .whitespaces)] = String(p[p.index(after: eq)...])
    }
    return out
}

/// Runs a command body, turning user errors into one message on stderr and a non-zero exit (no stack traces).
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let e as ExitCode { throw e } catch let e as CleanExit { throw e } catch {
        let text = ErrorText.describe(error)
        FileHandle.standardError.write(Data(((text.hasPrefix("error") ? "" : "error: ") + text + "\n").utf8))
        throw ExitCode(1)
    }
}
