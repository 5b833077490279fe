import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import AlmanacXLSX

final class AtomicFileTests: XLSXTestCase {
    struct Boom: Error {}

    private func writeOriginal(_ url: URL) throws -> Data {
        try XLSXWorkbook.write(to: url) { wb in
            try wb.addWorksheet(name: "Cũ").write(string: "bản cũ", row: 0, col: 0)
        }
        return try Data(contentsOf: url)
    }

    func testThrowingBodyLeavesExistingFileByteIdentical() throws {
        let url = file("report.xlsx")
        let original = try writeOriginal(url)
        for constantMemory in [false, true] {
            XCTAssertThrowsError(try XLSXWorkbook.write(to: url, options: .init(constantMemory: constantMemory)) { wb in
                let s = try wb.addWorksheet(name: "Mới")
                for r in 0..<1_000 { try s.write(string: "dòng \(r)", row: r, col: 0) }
                throw Boom()
            }) { XCTAssertTrue($0 is Boom) }
            XCTAssertEqual(try Data(contentsOf: url), original)
            XCTAssertEqual(try folderContents(), ["report.xlsx"], "no temporary files remain")
        }
    }

    func testLimitErrorInsideBodyLeavesExistingFile() throws {
        let url = file("report.xlsx")
        let original = try writeOriginal(url)
        XCTAssertThrowsError(try XLSXWorkbook.write(to: url) { wb in
            try wb.addWorksheet(name: "S").write(number: 1, row: ExcelLimits.maxRows, col: 0)
        })
        XCTAssertEqual(try Data(contentsOf: url), original)
        XCTAssertEqual(try folderContents(), ["report.xlsx"])
    }

    func testLibraryFailureAtCloseLeavesExistingFile() throws {
        // Make workbook_close itself fail: cap the process's file size (RLIMIT_FSIZE,
        // with SIGXFSZ ignored so writes fail with EFBIG) while the package is written.
        let url = file("report.xlsx")
        let original = try writeOriginal(url)
        var saved = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved), 0)
        let oldHandler = signal(SIGXFSZ, SIG_IGN)
        var capped = saved
        capped.rlim_cur = 4_096
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &capped), 0)
        var thrown: Error?
        do {
            try XLSXWorkbook.write(to: url, options: .init(syncBeforeRename: false)) { wb in
                let s = try wb.addWorksheet(name: "Lớn")
                for r in 0..<20_000 {
                    try s.write(string: "dòng \(r)", row: r, col: 0)
                    try s.write(number: Double(r * 7919 % 104_729) / 7, row: r, col: 1)
                }
            }
        } catch {
            thrown = error
        }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, oldHandler)

        guard case let .fileSystem(operation, path, code, _)? = thrown as? XLSXError else {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) ?? "?"
            return XCTFail("expected a file-system error, got \(String(describing: thrown)); file size \(size)")
        }
        XCTAssertEqual(operation, "write")
        XCTAssertEqual(path, url.path)
        XCTAssertEqual(code, EFBIG)
        XCTAssertEqual(thrown.map { "\($0)" }, "cannot write \(url.path): the file is larger than this system allows; choose another disk, or write fewer rows")
        XCTAssertEqual(try Data(contentsOf: url), original)
        XCTAssertEqual(try folderContents(), ["report.xlsx"])
    }

    func testSuccessReplacesFileAndCreatesFolders() throws {
        let url = folder.appendingPathComponent("a/b/c/báo cáo.xlsx")
        _ = try writeOriginal(url)
        try XLSXWorkbook.write(to: url, options: .init(syncBeforeRename: false)) { wb in
            try wb.addWorksheet(name: "Mới").write(string: "bản mới", row: 0, col: 0)
        }
        XCTAssertEqual(try XLSXPackage(url: url).cells()["A1"]?.text, "bản mới")
        XCTAssertEqual(try folderContents(url.deletingLastPathComponent()), ["báo cáo.xlsx"])
    }

    func testFailureWithoutEarlierFileLeavesNothing() throws {
        let url = file("new.xlsx")
        XCTAssertThrowsError(try XLSXWorkbook.write(to: url) { _ in throw Boom() })
        XCTAssertEqual(try folderContents(), [])
    }

    func testDestinationThatIsAFolderFailsCleanly() throws {
        let url = file("taken.xlsx")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        XCTAssertThrowsError(try XLSXWorkbook.write(to: url) { wb in
            _ = try wb.addWorksheet(name: "S")
        }) { error in
            guard case .fileSystem(operation: "rename", _, _, _)? = error as? XLSXError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try folderContents(), ["taken.xlsx"])
    }

    func testTemporaryNameIsHiddenAndBounded() {
        let name = AtomicFile.temporaryName(for: "report.xlsx")
        XCTAssertTrue(name.hasPrefix(".report.xlsx.tmp-\(getpid())-"), name)
        let long = AtomicFile.temporaryName(for: String(repeating: "ả", count: 120) + ".xlsx")
        XCTAssertLessThanOrEqual(long.utf8.count, 255)
        XCTAssertTrue(AtomicFile.isTemporaryName(long))
    }
}
