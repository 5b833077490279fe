import Foundation
import XCTest
@testable import AlmanacXLSX

final class SheetNameTests: XLSXTestCase {
    func testStrictValidation() {
        XCTAssertEqual(SheetName.problem(in: ""), .empty)
        XCTAssertEqual(SheetName.problem(in: String(repeating: "a", count: 32)), .tooLong(length: 32))
        XCTAssertNil(SheetName.problem(in: String(repeating: "a", count: 31)))
        // 31 Vietnamese letters are 31 UTF-16 units in NFC, even when given decomposed.
        let vietnamese31 = String(repeating: "ệ", count: 31)
        XCTAssertNil(SheetName.problem(in: vietnamese31))
        XCTAssertNil(SheetName.problem(in: vietnamese31.decomposedStringWithCanonicalMapping))
        // 16 emoji are 16 code points but 32 UTF-16 units: too long for Excel.
        XCTAssertEqual(SheetName.problem(in: String(repeating: "📈", count: 16)), .tooLong(length: 32))
        for c in ["[", "]", ":", "*", "?", "/", "\\"] {
            XCTAssertEqual(SheetName.problem(in: "Q1\(c)2024"), .illegalCharacter(Character(c)), c)
        }
        XCTAssertEqual(SheetName.problem(in: "'Quý 1"), .apostropheAtStartOrEnd)
        XCTAssertEqual(SheetName.problem(in: "Quý 1'"), .apostropheAtStartOrEnd)
        XCTAssertNil(SheetName.problem(in: "Quý 1's"))
        XCTAssertEqual(SheetName.problem(in: "a\u{0007}b"), .controlCharacter)
        XCTAssertEqual(SheetName.problem(in: "history"), .reserved)
    }

    func testAddWorksheetRejectsInvalidAndDuplicateNames() throws {
        try XLSXWorkbook.write(to: file()) { wb in
            assertThrows(.invalidSheetName(name: "a/b", problem: .illegalCharacter("/"))) { _ = try wb.addWorksheet(name: "a/b") }
            assertThrows(.invalidSheetName(name: "", problem: .empty)) { _ = try wb.addWorksheet(name: "") }
            let long = String(repeating: "x", count: 32)
            assertThrows(.invalidSheetName(name: long, problem: .tooLong(length: 32))) { _ = try wb.addWorksheet(name: long) }

            _ = try wb.addWorksheet(name: "Data")
            assertThrows(.duplicateSheetName(name: "DATA", existing: "Data")) { _ = try wb.addWorksheet(name: "DATA") }

            _ = try wb.addWorksheet(name: "Hà Giang")  // NFC
            let nfd = "Ha\u{0300} Giang"
            assertThrows(.duplicateSheetName(name: nfd, existing: "Hà Giang")) { _ = try wb.addWorksheet(name: nfd) }
            assertThrows(.duplicateSheetName(name: "HÀ GIANG", existing: "Hà Giang")) { _ = try wb.addWorksheet(name: "HÀ GIANG") }

            _ = try wb.addWorksheet(name: "Đắk Lắk")
            assertThrows(.duplicateSheetName(name: "đắk lắk", existing: "Đắk Lắk")) { _ = try wb.addWorksheet(name: "đắk lắk") }
            XCTAssertEqual(wb.worksheetNames, ["Data", "Hà Giang", "Đắk Lắk"])
        }
    }

    func testMakeLeavesGoodNamesAlone() {
        let r = SheetName.make(from: "Cao Bằng", existing: ["Hà Giang"])
        XCTAssertEqual(r.name, "Cao Bằng")
        XCTAssertFalse(r.adjusted)
        XCTAssertNil(r.reason)
        let decomposed = SheetName.make(from: "Cao Bằng".decomposedStringWithCanonicalMapping, existing: [])
        XCTAssertFalse(decomposed.adjusted, "NFD → NFC is not an adjustment")
        XCTAssertEqual(decomposed.name.unicodeScalars.count, 8)
    }

    func testMakeReplacesIllegalCharacters() {
        let r = SheetName.make(from: "Q1/2024: GRDP [ước tính]?", existing: [])
        XCTAssertEqual(r.name, "Q1_2024_ GRDP _ước tính__")
        XCTAssertTrue(r.adjusted)
        XCTAssertTrue(r.reason?.contains("'/'") ?? false, r.reason ?? "")
        XCTAssertNil(SheetName.problem(in: r.name))
    }

