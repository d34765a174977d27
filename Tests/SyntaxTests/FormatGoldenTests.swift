import Foundation
import Testing
@testable import Syntax

/// OPA-style golden files: `Golden/format/NAME.rules` formats to
/// `NAME.rules.formatted`. `RULEC_REGENERATE_GOLDEN=1 swift test` rewrites the
/// expected files; review the diff like code.
@Suite struct FormatGoldenTests {
    static func goldenNames() -> [String] {
        let folder = FormatTestSupport.goldenFolder.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".rules") }.sorted()
    }

    @Test func thereAreGoldenFiles() {
        #expect(Self.goldenNames().count >= 5)
    }

    @Test(arguments: goldenNames())
    func formatsAsExpected(name: String) throws {
        let input = FormatTestSupport.goldenFolder.appendingPathComponent(name)
        let expectedURL = FormatTestSupport.goldenFolder.appendingPathComponent(name + ".formatted")
        let parsed = FormatTestSupport.parse(FormatTestSupport.read(input), path: name)
        #expect(!parsed.diagnostics.hasErrors, "golden input \(name) has syntax errors: \(parsed.diagnostics.map(\.message))")
        let actual = Format.source(parsed.syntax)

        if ProcessInfo.processInfo.environment["RULEC_REGENERATE_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = FormatTestSupport.read(expectedURL)
        #expect(FormatTestSupport.sameBytes(actual, expected), "\(name) formatted differently:\n\(actual)")
    }

    /// The expected outputs are themselves canonical: formatting one changes nothing.
    @Test(arguments: goldenNames())
    func expectedOutputIsAFixedPoint(name: String) {
        let expected = FormatTestSupport.read(FormatTestSupport.goldenFolder.appendingPathComponent(name + ".formatted"))
        guard let again = FormatTestSupport.format(expected) else {
            Issue.record("\(name).formatted does not parse")
            return
        }
        #expect(FormatTestSupport.sameBytes(again, expected))
    }
}
