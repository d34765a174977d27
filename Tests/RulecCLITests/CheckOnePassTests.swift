import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

/// `rulec check` as a user meets it: every problem in one run, fix-its that
/// point at the right place, and conditions of any length.
@Suite struct CheckOnePassTests {
    struct Run {
        var code: ExitCode
        var out: String
        var err: String
    }

    func check(_ files: [String: String], _ words: [String] = []) throws -> Run {
        let folder = try TemporaryFolder("check-one-pass")
        for (path, text) in files { try folder.write(text, to: path) }
        return run(["check"] + words, in: folder.path)
    }

    func run(_ words: [String], in directory: String, environment: [String: String] = ["NO_COLOR": "1"]) -> Run {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: environment, standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: directory, clock: TestClock.clock)
        return Run(code: Rulec.main(words, context: context), out: out.text, err: err.text)
    }

    /// Lines like `a.rules:4:8: error[E1031]: …`, reduced to `a.rules:4:8 E1031`.
    func headlines(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard let bracket = line.range(of: ": error["), let close = line.range(of: "]", range: bracket.upperBound..<line.endIndex)
            else { return nil }
            return String(line[..<bracket.lowerBound]) + " " + String(line[bracket.upperBound..<close.lowerBound])
        }
    }

    @Test func aSyntaxErrorInOneFileHidesNoErrorInAnother() throws {
        let result = try check([
            "a.rules": "segment regulars {\n  fan.lifetime_spend >= and fan.nope\n}\n",
            "b.rules": "rule \"r\" {\n  on transaction.tip\n  when fan in regulars and fan.lifetime_spend > 100\n  then { tag \"x\" }\n}\n",
        ])
        #expect(result.code == .inputErrors)
        // The broken segment's body is not checked (no E1011 for `fan.nope`), and
        // its name still counts as declared (no E1014 for `fan in regulars`).
        #expect(headlines(result.out) == ["a.rules:2:25 E0102", "b.rules:3:49 E1031"])
        #expect(result.out.hasSuffix("\n2 errors\n"))
    }

    @Test func aMisspelledTriggerHidesNoErrorInTheCondition() throws {
        let result = try check(["a.rules": """
            rule "r" {
              on transaction.tipp
              when event.amount > 20 and event.amont > $1 and fan.lifetime_spend > 5
              then { tag "x" }
            }

            """])
        #expect(headlines(result.out) == ["a.rules:2:6 E1015", "a.rules:3:23 E1031", "a.rules:3:36 E1013", "a.rules:3:72 E1031"])
    }

    @Test func aDuplicateRuleNameHidesNoErrorInItsBody() throws {
        let rule = "rule \"r\" {\n  on transaction.tip\n  then { tag \"x\" }\n}\n"
        let duplicate = "rule \"r\" {\n  on transaction.tip\n  when fan.lifetime_spend > 5\n  then { tag \"x\" }\n}\n"
        let result = try check(["a.rules": rule + duplicate])
        #expect(headlines(result.out) == ["a.rules:5:6 E1001", "a.rules:7:29 E1031"])
    }

    @Test func aMissingBraceInWithIsInsertedAfterTheLastArgument() throws {
        let result = try check(["a.rules": """
            rule "r" {
              on transaction.tip
              then {
                send "tip_thanks" with { amount: event.amount
                tag "thanked"
              }
            }

            """])
        #expect(headlines(result.out) == ["a.rules:4:50 E0112"])
        #expect(result.out.contains("missing `}` to close the `with` arguments"))
        #expect(result.out.contains(" 4 |     send \"tip_thanks\" with { amount: event.amount }\n"))
    }

    @Test func listEqualsElementSuggestsIn() throws {
        let source = "segment vips {\n  fan.tags == \"vip\"\n}\n"
        let text = try check(["a.rules": source])
        #expect(text.out.contains("write `\"vip\" in fan.tags`"))
        #expect(text.out.contains(" 2 |   \"vip\" in fan.tags\n"))
        let json = try check(["a.rules": source], ["--format", "json"])
        #expect(json.out.contains(#""replacement":"\"vip\" in fan.tags""#))
        let negated = try check(["a.rules": "segment others {\n  fan.tags != \"vip\"\n}\n"])
        #expect(negated.out.contains("write `\"vip\" not in fan.tags`"))
    }

    @Test func theEmptyPatternIsAValidRegularExpression() throws {
        let valid = try check(["a.rules": "segment s {\n  \"\" matches \"\" and fan.display_name matches \"\" and fan.display_name matches \"^$\"\n}\n"])
        #expect(valid.code == .success, "\(valid.out)")
        let invalid = try check(["a.rules": "segment s {\n  fan.display_name matches \"(\" or fan.display_name matches \"[a-\"\n}\n"])
        #expect(headlines(invalid.out) == ["a.rules:2:28 E1037", "a.rules:2:60 E1037"])
    }

    @Test func aFlatChainOf200AndsIsNotNesting() throws {
        let terms = (0..<250).map { "fan.engagement_score > \($0 % 7)" }
        let source = "segment engaged {\n  " + terms.joined(separator: " and ") + "\n}\n"
        let result = try check(["a.rules": source])
        #expect(result.code == .success, "\(result.out)")
        #expect(!result.out.contains("nests"))
        // Real nesting is still bounded.
        let deep = try check(["a.rules": "let x = " + String(repeating: "(", count: 250) + "1" + String(repeating: ")", count: 250) + "\n"])
        #expect(deep.out.contains("error[E0107]: expression nests more than 200 levels deep"))
        // A long chain of another operator says what it is.
        let sum = try check(["a.rules": "let x = 1" + String(repeating: " + 1", count: 250) + "\n"])
        #expect(sum.out.contains("error[E0107]: this chain of `+` is too long: more than 200 operations in a row"))
    }

    @Test func explainPrintsSevenDaysAsWritten() throws {
        let folder = try TemporaryFolder("explain-days")
        try folder.write("rule \"r\" {\n  on transaction.tip\n  when fan.last_active_at within 14d\n  cooldown 7d\n  then { tag \"x\" after 7d }\n}\n",
                         to: "a.rules")
        let result = run(["explain", "a.rules"], in: folder.path)
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out.contains("cooldown  7d (at most one firing per fan in any 7d)"))
        #expect(result.out.contains("when      fan.last_active_at within 14d"))
        #expect(result.out.contains("tag \"x\" after 7d"))
        #expect(!result.out.contains("1w") && !result.out.contains("2w"))
    }

    @Test func anUnknownTemplateListsTheCreatorsTemplates() throws {
        let folder = try TemporaryFolder("check-template-list")
        try Seeder.run(SeedOptions(fans: 5, userID: "creator_a"), into: try Store.open(path: folder.path("crm.sqlite")))
        try folder.write("rule \"r\" {\n  on transaction.tip\n  cooldown 1d\n  then { send \"no_such_template\" }\n}\n", to: "a.rules")
        let result = run(["check", "--db", "crm.sqlite", "--user", "creator_a", "a.rules"], in: folder.path)
        #expect(result.code == .inputErrors)
        #expect(result.out.contains("\"tip_thanks\""), "\(result.out)")
        #expect(result.out.contains("note: the creator's templates: \""), "the note lists all 12: \(result.out)")
    }

    /// Flat chains of thousands of terms check, format, and evaluate the same
    /// through SQLite and through the evaluator (a `matches` term sends the
    /// whole `or` chain to the evaluator).
    @Test func chainsOfThousandsOfTermsRunEverywhere() throws {
        let folder = try TemporaryFolder("long-chains")
        let database = folder.path("crm.sqlite")
        try Seeder.run(SeedOptions(fans: 40, userID: "creator_a"), into: try Store.open(path: database))
        let environment = ["NO_COLOR": "1", "RULEC_DB": database, "RULEC_USER": "creator_a"]
        let now = ["--now", "2026-11-24T00:00:00Z", "--format", "json", "--limit", "0"]
        let spend = Array(repeating: "fan.lifetime_spend >= $50", count: 3_000)
        let sql = run(["segment", "eval", spend.joined(separator: " or ")] + now, in: folder.path, environment: environment)
        let evaluator = run(["segment", "eval", (["fan.display_name matches \"^$\""] + spend).joined(separator: " or ")] + now,
                            in: folder.path, environment: environment)
        let plain = run(["segment", "eval", "fan.lifetime_spend >= $50"] + now, in: folder.path, environment: environment)
        #expect(sql.code == .success && evaluator.code == .success, "\(sql.err)\(evaluator.err)")
        #expect(sql.out == plain.out)
        #expect(evaluator.out == plain.out)
        #expect(plain.out.contains("\"count\":"))

        try folder.write("segment big {\n  " + spend.joined(separator: " and ") + "\n}\n", to: "big.rules")
        #expect(run(["check", "big.rules"], in: folder.path).code == .success)
        #expect(run(["fmt", "big.rules"], in: folder.path).code == .success)
        #expect(run(["fmt", "--check", "big.rules"], in: folder.path).code == .success, "fmt output is stable")
        #expect(run(["check", "big.rules"], in: folder.path).code == .success)
    }
}
