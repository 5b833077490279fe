import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
public struct ChildResult {
    /// The exit status (128 + signal when a signal ended it).
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// True when the child outlived its time limit and was killed.
    public var timedOut: Bool

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// A failed tool run, with what it printed.
public struct ChildProcessFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs programs for the tests with `posix_spawn` and `waitpid`, never with Foundation's `Process`.
///
/// Foundation's `Process.waitUntilExit()` on Linux learns of a child's end through a descriptor the child inherits;
/// a child that leaves a daemon behind (the tmux server that `tmux new-session` starts, LibreOffice's helpers) hands
/// that descriptor on, and the wait never returns: CI then runs until it is killed. Here the wait is `waitpid` on
/// the child itself, output goes to files (a daemon holding a pipe open cannot block a read), and every run has a
/// time limit after which the child's process group is killed and the run reported as timed out.
public enum ChildProcess {
    /// Runs `executable ARGS`; `directory` is the working folder, `environment` is added to this process's.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], stdin: Data? = nil,
                           timeout: TimeInterval = 300) throws -> ChildResult {
        let folder = TestSupport.temporaryDirectory("child")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inURL = folder.appendingPathComponent("stdin"), outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inURL)

        // `env -C DIR` sets the working folder: glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift.
        var argv = [executable] + arguments
        var program = executable
        if let directory {
            program = "/usr/bin/env"
            argv = ["/usr/bin/env", "-C", directory.path] + argv
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envp = env.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inURL.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnv in posix_spawn(&pid, program, &actions, &attributes, cArgv, cEnv) }
        }
        guard spawned == 0 else {
            throw ChildProcessFailure("could not start \(executable): \(String(cString: strerror(spawned)))")
        }

        var status: Int32 = 0
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 1_000
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw ChildProcessFailure("waitpid(\(executable)): \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildResult(status: exitStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                           stderr: (try? Data(contentsOf: errURL)) ?? Data(), timedOut: timedOut)
    }

    /// Runs a tool that must succeed within its time limit and returns its standard output; otherwise throws with
    /// the command and what it printed on standard error.
    @discardableResult
    public static func output(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                              timeout: TimeInterval = 300) throws -> Data {
        let r = try run(executable, arguments, environment: environment, timeout: timeout)
        let command = ([executable] + arguments).joined(separator: " ")
        if r.timedOut { throw ChildProcessFailure("\(command) did not finish within \(Int(timeout)) s and was killed") }
        guard r.status == 0 else { throw ChildProcessFailure("\(command) exited with \(r.status): \(r.stderrText)") }
        return r.stdout
    }

    /// Calls `body` with a NULL-terminated C array of the strings, valid only inside the call.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for p in pointers { free(p) } }
        return body(pointers)
    }
}
