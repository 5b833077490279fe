import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// Files shaped as planners receive them — a statistics-office export with `Tháng 10/2024`, a daily customs file,
/// month-start and month-end stamped series, a year + quarter pair — read by Almanac's inference and checked through
/// yoy, pop and ytd against pandas reading the same raw file with explicit formats (scripts/crosscheck/period_fixtures.py).
final class PeriodFixtureTests: XCTestCase {
    static var script: String { TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/period_fixtures.py").path }

    let engine = QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:]))

    /// Runs the query on the fixture, writes the result, and has pandas check it.
    func check(_ name: String, csv: String, query: String, spec: String, expectRows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let probe = try CrossCheckTests.python(["-c", "import pandas"])
        guard probe.status == 0 else {
            return XCTFail("the period cross-check needs python3 with pandas (pip install -r scripts/requirements.txt)\n\(probe.err)", file: file, line: line)
        }
        let dir = TestSupport.temporaryDirectory("periods")
        let fixture = dir.appendingPathComponent("\(name).csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: fixture))
        let result = try engine.run(query.replacingOccurrences(of: "FILE", with: fixture), name: "\(name).aq")
        XCTAssertEqual(result.table.rowCount, expectRows, file: file, line: line)
        let out = dir.appendingPathComponent("\(name)-result.csv").path
        try Data(CSVWriter.bytes(result.table)).write(to: URL(fileURLWithPath: out))
        let r = try CrossCheckTests.python([Self.script, fixture, spec, out])
        XCTAssertEqual(r.status, 0, "\(name): pandas disagrees\n\(r.out)\(r.err)", file: file, line: line)
        XCTAssertTrue(r.out.contains("ok: \(expectRows) rows agree"), r.out + r.err, file: file, line: line)
    }

    func testStatisticsOfficeMonths() throws {
        var csv = "Tháng,Tỉnh,Giá trị\n"
        var rows = 0
        for (p, province) in ["Hà Giang", "Cao Bằng".decomposedStringWithCanonicalMapping].enumerated() {
            for y in 2022...2024 {
                for m in 1...12 where !(y == 2023 && m == 5) && !(p == 1 && y == 2024 && m == 2) {
                    let label = (m + y) % 3 == 0 ? "T\(m)/\(y)" : "Tháng \(m)/\(y)"
                    csv += "\(label),\(province),\(1000 + 37 * m + 110 * (y - 2022) + 500 * p)\n"
                    rows += 1
                }
            }
        }
        try check("thong-ke", csv: csv,
                  query: "from \"FILE\"\nderive yoy = yoy(`Giá trị`), pop = pop(`Giá trị`), ytd = ytd(`Giá trị`)\nselect period = `Tháng`, `Tỉnh`, yoy, pop, ytd",
                  spec: "col=Tháng;format=vn-month;freq=M;series=Tỉnh;value=Giá trị", expectRows: rows)
    }

    func testDailyCustomsFileWith29February() throws {
        var csv = "ngày,cửa khẩu,trị giá\n"
        var rows = 0
        var day = CivilDate.days(year: 2023, month: 2, day: 20)
        let end = CivilDate.days(year: 2024, month: 3, day: 5)
        while day <= end {
            let c = CivilDate.civil(fromDays: day)
            for (g, gate) in ["Thanh Thủy", "Tà Lùng"].enumerated() where (Int(day) + g) % 9 != 0 {
                csv += String(format: "%02d/%02d/%04d", c.day, c.month, c.year) + ",\(gate),\(200 + Int(day) % 17 + 30 * g)\n"
                rows += 1
            }
            day += 1
        }
        try check("hai-quan", csv: csv,
                  query: "from \"FILE\"\nderive yoy = yoy(`trị giá`), pop = pop(`trị giá`), ytd = ytd(`trị giá`)\nselect period = `ngày`, `cửa khẩu`, yoy, pop, ytd",
                  spec: "col=ngày;format=%d/%m/%Y;freq=D;series=cửa khẩu;value=trị giá", expectRows: rows)
    }

    func testMonthStartAndMonthEndStamps() throws {
        for (label, lastDay) in [("dau-thang", false), ("cuoi-thang", true)] {
            var csv = "date,series,value\n"
            var rows = 0
            for s in ["a", "b"] {
                for y in Int32(2019)...2021 {
                    for m in Int32(1)...12 where !(s == "b" && y == 2020 && m == 7) {
                        let d = lastDay ? CivilDate.daysInMonth(year: y, month: m) : 1
                        csv += String(format: "%04d-%02d-%02d", y, m, d) + ",\(s),\(50 + Int(m) * 3 + Int(y - 2019) * 7 + (s == "b" ? 11 : 0))\n"
                        rows += 1
                    }
                }
            }
            try check(label, csv: csv, query: "from \"FILE\"\nderive yoy = yoy(value), pop = pop(value), ytd = ytd(value)\nselect period = date, series, yoy, pop, ytd",
                      spec: "col=date;format=%Y-%m-%d;freq=M;series=series;value=value", expectRows: rows)
        }
    }

    func testYearAndQuarterColumns() throws {
        var csv = "year,quarter,series,value\n"
        var rows = 0
        for y in 1959...1962 {
            for q in 1...4 where !(y == 1960 && q == 3) {
                csv += "\(y).0,\(q).0,gdp,\(100 + 4 * (y - 1959) + q)\n"
                rows += 1
            }
        }
        try check("quy", csv: csv,
                  query: "from \"FILE\"\nderive period = yq(year, quarter)\nselect period, series, value\nderive yoy = yoy(value), pop = pop(value), ytd = ytd(value)",
                  spec: "col=year,quarter;format=parts;freq=Q;series=series;value=value", expectRows: rows)
    }

    /// Codes with leading zeros (`0902` tea, `02` Hà Giang) and a 20-digit identifier as series keys: pandas reads
    /// them as text (dtype=str) and confirms each value is kept exactly, through yoy/pop/ytd by series.
    func testCodesWithLeadingZerosAndLongIdentifiersKeepTheirText() throws {
        var csv = "tháng,hs,ma_tinh,ma_so,value\n"
        var rows = 0
        let series = [("0902", "02", "00012345678901234567"), ("0901", "02", "12345678901234567890"), ("8471", "004", "99999999999999999999")]
        for (k, (hs, tinh, id)) in series.enumerated() {
            for y in 2022...2023 {
                for m in 1...12 where !(k == 1 && y == 2023 && m == 4) {
                    csv += String(format: "%04d-%02d", y, m) + ",\(hs),\(tinh),\(id),\(300 + 7 * m + 40 * (y - 2022) + 100 * k)\n"
                    rows += 1
                }
            }
        }
        try check("ma-hang", csv: csv,
                  query: "from \"FILE\"\nderive yoy = yoy(value), pop = pop(value), ytd = ytd(value)\nselect period = `tháng`, hs, ma_tinh, ma_so, yoy, pop, ytd",
                  spec: "col=tháng;format=%Y-%m;freq=M;series=hs,ma_tinh,ma_so;value=value;text=hs,ma_tinh,ma_so", expectRows: rows)
    }

    func testMonth13InYmIsAnErrorBeforeRunning() throws {
        let dir = TestSupport.temporaryDirectory("ym")
        let path = dir.appendingPathComponent("parts.csv").path
        try Data("y,m,v\n2024,1,1\n2024,13,2\n".utf8).write(to: URL(fileURLWithPath: path))
        // Against a file that exists, so that only the literal month can fail the check.
        XCTAssertNoThrow(try engine.check(SourceFile(name: "ym.aq", text: "from \"\(path)\"\nderive p = ym(2024, 12)")))
        XCTAssertThrowsError(try engine.check(SourceFile(name: "ym.aq", text: "from \"\(path)\"\nderive p = ym(2024, 13)"))) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("month 13 does not exist (months are 1–12)"), text)
            XCTAssertTrue(text.contains("ym.aq:2:21"), text)
        }
        XCTAssertThrowsError(try engine.run("from \"\(path)\"\nderive p = ym(2024, 13)")) { e in
            XCTAssertTrue("\(e)".contains("month 13 does not exist (months are 1–12)"), "\(e)")
        }
        XCTAssertThrowsError(try engine.run("from \"\(path)\"\nderive p = ym(y, m)")) { e in
            XCTAssertTrue("\(e)".contains("month 13 does not exist (months are 1–12) (row 2)"), "\(e)")
        }
    }

    func testUnparseableDateInADeclaredDateColumnNamesFileLineAndValue() throws {
        let dir = TestSupport.temporaryDirectory("declared")
        try Data("ngày,v\n15/10/2024,1\n16/10/2024,2\n31/11/2024,3\n".utf8).write(to: dir.appendingPathComponent("d.csv"))
        let cat = try Catalog.parse("[datasets.d]\nfile = \"d.csv\"\n[datasets.d.types]\n\"ngày\" = \"day\"\n", file: "catalog.toml", directory: dir.path)
        XCTAssertThrowsError(try cat.load("d")) { e in
            let err = e as! CSVError
            XCTAssertTrue(err.file.hasSuffix("d.csv"))
            XCTAssertEqual(err.line, 4)
            XCTAssertEqual(err.columnName, "ngày")
            XCTAssertEqual(err.message, "day 31 does not exist in 2024-11 in '31/11/2024'")
        }
    }
}
