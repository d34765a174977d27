import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI

/// Examples of output printed in the project's docs are what the commands print:
/// a reader who runs them sees the same text.
@Suite struct DocumentedExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The README tour's "Thank big tippers" rule.
    static let tourRule = """
        rule "Thank big tippers" {
          on transaction.tip
          when event.amount >= $20 and not ("big_tipper" in fan.tags)
          priority 10
          cooldown 1d
          then {
            send "tip_thanks" with { amount: event.amount }
            tag "big_tipper"
          }
        }

        """

    @Test func theExplainExampleInCLIDocsIsTheRealOutput() throws {
        let docs = try String(contentsOf: Self.repository.appendingPathComponent("docs/CLI.md"), encoding: .utf8)
        let section = try #require(docs.range(of: "## `rulec explain"))
        let after = docs[section.upperBound...]
        let open = try #require(after.range(of: "```\nrule \"Thank big tippers\""))
        let body = after[after.index(open.lowerBound, offsetBy: 4)...]
        let close = try #require(body.range(of: "```"))
        let documented = String(body[..<close.lowerBound])

        let root = try TemporaryFolder("docs-explain")
        _ = try root.write(Self.tourRule, to: "tour.rules")
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: ["NO_COLOR": "1"], standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: root.path, clock: TestClock.clock)
        let code = Rulec.main(["explain", "tour.rules", "--rule", "Thank big tippers"], context: context)
        #expect(code == .success, "\(err.text)")
        #expect(out.text == documented)
    }
}
