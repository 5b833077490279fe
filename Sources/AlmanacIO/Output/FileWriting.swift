import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// A file Almanac could not write, said as one sentence: what failed, which path, and what to do
/// (`cannot write ro/x.csv: permission denied; choose a folder you can write to`), never a raw system error.
public struct FileWriteError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// What was being done.
    public enum Action: Equatable, Sendable {
        /// Writing the file.
        case write
        /// Creating the folder that would hold the file.
        case createFolder
        /// Putting the finished file in place of an earlier one.
        case replace
    }

    public let path: String
    public let action: Action
    /// `errno` of the failed call.
    public let code: Int32
    /// The path that caused the failure when it is not `path` (a parent that is a file).
    public let culprit: String?

    public init(path: String, action: Action, code: Int32, culprit: String? = nil) {
        self.path = path
        self.action = action
        self.code = code
        self.culprit = culprit
    }

    public var description: String {
        let verb: String
        switch action {
        case .write: verb = "cannot write \(path)"
        case .createFolder: verb = "cannot create the folder for \(path)"
        case .replace: verb = "cannot replace \(path)"
        }
        let (why, advice): (String, String)
        switch code {
        case EACCES, EPERM:
            (why, advice) = action == .replace
                ? ("the file is locked or read-only", "close it in the program that has it open (Excel), or choose another name")
                : ("permission denied", "choose a folder you can write to")
        case EROFS: (why, advice) = ("the disk is read-only", "choose a folder you can write to")
        case ENOTDIR, EEXIST:
            (why, advice) = ("\(culprit ?? "a part of the path") is a file, not a folder", "choose another path")
        case EISDIR: (why, advice) = ("it is a folder", "give the name of a file (such as \((path as NSString).appendingPathComponent("result.csv")))")
        case ENOENT: (why, advice) = ("its folder does not exist", "create the folder first, or choose another path")
        case ENOSPC, EDQUOT: (why, advice) = ("the disk is full", "free some space, or choose another disk")
        case EFBIG: (why, advice) = ("the file is larger than this system allows", "choose another disk, or write fewer rows")
        case EBUSY, ETXTBSY: (why, advice) = ("the file is in use", "close it in the program that has it open, or choose another name")
        case ENAMETOOLONG: (why, advice) = ("the name is too long", "choose a shorter name")
        default: (why, advice) = (String(cString: strerror(code)).lowercased(), "choose another path")
        }
        return "\(verb): \(why); \(advice)"
    }

    public var errorDescription: String? { description }
}

/// Writes whole files atomically (a hidden temporary file beside the destination, renamed over it once written):
/// an earlier file stays as it was when anything fails, and every failure is a ``FileWriteError``.
public enum FileWriting {
    /// Writes `bytes` to `path`, creating missing folders.
    public static func write<C: Collection>(_ bytes: C, to path: String) throws where C.Element == UInt8 {
        try write(to: path) { fd in
            var failed: Int32 = 0
            let done: Bool = bytes.withContiguousStorageIfAvailable { writeAll(fd, $0, &failed) }
                ?? Array(bytes).withUnsafeBufferPointer { writeAll(fd, $0, &failed) }
            return done ? 0 : failed
        }
    }

    /// Writes the file through `body`, which writes to the open descriptor and returns 0 or an `errno`.
    public static func write(to path: String, _ body: (Int32) -> Int32) throws {
        try prepareFolder(for: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileWriteError(path: path, action: .write, code: EISDIR)
        }
        let folder = parent(of: path)
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(path.split(separator: "/").last.map(String.init) ?? "file").tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, action: .write, code: errno) }
        var code = body(fd)
        if close(fd) != 0 && code == 0 { code = errno }
        guard code == 0 else { unlink(temp); throw FileWriteError(path: path, action: .write, code: code) }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw FileWriteError(path: path, action: e == EISDIR ? .write : .replace, code: e)
        }
    }

    /// Creates the folders above `path`, or says which part of the path is in the way.
    public static func prepareFolder(for path: String) throws {
        let folder = parent(of: path)
        guard !folder.isEmpty else { return }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        // The nearest existing ancestor: a file there cannot hold a folder.
        var probe = folder
        while !probe.isEmpty && probe != "/" {
            if FileManager.default.fileExists(atPath: probe, isDirectory: &isFolder) {
                if !isFolder.boolValue { throw FileWriteError(path: path, action: .createFolder, code: ENOTDIR, culprit: probe) }
                break
            }
            probe = parent(of: probe)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: path, action: .createFolder, code: posixCode(error) ?? EACCES)
        }
    }

    /// The folder part of a path (`""` for a bare name, `/` for a file at the root). Not `NSString`'s
    /// `deletingLastPathComponent`, which traps on some relative paths in corelibs Foundation.
    static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var folder = p[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return String(folder)
    }

    /// The `errno` inside a Foundation error, when there is one.
    public static func posixCode(_ error: Error) -> Int32? {
        var e: NSError? = error as NSError
        while let n = e {
            if n.domain == NSPOSIXErrorDomain { return Int32(n.code) }
            e = n.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        return nil
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>, _ failed: inout Int32) -> Bool {
        guard var p = buffer.baseAddress else { return true }
        var left = buffer.count
        while left > 0 {
            let n = systemWrite(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                failed = errno
                return false
            }
            p += n
            left -= n
        }
        return true
    }
}
