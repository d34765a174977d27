import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Semantics
import Store
import Syntax
import Testing

/// The runner of `test` declarations: each test in its own store, events
/// through the real engine, expectations read back from what it wrote.
@Suite struct TestRunnerTests {
    static let program = """
        segment whales { fan.lifetime_spend >= $500 }

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

        rule "Note big tippers" {
          on tag.added "big_tipper"
          then { note "a big tipper" }
        }

        rule "Welcome" {
          on fan.created
          then { send "hello" after 1h }
        }

        rule "Morning" {
          on schedule daily at 09:00
          when fan in whales
          then { tag "morning" }
        }
        """

    /// Checks `program` plus `tests` and runs every test.
    func run(_ tests: String, coverage: Bool = false) throws -> (results: [TestResult], program: CheckedProgram, files: [SourceFile]) {
        let files = [SourceFile(id: FileID(0), path: "p.rules", text: Self.program),
                     SourceFile(id: FileID(1), path: "p_test.rules", text: tests)]
        let checked = Check.sources(files)
        #expect(!checked.diagnostics.hasErrors, "\(checked.diagnostics.map(\.message))")
        return (TestSuite.run(program: checked.program, files: files, coverage: coverage), checked.program, files)
    }

    func outcomes(_ tests: String) throws -> [String] {
        try run(tests).results.map { "\($0.name): \($0.outcome.rawValue)" + $0.failures.map { " | " + $0.message }.joined() }
    }

