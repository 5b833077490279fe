import Foundation

/// Runs the built `almanac` executable as a user would and captures what it prints.
public struct CLIResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CLIRunner {
    /// The folder holding the built products (`.build/debug` or `.build/release`).
    public static var productsDirectory: URL {
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") { return b.bundleURL.deletingLastPathComponent() }
        return Bundle.main.bundleURL
    }

    /// Runs `almanac ARGS` in `directory` (default: the package root) with optional standard input; a run that
    /// outlives `timeout` is killed and reported on standard error with status 137.
    public static func run(_ args: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:],
                           timeout: TimeInterval = 300) throws -> CLIResult {
        let r = try ChildProcess.run(productsDirectory.appendingPathComponent("almanac").path, args,
                                     in: directory ?? TestSupport.packageRoot, environment: environment,
                                     stdin: stdin.map { Data($0.utf8) }, timeout: timeout)
        let timeoutNote = r.timedOut ? "\n[test harness] almanac \(args.joined(separator: " ")) killed after \(Int(timeout)) s" : ""
        return CLIResult(status: r.status, stdout: r.stdoutText, stderr: r.stderrText + timeoutNote)
    }
}
