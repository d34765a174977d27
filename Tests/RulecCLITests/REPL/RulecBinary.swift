import Foundation
import Testing

/// The `rulec` executable the package built, for tests that run it as a user
/// would. `swift test` builds every product first, and puts the test bundle in
/// the same products folder as `rulec` (`.build/<triple>/debug/`); the
/// `#filePath` fallback covers a bundle run from elsewhere after `swift build`.
enum RulecBinary {
    static var url: URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle.appendingPathComponent("rulec"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("rulec"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/rulec"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The binary, or a recorded failure saying how to get one.
    static func require() throws -> URL {
        try #require(url, "no rulec binary next to the tests or in .build/debug: run `swift build` before `swift test`")
    }
}
