import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard input as a CSV file (`from "-"`): read once, whole, into memory we allocate (never a mapping, so the
/// parse never gives its pages back: on Linux `MADV_DONTNEED` makes such memory read as zeros), then shared by every
/// load of the run (the preview that binds a query, then the load that runs it).
enum StandardInput {
    /// The path that names standard input.
    static let path = "-"
    /// The name errors give it.
    static let name = "<stdin>"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var read: Result<MappedFile, CSVError>?

    /// The bytes of standard input (read on the first call).
    static func file() throws -> MappedFile {
        lock.lock(); defer { lock.unlock() }
        if read == nil {
            read = isatty(0) != 0
                ? .failure(CSVError(file: name, message: "standard input is the terminal, not a file", hint: "pipe the CSV text in: almanac query 'from \"-\" | …' < file.csv"))
                : readAll(fd: 0)
        }
        return try read!.get()
    }

    /// Everything a descriptor gives until its end.
    static func readAll(fd: Int32) -> Result<MappedFile, CSVError> {
        var capacity = 1 << 16, count = 0
        var p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        while true {
            if count == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: p, count: count)
                p.deallocate()
                p = bigger
                capacity *= 2
            }
            let n = Glibc.read(fd, p + count, capacity - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                p.deallocate()
                return .failure(CSVError(file: name, message: "cannot read standard input: \(why)"))
            }
            count += n
        }
        return .success(MappedFile(owning: p, count: count))
    }
}
