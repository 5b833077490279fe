import Foundation
import ZIPFoundation

/// The ZIP container of an `.xlsx` workbook: recognises what a file is before reading it (a workbook, an old `.xls`,
/// an OpenDocument sheet, an encrypted workbook, something else), and reads its parts whole (small ones) or as a
/// stream of inflated pieces (sheets).
final class WorkbookContainer {
    let path: String
    private let archive: Archive

    /// What the first bytes of a file say it is.
    enum Kind {
        case zip
        /// An OLE compound file: an Excel 97–2003 `.xls`, or an encrypted (password-protected) `.xlsx`.
        case compoundFile(encrypted: Bool)
        case other
    }

    /// The kind of file at `path` from its first bytes (and, for a compound file, whether it holds an encrypted package).
    static func sniff(path: String) -> Kind? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 8)) ?? Data()
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // Encrypted OOXML is a compound file with an `EncryptedPackage` stream; its name is stored in UTF-16LE in
            // the directory, which sits within the first sectors of these small-headered files.
            try? h.seek(toOffset: 0)
            let sample = (try? h.read(upToCount: 1 << 20)) ?? Data()
            let needle = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return .compoundFile(encrypted: sample.range(of: Data(needle)) != nil)
        }
        return .other
    }

    /// Opens a workbook, or says what the file is instead and what to do.
    init(path: String) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw WorkbookError(file: path, message: FileManager.default.fileExists(atPath: path) ? "the file cannot be read (check its permissions)" : "no such file")
        }
        switch Self.sniff(path: path) {
        case .zip?: break
        case .compoundFile(let encrypted)?:
            throw encrypted
                ? WorkbookError(file: path, message: "the workbook is encrypted (protected by a password to open)",
                                hint: "open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password) and save it as .xlsx")
                : WorkbookError(file: path, message: "this is an Excel 97–2003 workbook (.xls), which Almanac does not read",
                                hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)")
        default:
            throw Self.notAWorkbook(path)
        }
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw WorkbookError(file: path, message: "the file is damaged: it starts as a ZIP archive but its contents cannot be listed",
                                hint: "open it in Excel and save it again as .xlsx")
        }
        if archive["xl/workbook.xml"] == nil {
            if let m = archive["mimetype"], let text = try? readWhole(m), String(decoding: text, as: UTF8.self).contains("opendocument") {
                throw WorkbookError(file: path, message: "this is an OpenDocument spreadsheet (.ods), which Almanac does not read",
                                    hint: "open it in LibreOffice Calc and save it as Excel 2007–365 (.xlsx)")
            }
            if archive["xl/workbook.bin"] != nil {
                throw WorkbookError(file: path, message: "this is an Excel binary workbook (.xlsb), which Almanac does not read",
                                    hint: "open it in Excel and save it as an Excel Workbook (.xlsx)")
            }
            throw WorkbookError(file: path, message: "this ZIP archive is not an Excel workbook (it has no xl/workbook.xml)",
                                hint: "give an .xlsx file saved by Excel, LibreOffice or Almanac")
        }
    }

    static func notAWorkbook(_ path: String) -> WorkbookError {
        WorkbookError(file: path, message: "this file is not an Excel workbook (.xlsx)",
                      hint: "give an .xlsx file saved by Excel, LibreOffice or Almanac; a CSV file needs a name ending in .csv")
    }

    /// Whether the archive holds a part.
    func has(_ part: String) -> Bool { archive[part] != nil }

    /// A part's bytes, whole (workbook, relationships, styles: small parts); nil when absent.
    func read(_ part: String) throws -> [UInt8]? {
        guard let entry = archive[part] else { return nil }
        return try readWhole(entry)
    }

    private func readWhole(_ entry: Entry) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(entry.uncompressedSize, 1 << 26)))
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in out.append(contentsOf: data) }
        } catch {
            throw damaged(entry.path)
        }
        return out
    }

    /// Streams a part through `consume`, a piece at a time; `consume` returns false to stop early.
    func stream(_ part: String, _ consume: (UnsafeRawBufferPointer) throws -> Bool) throws {
        guard let entry = archive[part] else { throw WorkbookError(file: path, message: "the workbook lists a part '\(part)' that it does not contain", hint: "open it in Excel and save it again") }
        struct Stop: Error {}
        var failure: Error?
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { data in
                let more: Bool
                do { more = try data.withUnsafeBytes { try consume($0) } } catch { failure = error; throw Stop() }
                if !more { throw Stop() }
            }
        } catch is Stop {
            if let failure { throw failure }
        } catch {
            throw damaged(part)
        }
    }

    func damaged(_ part: String) -> WorkbookError {
        WorkbookError(file: path, message: "the workbook is damaged: its part '\(part)' cannot be decompressed",
                      hint: "open it in Excel and save it again as .xlsx")
    }
}
