import Foundation
import Testing

/// A folder of golden files: each input beside its expected output
/// (`name.rules` and `name.expected`), like OPA's `format/testfiles`.
/// With `RULEC_REGENERATE_GOLDEN=1` a comparison writes the expected file
/// instead; the resulting diff is reviewed like code.
public struct GoldenFolder: Sendable {
    public let path: String

    /// `relative` is resolved against the folder of the test file that names
    /// it, so the tests find their files wherever the package is checked out.
    public init(_ relative: String, filePath: String = #filePath) {
        path = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(relative).path
    }

    /// Base names (without extension) of the inputs, sorted, for `@Test(arguments:)`.
    public func inputs(withExtension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    public func read(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
    }

    /// Compares `actual` with the file `name`, or rewrites it when regenerating.
    public func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        if ProcessInfo.processInfo.environment["RULEC_REGENERATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(decoding: Data(contentsOf: url), as: UTF8.self) else {
            Issue.record("\(name) is missing; run with RULEC_REGENERATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(name): \(Self.firstDifference(actual, expected))", sourceLocation: sourceLocation)
    }

    /// The first line that differs, so a failure points at the change rather than two whole files.
    public static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) where i >= a.count || i >= e.count || a[i] != e[i] {
            let got = i < a.count ? String(a[i]).debugDescription : "end of output"
            let want = i < e.count ? String(e[i]).debugDescription : "end of file"
            return "line \(i + 1): got \(got), expected \(want)"
        }
        return "identical"
    }
}
