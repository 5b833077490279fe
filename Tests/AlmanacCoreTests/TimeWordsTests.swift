import XCTest
import AlmanacCore

/// `TimeWords` is the one list of time words; these are the words each former copy held (the CSV reader's header
/// inference, the binder's period hint, the duplicate-period explanation, the needs-period hint), so none is lost.
final class TimeWordsTests: XCTestCase {
    func testEveryFormerCopysWordsAreInTheList() {
        let csvHeaderInference = ["period", "year", "month", "quarter", "date", "time", "năm", "tháng", "quý", "ngày", "kỳ"]
        let binderPeriodHint = ["year", "năm", "quarter", "quý", "month", "tháng", "period", "kỳ", "date", "ngày"]
        let duplicatePeriodParts = ["month", "tháng", "quarter", "quý"]
        for w in csvHeaderInference + binderPeriodHint + duplicatePeriodParts {
            XCTAssertTrue(TimeWords.all.contains(w), w)
            XCTAssertTrue(TimeWords.isTimeHeader(w), w)
        }
        XCTAssertEqual(Set(TimeWords.all), Set(csvHeaderInference + binderPeriodHint + duplicatePeriodParts), "the union, nothing more")
        XCTAssertEqual(TimeWords.all.count, Set(TimeWords.all).count, "each word once")
    }

    func testPartsAreSorted() {
        XCTAssertEqual(Set(TimeWords.year), ["year", "năm"])
        XCTAssertEqual(Set(TimeWords.quarter), ["quarter", "quý"])
        XCTAssertEqual(Set(TimeWords.month), ["month", "tháng"])
        for w in TimeWords.year + TimeWords.quarter + TimeWords.month + TimeWords.day + TimeWords.period {
            XCTAssertTrue(TimeWords.all.contains(w), w)
        }
    }

    func testHeaderRule() {
        for h in ["Year", "NĂM", "Tháng", "month_no", "tháng 10", "Quý", "kỳ báo cáo", "period2", "Ngày", " date "] {
            XCTAssertTrue(TimeWords.isTimeHeader(h), h)
        }
        for h in ["yearly", "dated", "timezone", "value", "tỉnh", "namespace", ""] {
            XCTAssertFalse(TimeWords.isTimeHeader(h), h)
        }
        // NFD spellings read as their NFC twins.
        XCTAssertTrue(TimeWords.isTimeHeader("tháng".decomposedStringWithCanonicalMapping))
        XCTAssertTrue(TimeWords.isTimeHeader("Quý 3".decomposedStringWithCanonicalMapping))
        XCTAssertTrue(TimeWords.names("quý_số", oneOf: TimeWords.quarter))
        XCTAssertFalse(TimeWords.names("month", oneOf: TimeWords.quarter))
    }

    func testNFC() {
        let nfd = "Hà Giang".decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfd.utf8), Array("Hà Giang".utf8))
        XCTAssertEqual(Array(nfd.nfc.utf8), Array("Hà Giang".precomposedStringWithCanonicalMapping.utf8))
    }
}
