import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// `from NAME` or `from "path"`: the source, resolved by the provider, with the schema it previews.
    mutating func bindFrom(_ s: FromStep) throws -> PlanNode {
        let ref = try resolve(s.source, sheet: s.sheet)
        let sch: Schema
        do { sch = try provider.schema(of: ref) } catch let e as DiagnosticError { throw e } catch {
            throw DiagnosticError(.loadFailed("\(error)", span: s.source.span))
        }
        datasetName = ref.displayName
        return .scan(ScanNode(source: ref, columns: nil, schema: PeriodRoles.settled(sch), span: s.span))
    }
}