    func testMakeTruncatesOnCharacterBoundary() {
        let title = "Tổng hợp kết quả thực hiện kế hoạch phát triển kinh tế xã hội năm 2024"
        let r = SheetName.make(from: title, existing: [])
        XCTAssertLessThanOrEqual(r.name.utf16.count, 31)
        XCTAssertTrue(title.precomposedStringWithCanonicalMapping.hasPrefix(r.name))
        XCTAssertFalse(r.name.hasSuffix(" "))
        XCTAssertTrue(r.reason?.contains("shortened") ?? false)
        XCTAssertNil(SheetName.problem(in: r.name))

        // Emoji take 2 UTF-16 units; a cut must never split one.
        let emoji = String(repeating: "📊", count: 20)
        let e = SheetName.make(from: emoji, existing: [])
        XCTAssertEqual(e.name, String(repeating: "📊", count: 15))
        // Flags are one Character of 4 UTF-16 units.
        let flags = String(repeating: "🇻🇳", count: 10)
        let f = SheetName.make(from: flags, existing: [])
        XCTAssertEqual(f.name, String(repeating: "🇻🇳", count: 7))
    }

    func testMakeNumbersDuplicates() {
        let r = SheetName.make(from: "Data", existing: ["data", "DATA (2)"])
        XCTAssertEqual(r.name, "Data (3)")
        XCTAssertTrue(r.adjusted)
        XCTAssertTrue(r.reason?.contains("already used") ?? false)

        let nfd = SheetName.make(from: "Hà Giang", existing: ["Ha\u{0300} Giang"])
        XCTAssertEqual(nfd.name, "Hà Giang (2)")

        let long = String(repeating: "b", count: 40)
        let first = SheetName.make(from: long, existing: [])
        let second = SheetName.make(from: long, existing: [first.name])
        XCTAssertEqual(second.name, String(repeating: "b", count: 27) + " (2)")
        XCTAssertEqual(second.name.utf16.count, 31)

        XCTAssertEqual(SheetName.make(from: "History", existing: []).name, "History (2)")
    }

    func testMakeHandlesApostrophesAndEmptyTitles() {
        XCTAssertEqual(SheetName.make(from: "'Quý 1'", existing: []).name, "Quý 1")
        XCTAssertEqual(SheetName.make(from: "", existing: []).name, "Sheet")
        XCTAssertEqual(SheetName.make(from: "''", existing: ["Sheet"]).name, "Sheet (2)")
        XCTAssertEqual(SheetName.make(from: "a\nb", existing: []).name, "a b")
    }

    func testReferenceQuoting() {
        XCTAssertEqual(SheetName.referenceForm("Data"), "Data")
        XCTAssertEqual(SheetName.referenceForm("Sheet_1.v2"), "Sheet_1.v2")
        XCTAssertEqual(SheetName.referenceForm("Hà Giang"), "'Hà Giang'")
        XCTAssertEqual(SheetName.referenceForm("Quý 1's"), "'Quý 1''s'")
        XCTAssertEqual(SheetName.referenceForm("2024"), "'2024'")
        XCTAssertEqual(SheetName.referenceForm(".x"), "'.x'")
        XCTAssertEqual(SheetName.referenceForm("A1"), "'A1'")
        XCTAssertEqual(SheetName.referenceForm("xfd1048576"), "'xfd1048576'")
        XCTAssertEqual(SheetName.referenceForm("XFE1"), "XFE1")
        XCTAssertEqual(SheetName.referenceForm("ABCD1"), "ABCD1")
        XCTAssertEqual(SheetName.referenceForm("R1C1"), "'R1C1'")
        XCTAssertEqual(SheetName.referenceForm("R12abc"), "'R12abc'")
        XCTAssertEqual(SheetName.referenceForm("C5x"), "'C5x'")
        XCTAssertEqual(SheetName.referenceForm("RC"), "'RC'")
        XCTAssertEqual(SheetName.referenceForm("Report"), "Report")
        XCTAssertEqual(SheetName.referenceForm("C0"), "C0", "column 0 is not a reference")
    }
}
