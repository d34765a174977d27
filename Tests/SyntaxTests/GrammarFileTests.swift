import Foundation
import Testing
@testable import Syntax

/// Grammar/rules.ebnf is tested against the parser, so the two cannot drift:
/// every `#>` example parses cleanly and every `#!` example is rejected.
@Suite struct GrammarFileTests {
    struct Example: CustomStringConvertible {
        var text: String
        var line: Int
        var mustParse: Bool
        var description: String { "rules.ebnf:\(line)" }
    }

    /// Consecutive lines with the same marker form one example; any other
    /// line (a bare `#` included) ends it.
    static func examples() throws -> [Example] {
        let url = packageRoot.appendingPathComponent("Grammar/rules.ebnf")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var examples: [Example] = []
        var current: Example?
        for (index, line) in lines.enumerated() {
            let mustParse: Bool? = line.hasPrefix("#>") ? true : line.hasPrefix("#!") ? false : nil
            if let open = current, open.mustParse != mustParse {
                examples.append(open)
                current = nil
            }
            guard let mustParse else { continue }
            var body = line.dropFirst(2)
            if body.first == " " { body = body.dropFirst() }
            if current == nil { current = Example(text: "", line: index + 1, mustParse: mustParse) }
            current?.text += body + "\n"
        }
        if let open = current { examples.append(open) }
        return examples
    }

    @Test func theGrammarHasExamplesOfBothKinds() throws {
        let examples = try Self.examples()
        #expect(examples.filter(\.mustParse).count >= 10)
        #expect(examples.filter { !$0.mustParse }.count >= 10)
    }

    @Test func everyExampleBehavesAsMarked() throws {
        for example in try Self.examples() {
            let result = parse(example.text)
            if example.mustParse {
                #expect(result.diagnostics.isEmpty, "\(example) should parse:\n\(example.text)\(describe(result.diagnostics))")
            } else {
                #expect(result.diagnostics.hasErrors, "\(example) should be rejected:\n\(example.text)")
            }
        }
    }

    /// Every `.rules` file under Rules/ (none may exist yet) parses cleanly.
    @Test func everyRulesFileParses() throws {
        let rules = packageRoot.appendingPathComponent("Rules")
        guard let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in walker where url.pathExtension == "rules" {
            let bytes = try Array(Data(contentsOf: url))
            let result = Parse.file(SourceFile(id: FileID(0), path: url.path, bytes: bytes))
            #expect(result.diagnostics.isEmpty, "\(url.lastPathComponent): \(describe(result.diagnostics))")
        }
    }
}
