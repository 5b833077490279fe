import AlmanacDiagnostics
import XCTest

final class SuggestionsTests: XCTestCase {
    let columns = ["province", "period", "flow", "value_usd", "hs_code"]

    func testDidYouMean() {
        XCTAssertEqual(Suggestions.closest(to: "provnce", among: columns), "province")
        XCTAssertEqual(Suggestions.closest(to: "porvince", among: columns), "province")  // transposition
        XCTAssertEqual(Suggestions.closest(to: "PERIOD", among: columns), "period")
        XCTAssertEqual(Suggestions.closest(to: "flw", among: columns), "flow")
        XCTAssertNil(Suggestions.closest(to: "quantity", among: columns))
        XCTAssertNil(Suggestions.closest(to: "x", among: []))
    }

    func testFoldingIgnoresCaseAndDiacritics() {
        let provinces = ["Hà Nội", "Hà Giang", "Đà Nẵng", "Hồ Chí Minh"]
        XCTAssertEqual(Suggestions.closest(to: "ha giang", among: provinces), "Hà Giang")
        XCTAssertEqual(Suggestions.closest(to: "HA NOI", among: provinces), "Hà Nội")
        XCTAssertEqual(Suggestions.closest(to: "da nang", among: provinces), "Đà Nẵng")
        XCTAssertEqual(Suggestions.closest(to: "ho chi mnh", among: provinces), "Hồ Chí Minh")
        XCTAssertEqual(Suggestions.fold("Đồng Tháp"), "dong thap")
    }

    func testTiesGoToTheEarlierCandidate() {
        XCTAssertEqual(Suggestions.closest(to: "cat", among: ["bat", "cot", "car"]), "bat")
        // An exact folded match beats an earlier near miss.
        XCTAssertEqual(Suggestions.closest(to: "flow", among: ["flaw", "FLOW"]), "FLOW")
    }

    func testThreshold() {
        XCTAssertEqual(Suggestions.threshold(for: "ab"), 1)
        XCTAssertEqual(Suggestions.threshold(for: "province"), 2)
        XCTAssertEqual(Suggestions.threshold(for: "value_usd_total"), 5)
        XCTAssertEqual(Suggestions.closest(to: "prvnc", among: columns), nil)  // 3 edits, threshold 1
    }

    func testDistance() {
        XCTAssertEqual(Suggestions.distance("", "abc"), 3)
        XCTAssertEqual(Suggestions.distance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestions.distance("ab", "ba"), 1)
        XCTAssertEqual(Suggestions.distance("Hà", "Ha"), 1)
    }

    func testHintText() {
        XCTAssertEqual(Suggestions.hint(for: "provnce", among: columns), "did you mean 'province'?")
        XCTAssertEqual(
            Suggestions.hint(for: "quantity", among: columns),
            "available columns: province, period, flow, value_usd, hs_code")
        XCTAssertEqual(
            Suggestions.hint(for: "zzz", among: ["a1", "b2", "c3", "d4"], kind: "datasets", limit: 2),
            "available datasets: a1, b2, … and 2 more")
        XCTAssertNil(Suggestions.hint(for: "x", among: []))
    }

    func testAShortNameSuggestsTheNamesItBegins() {
        let datasets = ["agreements", "trade_annual", "trade_monthly", "trade_totals", "tourism_annual"]
        XCTAssertEqual(Suggestions.hint(for: "trade", among: datasets, kind: "datasets"),
                       "did you mean one of: trade_annual, trade_monthly, trade_totals?")
        XCTAssertEqual(Suggestions.hint(for: "TOURISM", among: datasets, kind: "datasets"), "did you mean 'tourism_annual'?")
        XCTAssertEqual(Suggestions.hint(for: "tr", among: datasets, kind: "datasets"),
                       "available datasets: agreements, trade_annual, trade_monthly, trade_totals, tourism_annual", "too short to say")
    }
}
