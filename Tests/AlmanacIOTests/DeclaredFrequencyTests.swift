import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

/// A frequency the catalog declares wins over inference: `day` keeps every date daily; `month`, `quarter` and
/// `year` read each date (or finer period) as the period holding it; `describe` says it was declared.
final class DeclaredFrequencyTests: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = TestSupport.temporaryDirectory("declared-frequency")
    }

    func write(_ name: String, _ text: String) {
        try! Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    func catalog(_ toml: String) throws -> Catalog {
        try Catalog.parse(toml, file: "catalog.toml", directory: dir.path)
    }

    func values(_ r: LoadResult, _ c: String) -> [Value] { TestSupport.values(r.table, c) }

    static let monthStarts = "date,value\n2022-01-01,1\n2022-02-01,2\n2022-03-01,3\n2022-04-01,4\n"

    func testDeclaredMonthOnMonthStartDates() throws {
        write("ms.csv", Self.monthStarts)
        let r = try catalog("[datasets.m]\nfile = \"ms.csv\"\nperiod = \"date\"\nfrequency = \"month\"\n").load("m")
        XCTAssertEqual(values(r, "date"), [.period(.month(2022, 1)), .period(.month(2022, 2)), .period(.month(2022, 3)), .period(.month(2022, 4))])
        let note = try XCTUnwrap(r.table.column(named: "date")?.meta.inferenceNote)
        XCTAssertTrue(note.hasPrefix("declared period (month)"), note)
        XCTAssertTrue(note.contains("4 dates read as the month holding each (such as '2022-01-01' as 2022-01)"), note)
    }

    func testDeclaredQuarterMapsEachDateToItsQuarter() throws {
        write("ms.csv", Self.monthStarts + "2022-05-17,5\n")
        let r = try catalog("[datasets.q]\nfile = \"ms.csv\"\nperiod = \"date\"\nfrequency = \"quarter\"\n").load("q")
        XCTAssertEqual(values(r, "date"), [.period(.quarter(2022, 1)), .period(.quarter(2022, 1)), .period(.quarter(2022, 1)),
                                           .period(.quarter(2022, 2)), .period(.quarter(2022, 2))])
    }

    func testDeclaredMonthOnFirstOfJanuaryDatesGivesMonthsNotYears() throws {
        write("ys.csv", "date,value\n2018-01-01,1\n2019-01-01,2\n2020-01-01,3\n")
        for toml in ["[datasets.y]\nfile = \"ys.csv\"\nperiod = \"date\"\nfrequency = \"month\"\n",
                     "[datasets.y]\nfile = \"ys.csv\"\n[datasets.y.types]\ndate = \"month\"\n"] {
            let r = try catalog(toml).load("y")
            XCTAssertEqual(r.table.column(named: "date")?.dataType, .period(.month), toml)
            XCTAssertEqual(values(r, "date").first, .period(.month(2018, 1)), toml)
        }
    }

    func testDeclaredDayKeepsMonthStartDatesDaily() throws {
        write("ms.csv", Self.monthStarts)
        for toml in ["[datasets.d]\nfile = \"ms.csv\"\nperiod = \"date\"\nfrequency = \"day\"\n",
                     "[datasets.d]\nfile = \"ms.csv\"\n[datasets.d.types]\ndate = \"day\"\n"] {
            let r = try catalog(toml).load("d")
            XCTAssertEqual(r.table.column(named: "date")?.dataType, .period(.day), toml)
            XCTAssertEqual(values(r, "date").last, .period(.day(2022, 4, 1)), toml)
            XCTAssertEqual(r.table.column(named: "date")?.meta.inferenceNote, "declared period (day)", toml)
        }
    }

    func testDeclaredDayColumnThenCatalogFrequencyMonth() throws {
        write("d.csv", "date,value\n2022-01-15,1\n2022-02-20,2\n")
        let r = try catalog("[datasets.d]\nfile = \"d.csv\"\nperiod = \"date\"\nfrequency = \"month\"\n[datasets.d.types]\ndate = \"day\"\n").load("d")
        XCTAssertEqual(values(r, "date"), [.period(.month(2022, 1)), .period(.month(2022, 2))])
    }

    func testACoarserValueInADeclaredColumnIsStillAnError() throws {
        let options = CSVOptions(declaredTypes: ["date": .period(.month)])
        XCTAssertThrowsError(try CSVReader.load(text: "date,v\n2024-10-15,1\n2024,2\n", name: "t.csv", options: options)) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.message, "'2024' is a year, but this column holds months")
        }
    }

    func testInferredColumnsStillRejectMixedFrequencies() throws {
        XCTAssertThrowsError(try CSVReader.load(text: "period,v\n2024-10,1\n2024-10-15,2\n", name: "t.csv")) { e in
            XCTAssertEqual((e as! CSVError).message, "'2024-10-15' is a day, but this column holds months")
        }
    }

    func testADeclaredDayColumnNeverTurnsAMonthFirstDateIntoANull() throws {
        var text = "date,v\n"
        for d in 1...9 { text += "0\(d)/10/2024,\(d)\n" }
        text += "10/25/2024,10\n"   // only month-first; the sample (3 rows) is day-first
        let options = CSVOptions(declaredTypes: ["date": .period(.day)], sampleRows: 3)
        XCTAssertThrowsError(try CSVReader.load(text: text, name: "t.csv", options: options)) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 11)
            XCTAssertTrue(err.message.contains("'10/25/2024'"), err.message)
        }
    }
}
