import XCTest
import AlmanacCore
import AlmanacTestSupport
@testable import AlmanacIO

final class CatalogTests: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = TestSupport.temporaryDirectory("catalog")
        try! Data("year,month,province,value\n2024,1,Hà Giang,1.5\n2024,2,Hà Giang,2\n".utf8).write(to: dir.appendingPathComponent("m.csv"))
    }

    func catalog(_ toml: String) throws -> Catalog {
        try Catalog.parse(toml, file: "catalog.toml", directory: dir.path)
    }

    func testGoodEntryLoadsWithRolesUnitsAndPeriodFromParts() throws {
        let cat = try catalog("""
        [datasets.monthly]
        file = "m.csv"
        source = "test"
        period = ["year", "month"]
        dimensions = ["province"]
        [datasets.monthly.measures]
        value = { unit = "million USD", label = "Giá trị" }
        """)
        try cat.validate()
        let r = try cat.load("monthly")
        XCTAssertEqual(r.table.columnNames, ["period", "province", "value"])
        XCTAssertEqual(r.table.column(named: "period")?.value(at: 1), .period(.month(2024, 2)))
        XCTAssertEqual(r.table.column(named: "value")?.meta.unit, "million USD")
        XCTAssertEqual(r.table.column(named: "value")?.meta.label, "Giá trị")
        XCTAssertEqual(r.table.column(named: "province")?.meta.role, .dimension)
    }

    func testMissingFileFailsOnlyThatDatasetNamingTheEntryAndField() throws {
        let cat = try catalog("[datasets.x]\nfile = \"nope.csv\"\n[datasets.y]\nfile = \"m.csv\"\n")
        XCTAssertEqual(cat.datasets["x"]?.fileIsMissing, true)
        XCTAssertEqual(cat.datasets["y"]?.fileIsMissing, false)
        XCTAssertEqual(try cat.load("y").table.rowCount, 2)
        XCTAssertThrowsError(try cat.preview("x"))
        XCTAssertThrowsError(try cat.load("x")) { e in
            let err = e as! CatalogError
            XCTAssertEqual(err.dataset, "x")
            XCTAssertEqual(err.field, "file")
            XCTAssertTrue(err.message.contains("no such file"))
        }
    }

    func testUnknownColumnSuggestsTheClosest() throws {
        let cat = try catalog("[datasets.x]\nfile = \"m.csv\"\ndimensions = [\"provnce\"]\n")
        XCTAssertThrowsError(try cat.validate()) { e in
            let err = e as! CatalogError
            XCTAssertEqual(err.field, "dimensions")
            XCTAssertEqual(err.hint, "did you mean 'province'?")
        }
    }

    func testBadUnitIsRejectedWithAHint() {
        XCTAssertThrowsError(try catalog("[datasets.x]\nfile = \"m.csv\"\n[datasets.x.measures]\nvalue = { unit = \"milion USD\" }\n")) { e in
            let err = e as! CatalogError
            XCTAssertEqual(err.field, "measures.value")
            XCTAssertEqual(err.message, "unknown unit 'milion USD'")
            XCTAssertEqual(err.hint, "did you mean 'million USD'?")
        }
    }

    func testUnknownFieldAndBadValues() {
        XCTAssertThrowsError(try catalog("[datasets.x]\nfile = \"m.csv\"\ndecimall = \",\"\n")) { e in
            XCTAssertEqual((e as! CatalogError).hint, "did you mean 'decimal'?")
        }
        XCTAssertThrowsError(try catalog("[datasets.x]\nfile = \"m.csv\"\nfrequency = \"weekly\"\n")) { e in
            XCTAssertEqual((e as! CatalogError).field, "frequency")
        }
        XCTAssertThrowsError(try catalog("[datasets.x]\nfile = \"m.csv\"\ndecimal = \",\"\nthousands = \",\"\n")) { e in
            XCTAssertEqual((e as! CatalogError).field, "thousands")
            XCTAssertEqual((e as! CatalogError).message, "',' is also the decimal mark")
        }
        XCTAssertThrowsError(try catalog("[datasets.x\n")) { e in
            XCTAssertTrue("\(e)".contains("line 1"), "\(e)")
        }
    }

    func testUnknownDatasetSuggests() throws {
        let cat = try catalog("[datasets.trade]\nfile = \"m.csv\"\n")
        XCTAssertThrowsError(try cat.spec(named: "trad")) { e in
            XCTAssertEqual((e as! CatalogError).hint, "did you mean 'trade'?")
        }
    }

    func testMonthOutOfRangeInPartsIsLocated() throws {
        try Data("year,month,v\n2024,1,1\n2024,13,2\n".utf8).write(to: dir.appendingPathComponent("bad.csv"))
        let cat = try catalog("[datasets.b]\nfile = \"bad.csv\"\nperiod = [\"year\", \"month\"]\n")
        XCTAssertThrowsError(try cat.load("b")) { e in
            let err = e as! CSVError
            XCTAssertEqual(err.line, 3)
            XCTAssertEqual(err.column, 2)
            XCTAssertEqual(err.columnName, "month")
            XCTAssertEqual(err.message, "month 13 does not exist (months are 1–12) in the row '2024,13,2'")
        }
    }
}
