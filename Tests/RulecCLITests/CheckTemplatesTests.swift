import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

/// `rulec check --db F --user U` checks `send` against that creator's templates.
@Suite struct CheckTemplatesTests {
    func run(_ words: [String], in directory: String) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: ["NO_COLOR": "1"], standardOutput: out.stream,
                                     standardError: err.stream, workingDirectory: directory, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    @Test func templatesAndSlotsAreCheckedAgainstTheStore() throws {
        let folder = try TemporaryFolder("check-templates")
        let directory = folder.path
        let store = try Store.open(path: directory + "/crm.sqlite")
        try Seeder.run(SeedOptions(fans: 5, userID: "creator_a"), into: store)

        let good = "rule \"Thanks\" {\n  on transaction.tip\n  cooldown 1d\n  then { send \"tip_thanks\" with { amount: event.amount } }\n}\n"
        try good.write(toFile: directory + "/good.rules", atomically: true, encoding: .utf8)
        #expect(run(["check", "--db", "crm.sqlite", "--user", "creator_a", "good.rules"], in: directory).0 == .success)

        let unfilled = good.replacingOccurrences(of: " with { amount: event.amount }", with: "")
        try unfilled.write(toFile: directory + "/unfilled.rules", atomically: true, encoding: .utf8)
        let (code, output, _) = run(["check", "--db", "crm.sqlite", "--user", "creator_a", "unfilled.rules"], in: directory)
        #expect(code == .inputErrors)
        #expect(output.contains("{{amount}}"))

        let missing = good.replacingOccurrences(of: "tip_thanks", with: "tip_thanx")
        try missing.write(toFile: directory + "/missing.rules", atomically: true, encoding: .utf8)
        let (missingCode, missingOutput, _) = run(["check", "--db", "crm.sqlite", "--user", "creator_a", "missing.rules"], in: directory)
        #expect(missingCode == .inputErrors)
        #expect(missingOutput.contains("tip_thanks"), "did-you-mean names the real template")

        // Without --db the same file passes: templates are only checked against a store.
        #expect(run(["check", "unfilled.rules"], in: directory).0 == .success)
        // A store that does not exist is an I/O error, not a silent pass.
        #expect(run(["check", "--db", "nope.sqlite", "--user", "creator_a", "good.rules"], in: directory).0 == .usageOrIO)
    }
}
