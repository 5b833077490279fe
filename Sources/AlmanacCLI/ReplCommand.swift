import ArgumentParser
import Foundation
import Almanac

/// `almanac repl`: type queries, see tables. A query ends with an empty line or a line ending in `;`.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Interactive queries with line editing and history.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("param"), help: "A parameter: --param name=value (repeatable).") var params: [String] = []

    func run() throws {
        try reportingErrors {
            let catalog = try global.catalog()
            let engine = try global.engine()
            var parameters = try parseParameters(params)
            let history = ProcessInfo.processInfo.environment["HOME"].map { ($0 as NSString).appendingPathComponent(".almanac_history") }
            let editor = LineEditor(historyPath: history)
            print("Almanac — type a query; end it with an empty line or ';'. .help lists commands and functions, .quit leaves.")
            var buffer: [String] = []
            var count = 0
            while true {
                guard let line = editor.readLine(prompt: buffer.isEmpty ? "almanac> " : "   ...> ") else {
                    if !buffer.isEmpty { runQuery(buffer.joined(separator: "\n"), engine, parameters, editor, &count) }
                    print("")
                    break
                }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if buffer.isEmpty && trimmed.hasPrefix(".") {
                    editor.remember(trimmed)
                    if !dotCommand(trimmed, catalog: catalog, parameters: &parameters) { break }
                    continue
                }
                if trimmed.isEmpty {
                    if !buffer.isEmpty { runQuery(buffer.joined(separator: "\n"), engine, parameters, editor, &count); buffer = [] }
                    continue
                }
                if trimmed.hasSuffix(";") {
                    buffer.append(String(line.dropLast(line.count - (line.lastIndex(of: ";").map { line.distance(from: line.startIndex, to: $0) } ?? line.count))))
                    runQuery(buffer.joined(separator: "\n"), engine, parameters, editor, &count)
                    buffer = []
                    continue
                }
                buffer.append(line)
            }
        }
    }

    func runQuery(_ text: String, _ engine: QueryEngine, _ parameters: [String: String], _ editor: LineEditor, _ count: inout Int) {
        editor.remember(text)
        count += 1
        do {
            let result = try engine.run(SourceFile(name: "<repl \(count)>", text: text), parameters: parameters)
            for w in terminalWarnings(result.warnings) { print(DiagnosticRenderer().render(w)) }
            global.print(result.table, maxRows: 40)
        } catch {
            print(ErrorText.describe(error))
        }
    }

    /// Handles `.datasets`, `.describe NAME`, `.help`, `.param name=value`, `.quit`. Returns false to leave.
    func dotCommand(_ line: String, catalog: Catalog, parameters: inout [String: String]) -> Bool {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts[0] {
        case ".quit", ".exit", ".q": return false
        case ".datasets":
            for name in catalog.names {
                let s = catalog.datasets[name]!
                print("\(name)\(s.synthetic ? " (synthetic)" : "") — \(s.title ?? "")")
            }
        case ".describe":
            guard parts.count == 2 else { print("usage: .describe NAME"); return true }
            do {
                let (spec, result, rejects) = try global.load(parts[1])
                print(DatasetDescription.render(name: parts[1], spec: spec, result: result, rejectsPath: rejects), terminator: "")
            } catch { print(ErrorText.describe(error)) }
        case ".param":
            guard parts.count == 2, let eq = parts[1].firstIndex(of: "=") else {
                print(parameters.isEmpty ? "no parameters; set one with .param name=value" : parameters.sorted { $0.key < $1.key }.map { "$\($0.key) = \($0.value)" }.joined(separator: "\n"))
                return true
            }
            parameters[String(parts[1][..<eq]).trimmingCharacters(in: .whitespaces)] = String(parts[1][parts[1].index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        case ".help" where parts.count == 2:
            let name = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = FunctionCatalog.definition(named: name) else {
                print("no function '\(name)'" + (Suggestions.closest(to: name, among: FunctionCatalog.names).map { "; did you mean '\($0)'?" } ?? ""))
                return true
            }
            print("\(f.signature) — \(f.summary) (\(f.kind.rawValue))\n  e.g. \(f.example)")
        case ".help":
            print("""
            Steps: from, where, derive, select, aggregate … by …, sort, take, pivot, join … on …, compare A..B vs C..D
            Commands: .datasets  .describe NAME  .param name=value  .help [FUNCTION]  .quit
            Functions:
            """)
            for f in FunctionCatalog.all { print("  \(f.signature.padding(toLength: 34, withPad: " ", startingAt: 0)) \(f.summary)") }
        default:
            print("unknown command \(parts[0]); try .help")
        }
        return true
    }
}
