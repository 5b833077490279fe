import Foundation
import XCTest
import AlmanacTestSupport

/// The layers of docs/architecture.md as data: which of our targets each target may depend on. Package.swift must
/// declare no other edge, and no source file may import a target its own target does not declare (the build's
/// `--explicit-target-dependency-import-check error` refuses that too; this says which rule a change broke).
final class PackageLayersTests: XCTestCase {
    static let allowed: [String: Set<String>] = [
        "AlmanacDiagnostics": [],
        "AlmanacCore": [],
        "AlmanacSyntax": ["AlmanacCore", "AlmanacDiagnostics"],
        "AlmanacKernels": ["AlmanacCore"],
        "AlmanacEngine": ["AlmanacCore", "AlmanacDiagnostics", "AlmanacSyntax", "AlmanacKernels"],
        "AlmanacIO": ["AlmanacCore", "AlmanacDiagnostics"],
        "AlmanacSQL": ["AlmanacCore", "AlmanacDiagnostics", "AlmanacEngine"],
        "AlmanacXLSX": [],
        "AlmanacReports": ["AlmanacCore", "AlmanacDiagnostics", "AlmanacIO", "AlmanacXLSX"],
    ]

    /// Each target's declared dependencies, read from Package.swift's `.target(name: …, dependencies: [...])`.
    static func declaredDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let pattern = try NSRegularExpression(pattern: #"\.(?:target|executableTarget)\(name: "(\w+)"(?:, dependencies: \[([^\]]*)\])?"#)
        for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(m.range(at: 1), in: text)!])
            var deps = Set<String>()
            if let r = Range(m.range(at: 2), in: text) {
                let quoted = try NSRegularExpression(pattern: #""(\w+)""#)
                let list = String(text[r])
                for q in quoted.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
                    deps.insert(String(list[Range(q.range(at: 1), in: list)!]))
                }
            }
            result[name] = deps
        }
        return result
    }

    func testDeclaredDependenciesPointOnlyDown() throws {
        let declared = try Self.declaredDependencies()
        for (target, allowed) in Self.allowed {
            guard let deps = declared[target] else { XCTFail("Package.swift has no target \(target)"); continue }
            let ours = deps.filter { $0.hasPrefix("Almanac") }
            XCTAssertTrue(ours.isSubset(of: allowed), "\(target) depends on \(ours.subtracting(allowed).sorted()), which the layers forbid")
        }
        // Only the command line parses arguments.
        for (target, deps) in declared where target != "AlmanacCLI" {
            XCTAssertFalse(deps.contains("ArgumentParser"), "\(target) depends on ArgumentParser")
        }
        XCTAssertTrue(declared["AlmanacCLI"]?.contains("ArgumentParser") ?? false)
    }

    func testSourcesImportOnlyTheirDeclaredTargets() throws {
        let declared = try Self.declaredDependencies()
        let sources = TestSupport.packageRoot.appendingPathComponent("Sources")
        var checked = 0
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path) where declared[target] != nil {
            let folder = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let i = words.firstIndex(of: "import"), i + 1 < words.count else { continue }
                    // `import struct AlmanacEngine.QueryEngine` names the kind first.
                    var module = words[i + 1]
                    if ["struct", "enum", "class", "protocol", "func", "typealias"].contains(module), i + 2 < words.count { module = words[i + 2] }
                    module = String(module.split(separator: ".")[0])
                    guard declared[module] != nil, line.hasPrefix("import") || line.hasPrefix("@") else { continue }
                    XCTAssertTrue(declared[target]!.contains(module), "\(target)/\(file) imports \(module), not a dependency of \(target)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
