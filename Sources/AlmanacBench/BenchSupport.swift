import Foundation

/// Measurement helpers for the benchmarks.
enum BenchSupport {
    /// Peak resident set size of this process so far, in MB (VmHWM).
    static func peakRSSMB() -> Double { statusMB("VmHWM:") }

    /// Resident set size of this process now, in MB (VmRSS).
    static func currentRSSMB() -> Double { statusMB("VmRSS:") }

    /// A kB field of /proc/self/status, in MB.
    private static func statusMB(_ field: String) -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix(field) {
            let kb = Double(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? "0") ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Best wall time of `repeats` runs, in seconds.
    static func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }

    /// Runs a shell command; its stdout, or nil when it fails.
    static func shell(_ command: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Runs a python3 script of the repository (run from the package root) and returns its stdout, or nil.
    static func pythonScript(_ path: String, args: [String]) -> String? {
        guard let code = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return python(code, args: args)
    }

    /// Runs a python3 snippet and returns its stdout, or nil when python3 or the module is missing.
    static func python(_ code: String, args: [String] = []) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
