import XCTest
@testable import AlmanacIO
import AlmanacTestSupport
#if canImport(Glibc)
import Glibc
#endif

final class FileWritingTests: XCTestCase {
    func testWritesAtomicallyCreatingFolders() throws {
        let dir = TestSupport.temporaryDirectory("write")
        let path = dir.appendingPathComponent("a/b/x.csv").path
        try FileWriting.write(Array("old\n".utf8), to: path)
        try FileWriting.write(Array("new\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("a/b").path), ["x.csv"])
    }

    func testRelativePathsAndTheirFolders() throws {
        XCTAssertEqual(FileWriting.parent(of: "r/all.csv"), "r")
        XCTAssertEqual(FileWriting.parent(of: "x.csv"), "")
        XCTAssertEqual(FileWriting.parent(of: "/x.csv"), "/")
        XCTAssertEqual(FileWriting.parent(of: "a//b/"), "a")
        let dir = TestSupport.temporaryDirectory("write")
        let here = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        defer { FileManager.default.changeCurrentDirectoryPath(here) }
        try FileWriting.write(Array("a\n".utf8), to: "r/all.csv")
        try FileWriting.write(Array("b\n".utf8), to: "top.csv")
        XCTAssertEqual(try String(contentsOfFile: dir.appendingPathComponent("r/all.csv").path, encoding: .utf8), "a\n")
        XCTAssertEqual(try String(contentsOfFile: dir.appendingPathComponent("top.csv").path, encoding: .utf8), "b\n")
    }

    func testFailuresAreSentencesNamingPathAndRemedy() throws {
        let dir = TestSupport.temporaryDirectory("write")
        let file = dir.appendingPathComponent("afile").path
        try FileWriting.write(Array("x".utf8), to: file)
        XCTAssertThrowsError(try FileWriting.write(Array("y".utf8), to: file + "/sub/x.csv")) { e in
            XCTAssertEqual("\(e)", "cannot create the folder for \(file)/sub/x.csv: \(file) is a file, not a folder; choose another path")
        }
        XCTAssertThrowsError(try FileWriting.write(Array("y".utf8), to: dir.path)) { e in
            XCTAssertEqual((e as? FileWriteError)?.code, EISDIR)
            XCTAssertTrue("\(e)".hasPrefix("cannot write \(dir.path): it is a folder; give the name of a file"), "\(e)")
        }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "x")
        // Each reason a system gives has its remedy.
        XCTAssertEqual(FileWriteError(path: "ro/x.csv", action: .write, code: EACCES).description,
                       "cannot write ro/x.csv: permission denied; choose a folder you can write to")
        XCTAssertEqual(FileWriteError(path: "x.xlsx", action: .replace, code: EPERM).description,
                       "cannot replace x.xlsx: the file is locked or read-only; close it in the program that has it open (Excel), or choose another name")
        XCTAssertTrue(FileWriteError(path: "x.csv", action: .write, code: ENOSPC).description.hasSuffix("the disk is full; free some space, or choose another disk"))
    }
}
