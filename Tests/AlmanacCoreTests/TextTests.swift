import XCTest
@testable import AlmanacCore

final class TextTests: XCTestCase {
    func testNFCAndNFDSpellingsShareOneCode() {
        let nfc = "Hà Giang"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        let col = Column.texts("province", [nfc, nfd, "Cao Bằng"])
        guard case .text(let codes, let dict) = col.storage else { return XCTFail() }
        XCTAssertEqual(codes[0], codes[1])
        XCTAssertEqual(dict.count, 2)
        XCTAssertEqual(Array(dict.values[0].utf8), Array(nfc.utf8), "stored as NFC")
        XCTAssertEqual(dict.code(of: nfd), codes[0])
    }

    func testVietnameseOrder() {
        let words = ["Yên Bái", "Đà Nẵng", "Điện Biên", "Ða", "Dak Lak", "Hà Nội", "Hải Phòng", "Hà Giang", "An Giang", "Ăn", "Âu", "Bạc Liêu", "Bắc Giang", "Ô", "Ơ", "O", "Ư", "U"]
        let dict = TextDictionary(uniqueNFC: words.map { $0.precomposedStringWithCanonicalMapping })
        let ranks = dict.collationRanks
        let sorted = dict.values.indices.sorted { ranks[$0] < ranks[$1] }.map { dict.values[$0] }
        func before(_ a: String, _ b: String) { XCTAssertLessThan(sorted.firstIndex(of: a)!, sorted.firstIndex(of: b)!, "\(a) < \(b)") }
        before("An Giang", "Ăn"); before("Ăn", "Âu"); before("Âu", "Bạc Liêu"); before("Bạc Liêu", "Bắc Giang")
        before("Dak Lak", "Đà Nẵng"); before("Đà Nẵng", "Điện Biên")
        before("Hà Giang", "Hà Nội"); before("Hà Nội", "Hải Phòng")
        before("O", "Ô"); before("Ô", "Ơ"); before("U", "Ư"); before("Ư", "Yên Bái")
    }

    func testNumberFormatting() {
        XCTAssertEqual(NumberFormatting.grouped(1234567.891), "1,234,567.89")
        XCTAssertEqual(NumberFormatting.grouped(-1234.5), "-1,234.5")
        XCTAssertEqual(NumberFormatting.grouped(999.999), "1,000")
        XCTAssertEqual(NumberFormatting.grouped(-0.001), "0")
        XCTAssertEqual(NumberFormatting.grouped(Int64(-1234567)), "-1,234,567")
        XCTAssertEqual(NumberFormatting.plain(3.0), "3")
        XCTAssertEqual(NumberFormatting.plain(0.1), "0.1")
    }

    /// Typed names without accents: case, tone marks and vowel modifiers dropped, đ as d, NFC and NFD alike.
    func testAccentFoldingForTypedNames() {
        XCTAssertEqual("Hà Giang".accentFolded, "ha giang")
        XCTAssertEqual("HA GIANG".accentFolded, "ha giang")
        XCTAssertEqual("Ha\u{0300} Giang".accentFolded, "ha giang", "NFD folds as NFC")
        XCTAssertEqual("Đà Nẵng".accentFolded, "da nang")
        XCTAssertEqual("Cao Bằng".accentFolded, "cao bang")
        XCTAssertEqual("Thừa Thiên Huế".accentFolded, "thua thien hue")
        XCTAssertEqual("Ơ ư Ô".accentFolded, "o u o")
        XCTAssertNotEqual("Hà Giang".accentFolded, "Hà Nội".accentFolded)
    }
}
