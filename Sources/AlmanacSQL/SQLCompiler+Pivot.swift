import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// Pivots in two phases: a first statement lists the distinct values of the pivot column, the engine names and orders
/// the pivot's columns from them as the local pivot does (`QueryEngine.continuing(_:pivotValues:)`: Vietnamese
/// order for text, NFC), and the pivot compiles to conditional aggregation with the later steps on top.
extension SQLCompiler {
    /// The statement listing the distinct values (null included) of the column the plan's final pivot spreads, as one
    /// column `value` (periods as their integer ordinals).
    public func pivotValuesStatement(_ plan: LogicalPlan) throws -> String {
        guard let top = plan.rootID, let pivot = plan.unresolvedPivot else {
            throw DiagnosticError(.internalError("the plan does not end in a pivot whose values are unknown"))
        }
        let (ctes, last) = try chain(plan.nodes[..<top.index], plan)
        return with(ctes) + "\nSELECT DISTINCT \(dialect.identifier(pivot.column)) AS \(dialect.identifier("value"))\nFROM \(dialect.identifier(last.name))\n"
    }

    /// The statement for the whole plan, its pivots included: for each pivot, `values` runs the statement
    /// `pivotValuesStatement` writes (in the database the final statement will run in) and returns its one column;
    /// it also gets the plan so far, whose final pivot the statement is for (to compute the values another way:
    /// `QueryEngine.pivotValues`).
    public func compile(_ plan: LogicalPlan, engine: QueryEngine, values: (_ statement: String, _ plan: LogicalPlan) throws -> [Value]) throws -> String {
        var plan = plan
        while let pivot = plan.unresolvedPivot {
            let type = plan[pivot.input].schema.field(pivot.column)?.type
            let raw = try values(try pivotValuesStatement(plan), plan).map { Self.value($0, as: type) }
            plan = try engine.continuing(plan, pivotValues: raw)
        }
        return try compile(plan)
    }

    /// A value as a database returns it, in the type of the pivot column: an ordinal becomes its period, an integer
    /// a float where the column holds floats.
    public static func value(_ v: Value, as type: DataType?) -> Value {
        switch (v, type) {
        case (.int(let o), .period(let f)?): return Int32(exactly: o).map { .period(Period(frequency: f, ordinal: $0)) } ?? v
        case (.int(let x), .float?): return .float(Double(x))
        default: return v
        }
    }
}
