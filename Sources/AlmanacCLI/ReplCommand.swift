import ArgumentParser
import Foundation
import Almanac

/// `almanac repl`: type queries, see tables. A query ends with an empty line or a line ending in `;`. Ctrl-C drops
/// the line being typed or stops the query running and returns to the prompt; Ctrl-D (or `.quit`) leaves.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Interactive queries with line editing and history.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("param"), help: "A parameter: --param name=value (repeatable).") var params: [String] = []

    /// What the session carries from one query to the next.
    final class Session {
        var parameters: [String: String]
        var count = 0
        /// The last failed query with every did-you-mean applied, for `.fix`.
        var fix: String?
        init(parameters: [String: String]) { self.parameters = parameters }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try global.catalog()
            let engine = try global.engine()
            let session = Session(parameters: try parseParameters(params))
            let history = ProcessInfo.processInfo.environment["HOME"].map { ($0 as NSString).appendingPathComponent(".almanac_history") }
            let editor = LineEditor(historyPath: history)
            if editor.interactive { Interrupt.install() }
            print("Almanac — type a query; end it with an empty line or ';'. .help lists commands and functions, .quit leaves.")
            var buffer: [String] = []
            loop: while true {
                let line: String
                switch editor.readLine(prompt: buffer.isEmpty ? "almanac> " : "   ...> ") {
                case .end:
                    if !buffer.isEmpty { runQuery(buffer.joined(separator: "\n"), engine, session, editor) }
                    print("")
                    break loop
                case .interrupted:
                    buffer = []
                    continue
                case .line(let l):
                    line = l
                }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if buffer.isEmpty && trimmed.hasPrefix(".") {
                    editor.remember(trimmed)
                    if trimmed == ".fix" {
                        guard let fixed = session.fix else { print("no fix to run: .fix runs the correction offered after a failed query"); continue }
                        print(fixed)
                        runQuery(fixed, engine, session, editor)
                        continue
                    }
                    if !dotCommand(trimmed, catalog: catalog, parameters: &session.parameters) { break }
                    continue
                }
                if trimmed.isEmpty {
                    if !buffer.isEmpty { runQuery(buffer.joined(separator: "\n"), engine, session, editor); buffer = [] }
                    continue
                }
                if trimmed.hasSuffix(";") {
                    buffer.append(String(line.dropLast(line.count - (line.lastIndex(of: ";").map { line.distance(from: line.startIndex, to: $0) } ?? line.count))))
                    runQuery(buffer.joined(separator: "\n"), engine, session, editor)
                    buffer = []
                    continue
                }
                buffer.append(line)
            }
        }
    }

    /// Runs a query on a worker thread while the REPL waits for it or for Ctrl-C, which stops it (at the next step)
    /// and returns to the prompt at once.
    func runQuery(_ text: String, _ engine: QueryEngine, _ session: Session, _ editor: LineEditor) {
        editor.remember(text)
        session.count += 1
        let file = SourceFile(name: "<repl \(session.count)>", text: text)
        let cancellation = QueryCancellation()
        let done = DispatchSemaphore(value: 0)
        let outcome = QueryOutcome()
        let parameters = session.parameters
        let worker = Thread {
            outcome.set(Result { try engine.run(file, parameters: parameters, cancellation: cancellation) })
            done.signal()
        }
        worker.stackSize = 64 << 20
        _ = Interrupt.take()
        worker.start()
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if Interrupt.take() {
                cancellation.cancel()
                print("^C\ncancelled")
                return
            }
        }
        session.fix = nil
        switch outcome.get() {
        case .success(let result):
            // An unpivot's cells set aside under --lenient go to the rejected-rows report, as `query` writes them.
            try? (engine.provider as? CommandTableProvider)?.recordStepRejections(result)
            for w in terminalWarnings(result.warnings) { print(DiagnosticRenderer().render(w)) }
            global.print(result.table, maxRows: 40)
        case .failure(let error):
            print(ErrorText.describe(error))
            if let d = error as? DiagnosticError, let fixed = d.fixedText, fixed != text {
                session.fix = fixed
                print("fix: \(fixed.split(separator: "\n").joined(separator: " "))  (type .fix to run it)")
            }
        case nil:
            break
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
            Commands: .datasets  .describe NAME  .param name=value  .fix (run the correction offered after a failed query)  .help [FUNCTION]  .quit
            Keys: Ctrl-C drops the line being typed or stops the query running; Ctrl-D leaves.
            Functions:
            """)
            for f in FunctionCatalog.all { print("  \(f.signature.padding(toLength: 34, withPad: " ", startingAt: 0)) \(f.summary)") }
        default:
            print("unknown command \(parts[0]); try .help")
        }
        return true
    }
}

/// A query's result handed from the worker thread to the REPL.
final class QueryOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<QueryResult, Error>?
    func set(_ r: Result<QueryResult, Error>) { lock.withLock { result = r } }
    func get() -> Result<QueryResult, Error>? { lock.withLock { result } }
}
