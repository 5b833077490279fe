import ArgumentParser
import Foundation
import Almanac

/// Where a query's text comes from: the argument, or `-f FILE`.
struct QuerySource: ParsableArguments {
    @Argument(help: "The query text.") var text: String?
    @Option(name: .shortAndLong, help: "Read the query from a file (a saved .aq query).") var file: String?
    @Option(name: .customLong("param"), help: "A parameter: --param name=value (repeatable).") var params: [String] = []

    func sourceFile() throws -> SourceFile {
        if let f = file {
            guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
                throw CommandError("cannot read the query file \(f): check that it exists and is UTF-8 text")
            }
            return SourceFile(name: f, text: text)
        }
        guard let t = text else { throw ValidationError("give a query, or -f FILE") }
        return SourceFile(name: "<query>", text: t)
    }

    /// `--param` values over the `# param name = value` defaults of a saved query read with `-f`.
    func parameters() throws -> [String: String] {
        var out: [String: String] = [:]
        if let f = file, let text = try? String(contentsOfFile: f, encoding: .utf8) {
            out = SavedQuery.defaultParameters(in: text)
        }
        for (k, v) in try parseParameters(params) { out[k] = v }
        return out
    }
}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Run a query and print or save its result.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: QuerySource
    @Option(name: .shortAndLong, help: "Write the result to a file: .csv, .json or .xlsx.") var output: String?
    @Option(parsing: .unconditional, help: "Rows to print in table format.") var maxRows: Int = 50

    func validate() throws {
        guard maxRows >= 0 else { throw ValidationError("--max-rows must be zero or more, got \(maxRows)") }
        if let out = output {
            do { try Output.checkPath(out) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() throws {
        try reportingErrors {
            let engine = try global.engine()
            let result = try engine.run(try source.sourceFile(), parameters: try source.parameters())
            try (engine.provider as? CommandTableProvider)?.recordStepRejections(result)
            for w in terminalWarnings(result.warnings) { FileHandle.standardError.write(Data((DiagnosticRenderer().render(w) + "\n").utf8)) }
            if let out = output {
                try Output.write(result, to: out, query: try source.sourceFile(), parameters: try source.parameters(),
                                 provenance: engine.provider as? DatasetProvenance)
                FileHandle.standardError.write(Data("wrote \(Plural.count(result.table.rowCount, "row")) × \(Plural.count(result.table.columns.count, "column")) to \(out)\n".utf8))
            } else {
                global.print(result.table, maxRows: maxRows)
            }
        }
    }
}
