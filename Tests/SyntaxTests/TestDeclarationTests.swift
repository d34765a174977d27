import Testing
@testable import Syntax

/// `test "Name" { ... }` (LANGUAGE.md §10): the steps and expectations parse
/// to the tree the runner reads, their words stay names elsewhere, mistakes
/// give one diagnostic each, and `fmt` lays tests out idempotently.
@Suite struct TestDeclarationTests {
    func test(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TestDecl? {
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))", sourceLocation: sourceLocation)
        guard case .test(let decl)? = result.syntax.declarations.first else {
            Issue.record("no test parsed", sourceLocation: sourceLocation)
            return nil
        }
        return decl
    }

    @Test func stepsParseInOrder() throws {
        let decl = try #require(test("""
            test "T" {
              now date("2026-11-20 12:00")
              template tip_thanks "Thanks {{amount}}"
              fan ana { tags: ["a"], score.churn_risk: 0.2, transactions: [{ kind: "tip", amount: $5 }, { amount: $1 }] }
              event transaction.tip for ana { amount: $25 }
              at now + 2h
              approve send "x" to ana
              reject tag "y" for ana
              expect nothing for ana
            }
            """))
        #expect(decl.name.value == "T")
        let kinds = decl.steps.map { step -> String in
            switch step.kind {
            case .now: "now"
            case .at: "at"
            case .template(let name, let body): "template \(name.value) \(body.value)"
            case .fan(let name, let fields): "fan \(name.name) " + fields.map(\.name).joined(separator: ",")
            case .event(let trigger, let fan, let fields): "event \(TreeDump.trigger(trigger)) \(fan.name) \(fields.count)"
            case .decide(let approve, let p): "\(approve ? "approve" : "reject") \(p.kind.rawValue) \(p.argument.value) \(p.fan.name)"
            case .expect: "expect"
            }
        }
        #expect(kinds == ["now", "template tip_thanks Thanks {{amount}}", "fan ana tags,score.churn_risk,transactions",
                          "event transaction.tip ana 1", "at", "approve send x ana", "reject tag y ana", "expect"])
        guard case .fan(_, let fields) = decl.steps[2].kind, case .records(let rows, _) = fields[2].value else {
            Issue.record("transactions are not records")
            return
        }
        #expect(rows.map(\.count) == [2, 1])
    }

    @Test func everyExpectationForm() throws {
        let decl = try #require(test("""
            test "T" {
              expect "R" fired
              expect "R" fired 1 time for ana
              expect not "R" fired for ana
              expect "R" fired 0 times
              expect send "tpl" to ana with { amount: $25 }
              expect not tag "t" for ana
              expect untag "t" for ana
              expect note "n" for ana
              expect queued send "tpl" to ana
              expect not queued send "tpl" to ana
              expect ana in whales
              expect ana not in whales
              expect fan.lifetime_spend >= $5 and not ("vip" in fan.tags) for ana
              expect nothing for ana
              expect "vip" in fan.tags for ana
              expect not "vip" in fan.tags for ana
            }
            """))
        let expectations = decl.steps.compactMap { step -> Syntax.Expectation? in
            if case .expect(let e) = step.kind { e } else { nil }
        }
        #expect(expectations.count == 16)
        guard case .condition = expectations[14], case .condition = expectations[15] else { Issue.record("strings start conditions"); return }
        guard case .fired(_, false, let times?, let fan?) = expectations[1] else { Issue.record("\(expectations[1])"); return }
        #expect(TreeDump.expr(times) == "1" && fan.name == "ana")
        guard case .fired(_, true, nil, _) = expectations[2] else { Issue.record("\(expectations[2])"); return }
        guard case .action(let send, false) = expectations[4] else { Issue.record("\(expectations[4])"); return }
        #expect(send.kind == .send && send.with.map(\.key.name) == ["amount"])
        guard case .action(let tag, true) = expectations[5] else { Issue.record("\(expectations[5])"); return }
        #expect(tag.kind == .tag)
        guard case .queued(_, true) = expectations[9] else { Issue.record("\(expectations[9])"); return }
        guard case .member(let who, let segment, false) = expectations[10] else { Issue.record("\(expectations[10])"); return }
        #expect(who.name == "ana" && segment.name == "whales")
        guard case .member(_, _, true) = expectations[11] else { Issue.record("\(expectations[11])"); return }
        guard case .condition(let condition, _) = expectations[12] else { Issue.record("\(expectations[12])"); return }
        #expect(TreeDump.expr(condition).hasPrefix("(and (>= fan.lifetime_spend $5)"))
        guard case .nothing = expectations[13] else { Issue.record("\(expectations[13])"); return }
    }

    @Test func theNewWordsStayNamesElsewhere() {
        let result = parse("""
            let test = 1
            let fired = 2
            segment s { test + fired > 0 and fan.display_name != "expect" }
            rule "R" {
              on message.received
              when event.text contains "nothing"
              then { send "t" with { for: 1, to: 2, note: "x", queued: true } }
            }
            """)
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.syntax.declarations.count == 4)
    }

    @Test func mistakesGiveOneDiagnosticEach() {
        #expect(codes("test \"T\" { wait 2h }") == ["E0114"])
        #expect(codes("test \"T\" { event transaction.tip ana }") == ["E0101"])
        #expect(codes("test \"T\" { event schedule daily at 09:00 for ana }") == ["E0116"])
        #expect(codes("test \"T\" { expect \"R\" fired 2 for ana }") == ["E0101"])
        #expect(codes("test \"T\" { expect fan.id == 1 }") == ["E0101"])
        // Recovery: the next step and the next declaration still parse.
        let result = parse("test \"T\" { wait 2h\n expect nothing for ana }\nlet x = 1")
        #expect(result.diagnostics.count == 1)
        #expect(result.syntax.declarations.count == 2)
    }

    @Test func formattingIsIdempotentAndKeepsComments() {
        let source = """
            # header
            test   "T"{   # the test
            now date("2026-11-20 12:00")
              fan ana {tags:["a"],transactions:[{kind:"tip",amount:$5,occurred_at:3d ago},{kind:"ppv",amount:$595,occurred_at:10d ago},{kind:"tip",amount:$1}]}
            # before the event
              event transaction.tip for ana {amount:$25}
              expect   "R" fired 1 times for ana   # trailing
            expect not queued send "x" to ana with {a:1}
            }
            """
        let once = Format.source(parse(source).syntax)
        #expect(once == """
            # header
            test "T" {  # the test
              now date("2026-11-20 12:00")
              fan ana {
                tags: ["a"],
                transactions: [
                  { kind: "tip", amount: $5, occurred_at: 3d ago },
                  { kind: "ppv", amount: $595, occurred_at: 10d ago },
                  { kind: "tip", amount: $1 }
                ]
              }
              # before the event
              event transaction.tip for ana { amount: $25 }
              expect "R" fired 1 time for ana  # trailing
              expect not queued send "x" to ana with { a: 1 }
            }

            """)
        #expect(Format.source(parse(once).syntax) == once)
    }
}
