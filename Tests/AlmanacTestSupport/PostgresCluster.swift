import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests: started once per test process (about 3 s), stopped
/// and deleted when the process exits. As root, the cluster belongs to the `postgres` user (initdb refuses root);
/// otherwise to the current user. Every user is trusted but `almanac_pw`, who needs a password (for the
/// wrong-password test). Tests that need it call `PostgresCluster.shared()` and FAIL with its error when
/// PostgreSQL cannot start: they never skip.
public enum PostgresCluster {
    /// The server's binaries (Debian's `postgresql` package; `ALMANAC_PG_BIN` overrides).
    static var bin: String { ProcessInfo.processInfo.environment["ALMANAC_PG_BIN"] ?? "/usr/lib/postgresql/15/bin" }

    nonisolated(unsafe) private static var started: Result<String, ChildProcessFailure>?
    nonisolated(unsafe) private static var folder: String?
    private static let lock = NSLock()

    /// The libpq URL of the running cluster (`postgresql://almanac@127.0.0.1:PORT/postgres`), starting it first if
    /// needed; throws a sentence saying why it could not start.
    public static func shared() throws -> String {
        lock.lock(); defer { lock.unlock() }
        if started == nil { started = Result { try start() }.mapError { $0 as? ChildProcessFailure ?? ChildProcessFailure("\($0)") } }
        return try started!.get()
    }

    private static func start() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: bin + "/initdb") else {
            throw ChildProcessFailure("PostgreSQL 15 is not installed (no \(bin)/initdb): run scripts/install-deps.sh --test, which installs Debian's postgresql")
        }
        // Under /tmp with mode 755, so that the postgres user can reach it whoever runs the tests.
        let dir = "/tmp/almanac-pg-\(getpid())-\(UInt32.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        folder = dir
        atexit { PostgresCluster.stop() }
        let root = getuid() == 0
        if root { _ = try ChildProcess.run("/bin/chown", ["postgres", dir], timeout: 30) }
        func asOwner(_ tool: String, _ args: [String]) throws -> ChildResult {
            root ? try ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/" + tool] + args, timeout: 120)
                 : try ChildProcess.run(bin + "/" + tool, args, timeout: 120)
        }
        let initdb = try asOwner("initdb", ["-D", dir + "/data", "-A", "trust", "-U", "almanac", "--no-sync", "-E", "UTF8"])
        guard initdb.status == 0 else {
            throw ChildProcessFailure("initdb could not create the test cluster in \(dir) (exit \(initdb.status)): \(initdb.stderrText)")
        }
        // Every user is trusted except `almanac_pw`, who must give a password: the wrong-password test connects as it.
        let hba = dir + "/data/pg_hba.conf"
        let rules = (try? String(contentsOfFile: hba, encoding: .utf8)) ?? ""
        try ("host all almanac_pw 127.0.0.1/32 scram-sha-256\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
        var lastLog = ""
        for _ in 0..<5 {
            let port = freePort()
            let ctl = try asOwner("pg_ctl", ["-D", dir + "/data", "-w", "-t", "60", "-l", dir + "/log",
                                             "-o", "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
            if ctl.status == 0 {
                // fold() compiles to unaccent() (the extension Debian's postgresql package ships).
                let ext = try ChildProcess.run(bin + "/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "almanac", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                                                              "-c", "CREATE EXTENSION IF NOT EXISTS unaccent"], timeout: 60)
                guard ext.status == 0 else { throw ChildProcessFailure("the test cluster could not create the unaccent extension: \(ext.stderrText)") }
                return "postgresql://almanac@127.0.0.1:\(port)/postgres"
            }
            lastLog = (try? String(contentsOfFile: dir + "/log", encoding: .utf8)) ?? ctl.stderrText
        }
        throw ChildProcessFailure("PostgreSQL could not start on 127.0.0.1 (tried 5 ports); its log says:\n\(lastLog)")
    }

    /// Stops the cluster and deletes its folder (at process exit).
    static func stop() {
        guard let dir = folder else { return }
        folder = nil
        let args = ["-D", dir + "/data", "-m", "immediate", "-w", "stop"]
        if getuid() == 0 {
            _ = try? ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/pg_ctl"] + args, timeout: 60)
        } else {
            _ = try? ChildProcess.run(bin + "/pg_ctl", args, timeout: 60)
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A TCP port nobody listens on now (the kernel's choice for a socket bound to port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        return ok ? Int(UInt16(bigEndian: addr.sin_port)) : 20_000 + Int(getpid() % 20_000)
    }
}
