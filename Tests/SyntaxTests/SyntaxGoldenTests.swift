import RulecTestSupport
import Testing
@testable import Syntax

/// Every `Golden/diagnostics/*.rules` is parsed on its own and its diagnostics
/// rendered as `rulec check` prints them (text, no color) into `*.expected`.
/// The file is named by its base name only, so the output is the same on every machine.
/// (This file sits outside `Golden/`, which Package.swift excludes from the
/// target: inside it, the suite was never compiled.)
@Suite struct SyntaxGoldenTests {
    static let folder = GoldenFolder("Golden/diagnostics")

    @Test(arguments: folder.inputs(withExtension: "rules"))
    func syntaxDiagnostics(_ name: String) throws {
        let file = SourceFile(id: FileID(0), path: name + ".rules", bytes: Array(try Self.folder.read(name + ".rules")))
        let parsed = Parse.file(file)
        let rendered = TextRenderer().render(parsed.diagnostics, in: SourceFiles([file]))
        try Self.folder.expect(rendered, matches: name + ".expected")
    }

    @Test func everyExpectedFileHasItsInput() {
        let inputs = Self.folder.inputs(withExtension: "rules")
        #expect(inputs.count >= 5)
        // A leftover `.expected` whose input was renamed or deleted would never be checked again.
        #expect(Self.folder.inputs(withExtension: "expected") == inputs)
    }
}
