import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

/// `rulec demo` end to end on a small store: every step runs, the summary
/// speaks of what the store holds, and a second demo into the same folder is refused.
@Suite struct DemoCommandTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules").path

    /// Runs in `folder`, so even a relative path the demo chose would land in the test's own folder.
    func run(_ words: [String], in folder: TemporaryFolder) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: ["NO_COLOR": "1"], standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: folder.path, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    /// `--dir` always: without it the demo makes (and, on purpose, keeps for the
    /// user to explore) a `rulec-demo-*` folder in the temporary directory.
    @Test func theDemoRunsTheWholeStoryAndSummarizesIt() throws {
        let scratch = try TemporaryFolder("demo-test")
        let folder = scratch.path("demo")
        let (code, output, progress) = run(["demo", "--dir", folder, "--fans", "400", "--rules", Self.rules], in: scratch)
        #expect(code == .success, "\(progress)")
        for step in ["Seeding a creator with 400 fans", "Deploying", "Running the rules over the day"] {
            #expect(progress.contains("✓ \(step)"))
        }
        let store = try Store.open(path: folder + "/crm.sqlite")
        let creator = store.creator(DemoCommand.user)
        let drafts = try creator.scalar("""
            SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND action_type = 'send' AND outcome = 'executed'
            """).int64 ?? 0
        let pending = try creator.scalar("SELECT count(*) FROM hitl_action_queue WHERE user_id = :user AND status = 'pending'").int64 ?? 0
        #expect(drafts > 0 && pending > 0)
        #expect(output.contains("\(drafts) message drafts written"))
        #expect(output.contains("Waiting for your approval: \(pending)"))
        #expect(output.contains("rulec hitl approve"))
        let firedRules = try creator.scalar("SELECT count(DISTINCT rule_id) FROM automation_rule_firings WHERE user_id = :user").int64 ?? 0
        #expect(output.contains("Rules that fired (\(firedRules) of"))

        let (again, _, message) = run(["demo", "--dir", folder, "--rules", Self.rules], in: scratch)
        #expect(again == .usageOrIO)
        #expect(message.contains("already exists"))
    }
}
