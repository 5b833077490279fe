import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory map of a whole file. The bytes live as long as the value. Sendable by hand: every field is
/// immutable and the mapping is read-only (the pointer type alone does not say so).
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the bytes are a mapping of the file (the parse may give its pages back with `madvise`: they are read
    /// again from the file) rather than memory we allocated (where `MADV_DONTNEED` would make them read as zeros).
    let isMapped: Bool

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CSVError(file: path, message: "cannot stat: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw CSVError(file: path, message: "is a folder, not a CSV file") }
        let size = Int(st.st_size)
        if size == 0 {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            isMapped = false
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw CSVError(file: path, message: "cannot map: \(String(cString: strerror(errno)))")
        }
        madvise(p, size, MADV_SEQUENTIAL | MADV_WILLNEED)
        bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
        isMapped = true
    }

    /// Wraps bytes held in memory (tests, stdin).
    init(copying data: [UInt8]) {
        let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
        _ = p.initialize(from: data)
        bytes = UnsafeBufferPointer(start: p.baseAddress, count: data.count)
        isMapped = false
    }

    /// Takes over bytes we allocated (`UnsafeMutablePointer.allocate`): a transcoded file, standard input.
    init(owning p: UnsafeMutablePointer<UInt8>, count: Int) {
        bytes = UnsafeBufferPointer(start: p, count: count)
        isMapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapped { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        else { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
