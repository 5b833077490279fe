import Foundation
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO

/// The text a user sees for any error Almanac raises.
public enum ErrorText {
    public static func describe(_ error: Error) -> String {
        if let d = error as? DiagnosticError { return DiagnosticRenderer().render(d.diagnostics) }
        if let e = error as? LocalizedError, let d = e.errorDescription { return d }
        return String(describing: error)
    }
}
