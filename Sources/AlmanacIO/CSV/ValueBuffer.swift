#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable, `malloc`-backed buffer of plain values (`Int64`, `Double`, `Int32`, `Bool`, `UInt8`, `Int`) that
/// the column loops write through a raw pointer: no bounds or uniqueness checks, no ARC per value.
///
/// Unsafe by design and kept small: the owner tracks how many leading elements are initialised (`ColumnBuilder.count`),
/// `T` must be a trivial type (it is moved with `realloc`/`memcpy`, never deinitialised), and a pointer from `base`
/// or `reserve` is valid only until the next `reserve`, `resize` or `release`.
final class ValueBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>?
    private(set) var capacity = 0

    init(capacity: Int = 0) {
        if capacity > 0 { resize(capacity) }
    }

    deinit { free(base) }

    /// Room for `extra` more values after the first `used`; returns where value `used` goes.
    @inline(__always)
    func reserve(_ extra: Int, after used: Int) -> UnsafeMutablePointer<T> {
        if used + extra > capacity { resize(max(used + extra, capacity + capacity / 2, 64)) }
        return base! + used
    }

    /// Changes the capacity (keeping the leading values that fit); `realloc` grows large blocks in place or by remapping.
    func resize(_ n: Int) {
        precondition(_isPOD(T.self))
        if n == 0 { release(); return }
        guard let p = realloc(base, n * MemoryLayout<T>.stride) else { fatalError("out of memory (\(n * MemoryLayout<T>.stride) bytes)") }
        base = p.assumingMemoryBound(to: T.self)
        capacity = n
    }

    /// Frees the memory.
    func release() {
        free(base)
        base = nil
        capacity = 0
    }

    /// The first `count` values as an array (one copy).
    func array(_ count: Int) -> [T] {
        guard count > 0, let b = base else { return [] }
        return Array(UnsafeBufferPointer(start: b, count: count))
    }
}
