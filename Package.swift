// swift-tools-version:6.0
import PackageDescription

/// Almanac: a columnar analytics engine, a pipeline query language and XLSX workbooks
/// for provincial economic planners. Layers, top to bottom (arrows only point down):
///   AlmanacCLI (`almanac`) → Almanac (facade) → AlmanacReports → AlmanacXLSX, AlmanacQuery → AlmanacIO
///   → AlmanacCore, AlmanacDiagnostics. See docs/architecture.md.


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
    ],
    targets: [
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),

        .target(name: "AlmanacDiagnostics"),
        .target(name: "AlmanacCore"),
        .target(name: "AlmanacIO", dependencies: ["AlmanacCore", "AlmanacDiagnostics", "TOMLKit"]),
        .target(name: "AlmanacQuery", dependencies: ["AlmanacCore", "AlmanacDiagnostics", "AlmanacIO"]),
        .target(name: "AlmanacXLSX", dependencies: ["CXlsxWriter"]),
        .target(name: "AlmanacReports", dependencies: [
            "AlmanacCore", "AlmanacDiagnostics", "AlmanacIO", "AlmanacQuery", "AlmanacXLSX", "TOMLKit",
        ]),
        .target(name: "Almanac", dependencies: [
            "AlmanacCore", "AlmanacDiagnostics", "AlmanacIO", "AlmanacQuery", "AlmanacReports", "AlmanacXLSX",
        ]),
        .executableTarget(name: "AlmanacCLI", dependencies: [
            "Almanac", "CEditLine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "AlmanacBench", dependencies: ["Almanac"]),

        .target(name: "AlmanacTestSupport", dependencies: ["AlmanacCore", "AlmanacDiagnostics"], path: "Tests/AlmanacTestSupport"),
        .testTarget(name: "AlmanacDiagnosticsTests", dependencies: ["AlmanacDiagnostics"]),
        .testTarget(name: "AlmanacCoreTests", dependencies: ["AlmanacCore", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacIOTests", dependencies: ["AlmanacIO", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacQueryTests", dependencies: ["AlmanacQuery", "AlmanacIO", "AlmanacTestSupport"], exclude: ["Queries"]),
        .testTarget(name: "AlmanacXLSXTests", dependencies: ["AlmanacXLSX", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacReportsTests", dependencies: ["AlmanacReports", "AlmanacTestSupport"]),
        .testTarget(name: "AlmanacCLITests", dependencies: ["Almanac", "AlmanacCLI", "AlmanacTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
