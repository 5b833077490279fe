@testable import AlmanacSQL
import AlmanacEngine
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// How a derive's time functions of time functions are taken apart (`NestedTimeCalls`), and which year-to-date
/// columns the steps keep (`RunningTotalColumns`): over plans bound from queries, as the compiler sees them.
final class NestedTimeCallsTests: XCTestCase {
    func plan(_ steps: String) throws -> LogicalPlan {
        let dir = TestSupport.temporaryDirectory("nested-calls")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("trade.csv")
        try "period,province,value_usd\n2023-01,Huế,10\n2024-01,Huế,12\n".write(to: csv, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        return try engine.check(.init(name: "q.aq", text: "from \"\(csv.path)\"\n" + steps))
    }

    func derive(_ steps: String) throws -> DeriveNode {
        let nodes = try plan(steps).nodes
        guard case .derive(let d)? = nodes.last else { XCTFail("no derive in \(nodes)"); throw CancellationError() }
        return d
    }

    /// Each argument that holds a time function is computed first, once, under its own text; the assignment reads it.
    func testTheInnerCallsAreComputedFirstOnceUnderTheirText() throws {
        let d = try derive("derive g = yoy(ytd(value_usd)) * 2, s = share(rolling(value_usd, 3)), h = yoy(ytd(value_usd), matched)")
        let (assignments, hidden) = NestedTimeCalls.lifting(d.assignments, taken: ["period", "province", "value_usd"])
        XCTAssertEqual(hidden, ["ytd(value_usd)", "rolling(value_usd, 3)"])
        XCTAssertEqual(assignments.map(\.name), ["ytd(value_usd)", "g", "rolling(value_usd, 3)", "s", "h"])
        // What is left reads the computed columns, and holds no time function inside another.
        for a in assignments {
            for call in SQLCompiler.timeCalls(a.expr) { XCTAssertFalse(call.args.contains(where: \.hasTimeFunction), a.name) }
        }
        guard case .arithmetic(.multiply, .time(.yoy, let args, _, _, _), _, _) = assignments[1].expr, case .column("ytd(value_usd)", _)? = args.first else {
            return XCTFail("\(assignments[1].expr)")
        }
        // The warnings name the call as written.
        guard case .time(let f, let lifted, let k, _, _) = assignments[4].expr else { return XCTFail("\(assignments[4].expr)") }
        XCTAssertEqual(f.callText(lifted, k), "yoy(ytd(value_usd), matched)")
    }

    /// A year-to-date total of an expression inside a growth: the expression is a column too (what the windows compare).
    func testTheArgumentOfAnInnerYearToDateIsAColumn() throws {
        let d = try derive("derive g = yoy(ytd(value_usd / 1000))")
        let (assignments, hidden) = NestedTimeCalls.lifting(d.assignments, taken: [])
        XCTAssertEqual(hidden.count, 2)
        guard case .time(.ytd, let args, _, _, _) = assignments[1].expr, case .column(let x, _)? = args.first else { return XCTFail("\(assignments)") }
        XCTAssertEqual(x, hidden[0])
        XCTAssertEqual(RunningTotalColumns.after(assignments[...], [:]), [hidden[1]: hidden[0]])
    }

    /// A name the input already has is never taken: the call stays as written (and the compiler refuses it by name).
    func testANameTheInputHasIsNotTaken() throws {
        let d = try derive("derive g = yoy(ytd(value_usd))")
        let (assignments, hidden) = NestedTimeCalls.lifting(d.assignments, taken: ["ytd(value_usd)"])
        XCTAssertEqual(hidden, [])
        XCTAssertEqual(assignments.map(\.name), ["g"])
    }

    /// Year-to-date columns are kept as the local engine keeps them: set by `ytd` of a column, ended when either
    /// column is set again, kept by a select only with both, ended by an aggregate.
    func testTheRunningTotalsFollowTheSteps() throws {
        func totals(_ steps: String) throws -> [String: String] {
            try plan(steps).nodes.reduce([:]) { RunningTotalColumns.after($1, $0) }
        }
        XCTAssertEqual(try totals("derive y = ytd(value_usd), z = y * 2\nwhere value_usd > 1\nsort period"), ["y": "value_usd"])
        XCTAssertEqual(try totals("derive y = ytd(value_usd)\nderive value_usd = value_usd * 2"), [:])
        XCTAssertEqual(try totals("derive y = ytd(value_usd)\nderive y = y + 1"), [:])
        XCTAssertEqual(try totals("derive y = ytd(value_usd)\nselect period, province, y"), [:])
        XCTAssertEqual(try totals("derive y = ytd(value_usd)\nselect period, province, y, value_usd"), ["y": "value_usd"])
        XCTAssertEqual(try totals("derive y = ytd(value_usd / 2)"), [:])
        XCTAssertEqual(try totals("derive y = ytd(value_usd)\naggregate v = sum(y) by period"), [:])
    }
}
