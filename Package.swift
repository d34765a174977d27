// swift-tools-version:6.0
import PackageDescription

// Phases depend one way, in the order data flows:
// Syntax → Semantics → Planning → Runtime, with Store underneath; the CLI is a thin shell.
let package = Package(
    name: "rulec",
    products: [
        .executable(name: "rulec", targets: ["rulec"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "Syntax"),
        .target(name: "Vocabulary"),
        .target(name: "Semantics", dependencies: ["Syntax", "Vocabulary"]),
        .target(name: "Store", dependencies: ["CSQLite", "Vocabulary"]),
        .target(name: "Planning", dependencies: ["Syntax", "Semantics", "Store"]),
        .target(name: "Runtime", dependencies: ["Syntax", "Semantics", "Planning", "Store"]),
        // The starter project `rulec init` writes and `rulec demo` deploys: Rules/ compiled in, so a copied binary has it.
        .target(name: "Starter"),
        .target(name: "LanguageServer", dependencies: ["Syntax", "Semantics", "Store"]),
        .target(name: "RulecCLI", dependencies: ["Syntax", "Semantics", "Planning", "Runtime", "Store", "Starter", "LanguageServer"]),
        .executableTarget(name: "rulec", dependencies: ["RulecCLI"]),
        .executableTarget(name: "RulecBench", dependencies: ["Syntax", "Semantics", "Planning", "Runtime", "Store", "LanguageServer"]),
        // Helpers every test target shares (golden files, seeded randomness).
        .target(name: "RulecTestSupport", dependencies: ["Store"], path: "Tests/Support"),
        .testTarget(name: "SyntaxTests", dependencies: ["Syntax", "RulecTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SemanticsTests", dependencies: ["Syntax", "Semantics", "RulecTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "PlanningTests", dependencies: ["Syntax", "Semantics", "Planning", "Store", "RulecTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Syntax", "Semantics", "Planning", "Runtime", "Store", "RulecTestSupport"]),
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer", "Syntax", "Semantics", "Store", "RulecTestSupport"]),
        .testTarget(name: "RulecCLITests", dependencies: ["RulecCLI", "Runtime", "Store", "Starter", "RulecTestSupport"], exclude: ["Golden"]),
    ]
)
