import Testing
@testable import Syntax

@Suite struct DeclarationTests {
    @Test func constantsAndSegments() {
        #expect(dumpFile("let vip_min = $500") == "(let vip_min $500)")
        #expect(dumpFile("segment whales { fan.lifetime_spend >= vip_min }") == "(segment whales (>= fan.lifetime_spend vip_min))")
        #expect(dumpFile(#"segment w "Whales \u{1F433}" { true }"#) == #"(segment w "Whales 🐳" true)"#)
    }

    @Test func everyClause() {
        let source = """
        rule "All" {
          description "every clause"
          paused
          limit 2 per fan
          cooldown 12h
          priority -5
          when fan in whales
          on transaction
          then { tag "x" }
        }
        """
        #expect(dumpFile(source) == #"(rule "All" (description "every clause") paused (limit 2) (cooldown 12h) (priority -5) (when (in fan whales)) (on transaction) (then (tag "x")))"#)
        let rule = parse(source).syntax.declarations.first
        guard case .rule(let r)? = rule else { Issue.record("not a rule"); return }
        #expect(r.isPaused)
        #expect(r.ruleDescription?.value == "every clause")
        #expect(r.priority?.kind == .literal(.int(-5)))
        #expect(r.clauses.map(\.kind.keyword) == ["description", "paused", "limit", "cooldown", "priority", "when", "on", "then"])
    }

    @Test func clauseRangesRunFromKeywordToLastToken() {
        let result = parse(#"rule "r" { on fan.created  cooldown 1d then { tag "x" } }"#)
        guard case .rule(let r)? = result.syntax.declarations.first else { Issue.record("not a rule"); return }
        let cooldown = r.clauses[1].range
        #expect((cooldown.start, cooldown.end) == (27, 38))
        #expect((r.range.start, r.range.end) == (0, 57))
    }

    @Test func triggers() {
        func trigger(_ text: String) -> String {
            dumpFile("rule \"r\" { on \(text) then { tag \"t\" } }")
                .replacingOccurrences(of: #"(rule "r" (on "#, with: "")
                .replacingOccurrences(of: #") (then (tag "t")))"#, with: "")
        }
        #expect(trigger("transaction.tip") == "transaction.tip")
        #expect(trigger("transaction") == "transaction")
        #expect(trigger("segment.entered whales") == "segment.entered whales")
        #expect(trigger("segment.exited whales") == "segment.exited whales")
        #expect(trigger(#"tag.added "vip""#) == #"tag.added "vip""#)
        #expect(trigger("fan.created") == "fan.created")
        #expect(trigger("custom_request.submitted") == "custom_request.submitted")
        #expect(trigger("made.up.trigger") == "made.up.trigger")  // the checker's business
        #expect(trigger("schedule daily at 09:00") == "schedule daily 09:00")
        #expect(trigger("schedule weekly on sunday at 23:59") == "schedule weekly sunday 23:59")
        #expect(trigger("schedule every 15m") == "schedule every 15m")
        #expect(trigger("schedule every window") == "schedule every window")
    }

    @Test func triggerErrors() {
        #expect(codes(#"rule "r" { on schedule hourly then { tag "t" } }"#) == ["E0116"])
        #expect(codes(#"rule "r" { on schedule daily at 9 then { tag "t" } }"#) == ["E0116"])
        #expect(codes(#"rule "r" { on schedule daily at 9:00 then { tag "t" } }"#) == ["E0010"])
        #expect(codes(#"rule "r" { on schedule weekly at 09:00 then { tag "t" } }"#) == ["E0101"])
        #expect(codes(#"rule "r" { on 42 then { tag "t" } }"#) == ["E0101"])
    }

    @Test func actionsAndModifiers() {
        let source = #"""
        rule "r" {
          on fan.created
          then {
            send "offer" with { discount: 30, note: "hi", when: now, } via event.platform after 2d requires approval
            send "plain"
            tag "a" requires approval after 1h
            untag "b" after 10m
            note "text"
          }
        }
        """#
        #expect(dumpFile(source) == #"(rule "r" (on fan.created) (then (send "offer" (with (discount 30) (note "hi") (when now)) (via event.platform) (after 2d) approval) (send "plain") (tag "a" (after 1h) approval) (untag "b" (after 10m)) (note "text")))"#)
    }

    @Test func actionErrors() {
        #expect(codes(#"rule "r" { on x then { } }"#) == ["E0111"])
        #expect(codes(#"rule "r" { on x then { tag "a" after 1d after 2d } }"#) == ["E0117"])
        #expect(codes(#"rule "r" { on x then { tag "a" requires approval requires approval } }"#) == ["E0117"])
        #expect(codes(#"rule "r" { on x then { email "a" } }"#) == ["E0115"])
        #expect(codes(#"rule "r" { on x then { tag a } }"#) == ["E0101"])
        let missingComma = parse(#"rule "r" { on x then { send "t" with { a: 1 b: 2 } } }"#)
        #expect(missingComma.diagnostics.map(\.code) == [.expectedToken])
        #expect(missingComma.diagnostics.first?.fixIts.first?.replacement == ",")
    }

    @Test func duplicateClausePointsAtBoth() throws {
        let source = #"rule "r" { on x cooldown 1d cooldown 2d then { tag "t" } }"#
        let result = parse(source)
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .duplicateClause)
        #expect((d.range.start, d.range.end) == (28, 39))
        #expect(d.notes.first?.range?.start == 16)
    }

    @Test func onAndThenAreRequired() {
        #expect(codes(#"rule "r" { then { tag "t" } }"#) == ["E0109"])
        #expect(codes(#"rule "r" { on x }"#) == ["E0110"])
        #expect(codes(#"rule "r" { }"#) == ["E0109", "E0110"])
    }

    @Test func reservedWordsAsNames() {
        #expect(codes("let note = 1") == ["E0104"])
        #expect(codes("segment fan { true }") == ["E0104"])
        #expect(codes("let x = event.description + event.note").isEmpty)
    }

    @Test func ruleNamesAreStrings() throws {
        let d = try #require(parse(#"rule thanks { on x then { tag "t" } }"#).diagnostics.first)
        #expect(d.fixIts.first?.replacement == #""thanks""#)
    }

    @Test func letWithDoubleEquals() throws {
        let result = parse("let x == 5")
        #expect(result.diagnostics.map(\.code) == [.expectedToken])
        #expect(result.diagnostics.first?.fixIts.first?.replacement == "=")
        #expect(TreeDump.file(result.syntax) == "(let x 5)")
    }
}
