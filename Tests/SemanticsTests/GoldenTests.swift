import Foundation
import RulecTestSupport
import Testing
@testable import Semantics
@testable import Syntax

/// Every `Golden/NAME.rules` is parsed, checked (with the templates of
/// `Golden/templates.tsv`, as `--db/--user` would supply) and its diagnostics
/// rendered as `rulec check` prints them, into `NAME.expected`. Each file is
/// named after the code it demonstrates, and every checker code has one.
@Suite struct SemanticsGoldenTests {
    static let folder = GoldenFolder("Golden")

    /// The parser lands on another branch; until `Parse.file` builds trees the
    /// golden comparisons are skipped (and reported as skipped), not faked.
    static let parserIsAvailable: Bool = {
        let probe = SourceFile(id: FileID(0), path: "probe.rules", text: "let x = 1\n")
        return !Parse.file(probe).syntax.declarations.isEmpty
    }()

    static func templates() throws -> [String: String] {
        let text = String(decoding: try folder.read("templates.tsv"), as: UTF8.self)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    @Test(.enabled(if: parserIsAvailable), arguments: folder.inputs(withExtension: "rules"))
    func checkerDiagnostics(_ name: String) throws {
        let file = SourceFile(id: FileID(0), path: name + ".rules", bytes: Array(try Self.folder.read(name + ".rules")))
        let diagnostics = Check.sources([file], options: CheckOptions(templates: try Self.templates())).diagnostics
        let rendered = TextRenderer().render(diagnostics, in: SourceFiles([file]))
        try Self.folder.expect(rendered, matches: name + ".expected")
        // The file named after a code must show that code.
        let code = String(name.prefix { $0 != "_" })
        #expect(diagnostics.contains { $0.code.id == code }, "\(name).rules does not produce \(code)")
    }

    @Test func everyCheckerCodeHasAGoldenInput() {
        let inputs = Set(Self.folder.inputs(withExtension: "rules").map { String($0.prefix { $0 != "_" }) })
        let missing = SemanticCodes.all.map(\.id).filter { !inputs.contains($0) }
        #expect(missing.isEmpty, "codes without a golden input: \(missing)")
        let unknown = inputs.subtracting(SemanticCodes.all.map(\.id))
        #expect(unknown.isEmpty, "golden inputs named after no code: \(unknown.sorted())")
    }

    @Test(.enabled(if: parserIsAvailable)) func everyExpectedFileHasItsInput() {
        #expect(Self.folder.inputs(withExtension: "expected") == Self.folder.inputs(withExtension: "rules"))
    }
}
