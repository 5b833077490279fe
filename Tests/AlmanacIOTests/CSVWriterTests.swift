import XCTest
import AlmanacCore
@testable import AlmanacIO

final class CSVWriterTests: XCTestCase {
    func testQuotesWhatNeedsQuotingAndRoundTrips() throws {
        let t = try Table(columns: [
            .texts("a", ["Once upon \r\na time", "x,y", "say \"hi\"", "plain", nil]),
            .floats("v", [0.1, 1e21, -2.5, 3, nil]),
        ])
        let text = CSVWriter.string(t)
        XCTAssertTrue(text.contains("\"Once upon \r\na time\""), text)
        XCTAssertTrue(text.contains("\"x,y\""))
        XCTAssertTrue(text.contains("\"say \"\"hi\"\"\""))
        let back = try CSVReader.load(text: text, name: "back.csv").table
        for r in 0..<t.rowCount {
            XCTAssertEqual(back.column(named: "a")!.value(at: r), t.column(named: "a")!.value(at: r))
            XCTAssertEqual(back.column(named: "v")!.value(at: r).number, t.column(named: "v")!.value(at: r).number)
        }
    }
}
