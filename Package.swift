// swift-tools-version:6.0
import PackageDescription

/// Almanac: a columnar analytics engine, a pipeline query language and XLSX workbooks
/// for provincial economic planners. Layers, top to bottom (arrows only point down; the compiler enforces them,
/// since a target can import only what it lists):
///   AlmanacCLI (`almanac`) → Almanac (facade: wires engine, sources and reports), AlmanacSQL (plan → SQL),
///   AlmanacPostgres (a libpq client: one statement in, Almanac columns out)
///   → AlmanacReports → AlmanacXLSX, AlmanacIO
///   → AlmanacEngine (semantics, plan, operators) → AlmanacSyntax (lexer, parser, AST), AlmanacKernels (buffers)
///   → AlmanacCore, AlmanacDiagnostics.
/// The engine sees its sources only through `TableProvider` and opaque `SourceHandle`s: it never imports AlmanacIO.
/// See docs/architecture.md.


/// Core, Diagnostics, Syntax and the engine build in the Swift 6 language mode (complete concurrency checking). The
/// kernels stay in Swift 5 mode: their parallel loops hand unsafe buffer pointers to `concurrentPerform` chunks, which
/// Swift 6 would refuse without wrapping every pointer; IO, Reports, XLSX, the facade and the CLI likewise wait for
/// their callbacks and C interop to be annotated.
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Almanac",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "almanac", targets: ["AlmanacCLI"]),
        .executable(name: "almanac-bench", targets: ["AlmanacBench"]),
        .library(name: "Almanac", targets: ["Almanac"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CExpat", pkgConfig: "expat", providers: [.apt(["libexpat1-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        .target(name: "AlmanacDiagnostics", swiftSettings: swift6),
        .target(name: "AlmanacCore", swiftSettings: swift6),
        .target(name: "AlmanacIO", dependencies: ["AlmanacCore", "AlmanacDiagnostics", "TOMLKit", "ZIPFoundation", "CExpat"]),
        .target(name: "AlmanacSyntax", dependencies: ["AlmanacCore", "AlmanacDiagnostics"], swiftSettings: swift6),
        .target(name: "AlmanacKernels", dependencies: ["AlmanacCore"]),
        .target(name: "AlmanacEngine", dependencies: ["AlmanacCore", "AlmanacDiagnostics", "AlmanacSyntax", "AlmanacKernels"], swiftSettings: swift6),
        .target(name: "AlmanacSQL", dependencies: ["AlmanacCore", "AlmanacDiagnostics", "AlmanacEngine"]),
        .target(name: "AlmanacXLSX", dependencies: ["CXlsxWriter"]),
        .target(name: "AlmanacPostgres", dependencies: ["AlmanacCore", "CLibPQ"]),
        .target(name: "AlmanacReports", dependencies: [
            "AlmanacCore", "AlmanacDiagnostics", "AlmanacIO", "AlmanacXLSX", "TOMLKit",
        ]),
        .target(name: "Almanac", dependencies: [
            "AlmanacCore", "AlmanacDiagnostics", "AlmanacIO", "AlmanacSyntax", "AlmanacEngine", "AlmanacReports", "AlmanacXLSX",
            "AlmanacSQL", "AlmanacPostgres",
        ]),
        .executableTarget(name: "AlmanacCLI", dependencies: [
            "Almanac", "AlmanacSQL", "CEditLine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "AlmanacBench", dependencies: ["Almanac", "AlmanacKernels", "AlmanacXLSX", "AlmanacSQL", "AlmanacPostgres", "AlmanacTestSupport"]),

        .target(name: "AlmanacTestSupport", dependencies: ["AlmanacCore", "AlmanacDiagnostics"], path: "Tests/AlmanacTestSupport"),
        .testTarget(name: "AlmanacDiagnosticsTests", dependencies: ["AlmanacDiagnostics"]),
        .testTarget(name: "AlmanacCoreTests", dependencies: ["AlmanacCore", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacIOTests", dependencies: ["AlmanacIO", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacSyntaxTests", dependencies: ["AlmanacSyntax", "AlmanacTestSupport"], exclude: ["Queries"]),
        .testTarget(name: "AlmanacKernelsTests", dependencies: ["AlmanacKernels", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacEngineTests", dependencies: ["AlmanacEngine", "Almanac", "AlmanacTestSupport"], exclude: ["Queries"]),
        .testTarget(name: "AlmanacSQLTests", dependencies: ["AlmanacSQL", "AlmanacEngine", "AlmanacIO", "Almanac", "AlmanacPostgres", "AlmanacCore", "AlmanacTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "AlmanacPostgresTests", dependencies: ["AlmanacPostgres", "AlmanacCore", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacXLSXTests", dependencies: ["AlmanacXLSX", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacReportsTests", dependencies: ["AlmanacReports", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacCLITests", dependencies: ["Almanac", "AlmanacCLI", "AlmanacPostgres", "AlmanacTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
