import Syntax
import Testing

/// `policy { ... }` and `bypass policy` (LANGUAGE.md §11): parsed, dumped,
/// formatted idempotently with comments kept, and the new words stay names elsewhere.
@Suite struct PolicySyntaxTests {
    static func parse(_ text: String) -> ParseResult {
        Parse.file(SourceFile(id: FileID(0), path: "p.rules", text: text))
    }

    @Test func policyAndBypassParse() {
        let result = Self.parse("""
            policy {
              limit 3 sends per fan per 1d
              limit 1 sends per fan per 4h
              quiet hours 22:00 to 08:00
            }
            rule "Receipt" { on transaction.ppv bypass policy then { send "receipt" } }
            """)
        #expect(result.diagnostics.isEmpty)
        #expect(TreeDump.file(result.syntax) == """
            (policy (limit 3 (per 1d)) (limit 1 (per 4h)) (quiet 22:00 08:00))
            (rule "Receipt" (on transaction.ppv) bypass-policy (then (send "receipt")))
            """)
    }

    @Test func newWordsStayNamesOutsideThePolicy() {
        let result = Self.parse("""
            let hours = 3
            let policy = 2
            rule "r" {
              on message.received
              when event.text contains "quiet hours" and hours > policy
              then { note "bypass" send "x" with { policy: 1, to: 2, sends: 3 } }
            }
            """)
        #expect(result.diagnostics.isEmpty)
        #expect(result.syntax.declarations.count == 3)
    }

    @Test func formattingIsIdempotentAndKeepsComments() {
        let source = """
            # house rules
            policy {   limit 3 sends per fan per 1d # every rule counts
            quiet hours 22:00 to 08:00
            }
            rule "Receipt" { bypass policy on transaction.ppv then { send "receipt" } }
            """
        let once = Format.source(Self.parse(source).syntax)
        #expect(once == """
            # house rules
            policy {
              limit 3 sends per fan per 1d  # every rule counts
              quiet hours 22:00 to 08:00
            }

            rule "Receipt" {
              on transaction.ppv
              bypass policy
              then {
                send "receipt"
              }
            }

            """)
        #expect(Format.source(Self.parse(once).syntax) == once)
    }

    @Test func malformedPolicyItemsReportAndRecover() {
        let result = Self.parse("""
            policy {
              limit 3 per fan per 1d
              quiet hours 22:00 to 08:00
              sometimes
            }
            rule "r" { on fan.created then { tag "x" } }
            """)
        #expect(result.diagnostics.map(\.code.id) == ["E0101", "E0114"])
        #expect(result.syntax.declarations.count == 2)
        guard case .policy(let policy) = result.syntax.declarations[0] else { Issue.record("no policy"); return }
        #expect(policy.quietHours.count == 1)
    }
}
