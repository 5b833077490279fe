import ArgumentParser
import Foundation
import Almanac

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Parse and type-check saved queries against the catalog (exit 1 on any error).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Query files or folders of .aq files.") var paths: [String]
    @Option(name: .customLong("param"), help: "A parameter: --param name=value (repeatable).") var params: [String] = []

    func run() throws {
        try reportingErrors {
            let engine = try global.engine()
            var files: [String] = []
            for p in paths {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                    let items = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                    files += items.filter { $0.hasSuffix(".aq") }.sorted().map { (p as NSString).appendingPathComponent($0) }
                } else { files.append(p) }
            }
            guard !files.isEmpty else { throw ValidationError("no .aq files in \(paths.joined(separator: ", "))") }
            var failed = 0
            for f in files {
                guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { print("\(f): cannot read"); failed += 1; continue }
                let file = SourceFile(name: f, text: text)
                var params = SavedQuery.defaultParameters(in: text)
                for (k, v) in try parseParameters(self.params) { params[k] = v }
                do {
                    let plan = try engine.check(file, parameters: params)
                    print("ok     \(f)")
                    // What binding noticed but need not stop the query (a text that names a column, …).
                    for w in plan.warnings { FileHandle.standardError.write(Data((DiagnosticRenderer().render(w) + "\n").utf8)) }
                } catch {
                    failed += 1
                    print("error  \(f)")
                    FileHandle.standardError.write(Data((ErrorText.describe(error) + "\n").utf8))
                }
            }
            print("\(files.count - failed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
