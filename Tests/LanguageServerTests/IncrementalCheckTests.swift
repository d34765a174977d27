import Foundation
import Testing
import RulecTestSupport
import Syntax
@testable import LanguageServer

/// The incremental re-check must give exactly what a full check gives. Two
/// workspaces over the same folder take the same edits, one checking
/// incrementally, the other in full, and their diagnostics are compared
/// after every edit; the edits are chosen to hit each thing that crosses
/// files (segments used elsewhere, duplicate names and sends, constants,
/// lints held back by errors elsewhere, syntax errors).
@Suite struct IncrementalCheckTests {
    static let files: [String: String] = [
        "a_defs.rules": """
            let big = $20
            let window = 30d

            segment whales "Big spenders" {
              fan.lifetime_spend >= $500
            }

            segment lapsed_whales {
              fan in whales and days_since(fan.last_active_at) > 30
            }

            segment spare {
              fan.engagement_score > 0.5
            }

            """,
        "b_tips.rules": """
            rule "Thank whales" {
              on transaction.tip
              when fan in whales and event.amount >= big
              cooldown 1d
              then {
                send "tip_thanks" with { amount: event.amount }
              }
            }

            rule "Welcome back" {
              on segment.entered lapsed_whales
              cooldown 7d
              then {
                tag "welcome_back"
              }
            }

            """,
        "c_more.rules": """
            rule "Big tip" {
              on transaction.tip
              when event.amount >= big and count(fan.transactions within window where kind == "tip") > 2
              cooldown 1d
              then {
                tag "big_tipper"
              }
            }

            """,
    ]

    /// (file, text to find, replacement): each edit is applied to the current text if it applies.
    static let edits: [(String, String, String)] = [
        ("b_tips.rules", "event.amount >= big", "event.amount >= bigg"),           // unknown name in the edited file
        ("b_tips.rules", "event.amount >= bigg", "event.amount >= big"),
        ("c_more.rules", "\"tip\"", "\"tipp\""),                                  // unknown enum value
        ("c_more.rules", "\"tipp\"", "\"tip\""),
        ("b_tips.rules", "fan in whales and ", ""),                              // whales still used by lapsed_whales
        ("c_more.rules", "when event.amount", "when fan in spare and event.amount"),  // spare becomes used
        ("c_more.rules", "when fan in spare and event.amount", "when event.amount"),
        ("b_tips.rules", "  cooldown 1d\n", ""),                                  // W2001 in the edited file
        ("c_more.rules", "tag \"big_tipper\"", "send \"tip_thanks\""),            // W2004 across files
        ("c_more.rules", "send \"tip_thanks\"", "tag \"big_tipper\""),
        ("b_tips.rules", "rule \"Welcome back\"", "rule \"Big tip\""),            // duplicate rule name across files
        ("b_tips.rules", "rule \"Big tip\"", "rule \"Welcome back\""),
        ("c_more.rules", "then {", "then {{"),                                    // a syntax error
        ("c_more.rules", "then {{", "then {"),
        ("a_defs.rules", "$500", "$600"),                                         // a segment changes
        ("b_tips.rules", "on segment.entered lapsed_whales", "on segment.entered spare"),
        ("b_tips.rules", "on segment.entered spare", "on segment.entered lapsed_whales"),
        ("c_more.rules", "> 2", "> 2 and false"),                                 // a lint (never true)
        ("b_tips.rules", "tag \"welcome_back\"", "tag \"welcome_back_again\""),   // errors elsewhere hold lints back
        ("c_more.rules", "> 2 and false", "> 2"),
        ("b_tips.rules", "cooldown 7d", "cooldown 7"),                            // a type error
        ("c_more.rules", "cooldown 1d", "cooldown 2d"),
        ("b_tips.rules", "cooldown 7\n", "cooldown 7d\n"),
        ("c_more.rules", "rule \"Big tip\"", "rule \"Bigger tip\""),
        ("a_defs.rules", "let big = $20", "let big = 20"),                         // a constant's type changes
        ("c_more.rules", "rule \"Bigger tip\"", "rule \"Big tip\""),
        ("a_defs.rules", "let big = 20", "let big = $20"),
    ]

    @Test func incrementalDiagnosticsEqualAFullCheckAfterEveryEdit() throws {
        let folder = try TemporaryFolder("lsp-incremental")
        for (name, text) in Self.files { try folder.write(text, to: name) }
        let fast = Workspace(root: folder.path), full = Workspace(root: folder.path)
        full.incremental = false
        var texts = Self.files
        for name in texts.keys.sorted() {
            let uri = FileURI.uri(of: folder.path(name))
            fast.open(TextDocument(uri: uri, version: 1, text: texts[name]!))
            full.open(TextDocument(uri: uri, version: 1, text: texts[name]!))
        }
        #expect(fast.analyze().diagnostics == full.analyze().diagnostics)

        var generator = SplitMix64(seed: 17)
        var incrementalChecks = 0
        // The listed edits in order, then random single edits from the list, twice over.
        let order = Array(Self.edits.indices) + (0..<60).map { _ in Int(generator.next() % UInt64(Self.edits.count)) }
        for (step, index) in order.enumerated() {
            let (name, find, replacement) = Self.edits[index]
            guard let range = texts[name]!.range(of: find) else { continue }
            texts[name]!.replaceSubrange(range, with: replacement)
            let uri = FileURI.uri(of: folder.path(name))
            for workspace in [fast, full] {
                try workspace.update(uri) { (document: inout TextDocument) throws(RPCError) in
                    try document.apply(changes: [.object([("text", .string(texts[name]!))])], version: step + 2, encoding: .utf8)
                }
            }
            let expected = full.analyze().diagnostics
            let got = fast.analyze().diagnostics
            if fast.lastCheckWasIncremental { incrementalChecks += 1 }
            #expect(got == expected, "step \(step): \(name): \(find) → \(replacement)\n\(render(got, fast))\nexpected:\n\(render(expected, full))")
        }
        #expect(incrementalChecks >= 10, "the incremental path was taken \(incrementalChecks) times")
    }

    func render(_ diagnostics: [Diagnostic], _ workspace: Workspace) -> String {
        TextRenderer().render(diagnostics, in: SourceFiles(workspace.analysis.parsed.map(\.syntax.file)))
    }
}
