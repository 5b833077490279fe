import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replace-or-nothing file writing: the content goes to a hidden temporary file
/// next to the destination, which is renamed over the destination only after it
/// was written completely. On any error the temporary file is removed and an
/// earlier file at the destination is left untouched.
///
/// (This file holds the module's POSIX calls; libxlsxwriter calls live in
/// `CXlsx+Calls.swift`.)
enum AtomicFile {
    /// Runs `body` with a temporary path in the destination's folder, then moves
    /// the file written there onto `destination`.
    ///
    /// - Parameters:
    ///   - destination: the final file URL; missing parent folders are created.
    ///   - sync: `fsync` the file (and its folder) so the rename is durable.
    ///   - body: writes a complete file at the given path, or throws.
    static func write<T>(to destination: URL, sync: Bool, _ body: (String) throws -> T) throws -> T {
        guard destination.isFileURL else {
            throw XLSXError.invalidArgument("\(destination) is not a file URL")
        }
        let destinationPath = destination.standardizedFileURL.path
        let folder = (destinationPath as NSString).deletingLastPathComponent
        let fileName = (destinationPath as NSString).lastPathComponent
        guard !fileName.isEmpty, fileName != "/" else {
            throw XLSXError.invalidArgument("\(destination.path) does not name a file")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw XLSXError.fileSystem(operation: "createDirectory", path: folder, code: 0,
                                       message: String(describing: error))
        }
        let tempPath = folder + "/" + temporaryName(for: fileName)
        do {
            let result = try body(tempPath)
            guard access(tempPath, F_OK) == 0 else {
                throw XLSXError.fileSystem(operation: "write", path: tempPath, code: ENOENT,
                                           message: "the temporary file was not created")
            }
            if sync { try fsyncPath(tempPath) }
            if rename(tempPath, destinationPath) != 0 {
                throw posixError("rename", destinationPath)
            }
            if sync { try? fsyncPath(folder) }
            return result
        } catch {
            unlink(tempPath)
            throw error
        }
    }

    /// `.name.tmp-PID-random`, shortened so it fits the 255-byte file-name limit.
    static func temporaryName(for fileName: String) -> String {
        let suffix = ".tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        var base = fileName
        while 1 + base.utf8.count + suffix.utf8.count > 255, !base.isEmpty { base.removeLast() }
        return "." + base + suffix
    }

    /// Whether `fileName` looks like one of this module's temporary files.
    static func isTemporaryName(_ fileName: String) -> Bool {
        fileName.hasPrefix(".") && fileName.contains(".tmp-")
    }

    private static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw posixError("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("fsync", path) }
    }

    private static func posixError(_ operation: String, _ path: String) -> XLSXError {
        let code = errno
        return .fileSystem(operation: operation, path: path, code: code, message: String(cString: strerror(code)))
    }
}
