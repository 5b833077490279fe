import XCTest
import AlmanacCore
@testable import AlmanacIO

/// The byte-level shortcut for `dd/mm/yyyy` must read exactly what the general period parser reads, and leave to
/// it (nil) whatever is not a real date.
final class PeriodFastPathTests: XCTestCase {
    func testSlashedDaysAgreeWithThePeriodParser() {
        var texts: [String] = ["29/02/2024", "29/02/2023", "31/04/2024", "00/01/2024", "01/13/2024", "31/12/0001", "01/01/0000",
                               "1/02/2024", "01-02-2024", "01/02/24", "ab/02/2024"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let d = Int.random(in: 0...32, using: &rng), m = Int.random(in: 0...13, using: &rng), y = Int.random(in: 0...2100, using: &rng)
            texts.append(String(format: "%02d/%02d/%04d", d, m, y))
        }
        for order in [DayOrder.dayFirst, .monthFirst] {
            for t in texts {
                let bytes = Array(t.utf8)
                let fast = bytes.withUnsafeBufferPointer { PeriodFastPath.slashedDay($0.baseAddress!, $0.count, order) }
                guard let fast else { continue }   // nil: the general parser judges it, as before
                let general = bytes.withUnsafeBufferPointer { PeriodParser.parse($0, dayOrder: order, allowBareYear: false) }
                guard case .period(let p) = general, p.frequency == .day else { return XCTFail("\(t) (\(order)): the shortcut read \(fast), the parser \(general)") }
                XCTAssertEqual(p.ordinal, fast, "\(t) (\(order))")
            }
        }
        let leap = Array("29/02/2024".utf8).withUnsafeBufferPointer { PeriodFastPath.slashedDay($0.baseAddress!, 10, .dayFirst) }
        XCTAssertEqual(leap, CivilDate.days(year: 2024, month: 2, day: 29))
        XCTAssertNil(Array("29/02/2023".utf8).withUnsafeBufferPointer { PeriodFastPath.slashedDay($0.baseAddress!, 10, .dayFirst) })
    }
}
