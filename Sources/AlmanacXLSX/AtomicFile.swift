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
        try createFolder(folder, for: destination.path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: destinationPath, isDirectory: &isFolder), isFolder.boolValue {
            throw XLSXError.fileSystem(operation: "rename", path: destination.path, code: EISDIR, message: String(cString: strerror(EISDIR)))
        }
        let tempPath = folder + "/" + temporaryName(for: fileName)
        // Create the temporary file here, so that a folder Almanac cannot write to is said plainly (libxlsxwriter
        // would print its own message and return a generic error); libxlsxwriter then writes over it.
        let probe = open(tempPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard probe >= 0 else { throw posixError("write", destination.path) }
        close(probe)
        do {
            let result: T
            do { result = try body(tempPath) } catch XLSXError.library(function: "workbook_close", _, let message) {
                // The save itself failed (the disk, a size limit): say which file, with the system's reason when known.
                let code = LXW.lastCloseErrno
                throw XLSXError.fileSystem(operation: "write", path: destination.path, code: code,
                                           message: code != 0 ? String(cString: strerror(code)) : message)
            }
            guard access(tempPath, F_OK) == 0 else {
                throw XLSXError.fileSystem(operation: "write", path: destination.path, code: ENOENT,
                                           message: "the temporary file was not created")
            }
            if sync { try fsyncPath(tempPath) }
            if rename(tempPath, destinationPath) != 0 {
                throw posixError("rename", destination.path)
            }
            if sync { try? fsyncPath(folder) }
            return result
        } catch {
            unlink(tempPath)
            throw error
        }
    }

    /// Creates the folders above the destination, or says which part of the path is in the way.
    private static func createFolder(_ folder: String, for destination: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        var probe = folder
        while !probe.isEmpty && probe != "/" {
            if FileManager.default.fileExists(atPath: probe, isDirectory: &isFolder) {
                if !isFolder.boolValue {
                    throw XLSXError.fileSystem(operation: "createDirectory", path: destination, code: ENOTDIR, message: probe)
                }
                break
            }
            probe = (probe as NSString).deletingLastPathComponent
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            var code: Int32 = EACCES
            var e: NSError? = error as NSError
            while let n = e {
                if n.domain == NSPOSIXErrorDomain { code = Int32(n.code); break }
                e = n.userInfo[NSUnderlyingErrorKey] as? NSError
            }
            throw XLSXError.fileSystem(operation: "createDirectory", path: destination, code: code, message: String(cString: strerror(code)))
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