    @Test func cascadesRunThroughTheEngine() throws {
        #expect(try outcomes("""
            test "cascade" {
              fan ana {}
              event transaction.tip for ana { amount: $20 }
              expect "Note big tippers" fired 1 time for ana
              expect note "a big tipper" for ana
            }
            """) == ["cascade: pass"])
    }

    @Test func aFanCreatedEventAddsTheFanThenAndAfterWaits() throws {
        #expect(try outcomes("""
            test "welcome" {
              now date("2026-11-20 12:00")
              fan old {}
              fan ana { tags: ["x"] }
              at now + 1m
              event fan.created for ana
              expect "Welcome" fired 1 time for ana
              expect not "Welcome" fired for old
              expect not send "hello" to ana
              expect "x" in fan.tags for ana
              at now + 1h
              expect send "hello" to ana
            }
            """) == ["welcome: pass"])
    }

    @Test func schedulesFireWhenTheClockPassesTheirSlot() throws {
        #expect(try outcomes("""
            test "morning" {
              now date("2026-11-20 08:00")
              fan rich { lifetime_spend: $500 }
              fan poor { lifetime_spend: $499.99 }
              at date("2026-11-20 08:59")
              expect not "Morning" fired
              at date("2026-11-20 09:00")
              expect tag "morning" for rich
              expect not tag "morning" for poor
            }
            """) == ["morning: pass"])
    }

    @Test func failuresSayWhatWasExpectedAndWhatHappened() throws {
        let (results, _, _) = try run("""
            test "wrong" {
              fan ana {}
              event transaction.tip for ana { amount: $25 }
              expect "Thank big tippers" fired 2 times for ana
              expect fan.lifetime_spend >= $500 for ana
            }
            """)
        let result = try #require(results.first)
        #expect(result.outcome == .fail)
        #expect(result.failures.map(\.message) == [
            "expected \"Thank big tippers\" to fire 2 times for ana, but it fired 1 time",
            "expected `fan.lifetime_spend >= $500` for ana, but it is false",
        ])
        #expect(result.failures[0].details.contains("  send \"tip_thanks\" with { amount: \"$25\" } (executed)"))
        #expect(result.failures[1].details.first?.contains("($25 >= $500)") == true)
    }

    @Test func testsAreIndependentAndRunInParallelInSourceOrder() throws {
        let many = (0..<24).map { index in
            """
            test "t\(index)" {
              fan ana {}
              event transaction.tip for ana { amount: $\(index) }
              expect \(index >= 20 ? "" : "not ")"Thank big tippers" fired 1 time for ana
            }
            """
        }.joined(separator: "\n")
        let results = try run(many).results
        #expect(results.map(\.name) == (0..<24).map { "t\($0)" })
        #expect(results.allSatisfy { $0.outcome == .pass }, "\(results.filter { $0.outcome != .pass }.map(\.failures))")
    }

    @Test func deployIgnoresTests() throws {
        let folder = try TemporaryFolder("tests-deploy")
        let store = try EngineStore.open(path: folder.path("crm.sqlite"))
        let creator = store.creator("a")
        try creator.execute("INSERT INTO creator_profiles (user_id, display_name, timezone, created_at) VALUES (:user, 'A', 'UTC', 0)")
        for name in ["tip_thanks", "hello"] {
            try creator.execute("INSERT INTO message_templates (user_id, name, body, created_at) VALUES (:user, ?, '', 0)", [.text(name)])
        }
        let program = SourceFile(id: FileID(0), path: "p.rules", text: Self.program)
        let tests = SourceFile(id: FileID(1), path: "p_test.rules", text: "test \"t\" { fan ana {}\n expect nothing for ana }")
        let first = try Deployer.deploy(files: [program], to: creator, now: 100)
        let before = try creator.rows("SELECT name, version, plan_json FROM automation_rules WHERE user_id = :user ORDER BY name")
        let report = try Deployer.deploy(files: [program, tests], to: creator, now: 200)
        let after = try creator.rows("SELECT name, version, plan_json FROM automation_rules WHERE user_id = :user ORDER BY name")
        #expect(before == after)
        #expect(report.diagnostics.map(\.message) == first.diagnostics.map(\.message))
    }

    @Test func coverageRecordsEveryAtomAndRuleOutcome() throws {
        let (results, program, _) = try run("""
            test "both ways" {
              fan ana {}
              fan bo { tags: ["big_tipper"] }
              event transaction.tip for ana { amount: $20 }
              event transaction.tip for ana { amount: $19.99 }
              event transaction.tip for bo { amount: $25 }
            }
            """, coverage: true)
        var log = CoverageLog()
        for result in results { log.merge(result.coverage) }
        let summary = CoverageSummary(program: program, log: log)
        let thank = try #require(log.evaluations["rule \"Thank big tippers\""])
        // amount ≥ $20 true and untagged; then tagged (the first tip tagged ana); bo tagged.
        #expect(thank.contains(CoverageLog.Evaluation(outcome: true, atoms: [true, false])))
        #expect(thank.contains(CoverageLog.Evaluation(outcome: false, atoms: [true, true])))
        #expect(log.fired.contains("Thank big tippers") && log.notMatching.contains("Thank big tippers"))
        #expect(summary.uncovered.contains { $0.what == "`fan.lifetime_spend >= $500` never seen true (segment whales)" })
        #expect(!summary.uncovered.contains { $0.what == "`event.amount >= $20` never seen false (rule \"Thank big tippers\")" })
        #expect(summary.uncovered.contains { $0.what == "rule \"Morning\" never seen firing" })
    }

    @Test func decisionsMaskUnderAndAndOr() throws {
        let file = SourceFile(id: FileID(0), path: "d.rules", text: "segment s { (fan.id > 1 and fan.id > 2) or not (fan.id > 3) }")
        let checked = Check.sources([file])
        let decision = try #require(Decision.all(in: checked.program).first)
        #expect(decision.atoms.count == 3)
        // a and b true: the or's right side (c's not) is false, so a and b decide; c is masked by the left side.
        #expect(decision.unmasked([true, true, true]) == [0, 1])
        // a false: b is masked; the left is false, so not c decides.
        #expect(decision.unmasked([false, true, true]) == [0, 2])
        #expect(decision.unmasked([false, false, false]) == [2])
    }
}
