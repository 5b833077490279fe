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

    /// Runs `almanac ARGS` in `directory` (default: the package root) with optional standard input.
    public static func run(_ args: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let p = Process()
        p.executableURL = productsDirectory.appendingPathComponent("almanac")
        p.arguments = args
        p.currentDirectoryURL = directory ?? TestSupport.packageRoot
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let s = stdin { input.fileHandleForWriting.write(Data(s.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return CLIResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
