import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

@Suite struct StoreCommandsTests {
    func run(_ words: [String], env: [String: String] = [:]) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: env, standardOutput: out.stream, standardError: err.stream, workingDirectory: "/", clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    @Test func seedWritesAndReportsTables() throws {
        let folder = try TemporaryFolder("cli")
        let path = folder.path("crm.sqlite")
        let (code, out, err) = run(["db", "seed", "--fans", "20", "--db", path], env: ["RULEC_USER": "env_creator"])
        #expect(code == .success, "\(err)")
        #expect(out.contains("fan_profiles\t20"))
        #expect(err.contains("seeded env_creator"))
        // Seeding the same creator again is refused with exit code 2.
        let (again, _, message) = run(["db", "seed", "--fans", "5", "--db", path, "--user", "env_creator"])
        #expect(again == .usageOrIO)
        #expect(message.contains("already has fans"))
    }

    @Test func badArgumentsAreUsageErrors() {
        #expect(run(["db", "seed"]).0 == .usageOrIO)
        #expect(run(["db", "seed", "--fans", "3", "--now", "soon", "--db", ":memory:"]).2.contains("--now takes"))
        #expect(run(["db", "seed", "--fans", "3", "--fnas", "2", "--db", ":memory:"]).2.contains("Did you mean"))
    }

    @Test func aNewerStoreIsRefusedWithExitCode2() throws {
        let folder = try TemporaryFolder("cli")
        let path = folder.path("crm.sqlite")
        #expect(run(["db", "init", "--db", path]).0 == .success)
        let store = try Store.open(path: path)
        try store.database.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
        let (code, _, err) = run(["db", "init", "--db", path])
        #expect(code == .usageOrIO)
        #expect(err.contains("newer than this rulec supports"))
    }
}
