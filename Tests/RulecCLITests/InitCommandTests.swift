import RulecTestSupport
import Foundation
import Starter
import Testing
@testable import RulecCLI

/// `rulec init [DIR]`: the starter project is written whole, the CI command it
/// gates on passes on it, and an existing file stops it before anything is written.
@Suite struct InitCommandTests {
    func run(_ words: [String], in folder: String, environment: [String: String] = [:]) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: environment.merging(["NO_COLOR": "1"]) { $1 },
                                     standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: folder, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    @Test func initWritesTheStarterProject() throws {
        let scratch = try TemporaryFolder("init")
        let (code, output, message) = run(["init", "shop"], in: scratch.path)
        #expect(code == .success, "\(message)")
        let root = scratch.path("shop")
        for file in StarterProject.files {
            let written = try Data(contentsOf: URL(fileURLWithPath: root + "/" + file.path))
            #expect(written == Data(file.text.utf8), "\(file.path)")
            #expect(output.contains("created shop/\(file.path)"))
        }
        let library = StarterLibrary.files.map(\.path)
        #expect(library.contains("Rules/retention.rules"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/Rules").count == library.count)
        #expect(FileManager.default.fileExists(atPath: root + "/.github/workflows/rules.yml"))
        #expect(!FileManager.default.fileExists(atPath: root + "/crm.sqlite"), "init makes no store")

        // The README names every library file (tests aside) and the commands a creator needs.
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        for path in library where !path.hasSuffix("_test.rules") { #expect(readme.contains("`\(path)`"), "\(path)") }
        for command in ["rulec check", "rulec test", "rulec deploy", "rulec run", "rulec hitl", "rulec demo"] { #expect(readme.contains(command)) }
    }

    /// The workflow's gating steps, run as written inside the new project, pass:
    /// a fresh project starts green, checked and tested.
    @Test func theWorkflowGatesRunAndPassOnTheNewProject() throws {
        let scratch = try TemporaryFolder("init-gate")
        #expect(run(["init"], in: scratch.path).0 == .success)
        let workflow = try String(contentsOfFile: scratch.path(".github/workflows/rules.yml"), encoding: .utf8)
        let steps = workflow.split(separator: "\n").filter { $0.contains("run: rulec ") }
            .map { $0.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init) }
        #expect(steps == [["rulec", "check", "--strict", "--format", "github", "Rules/"],
                          ["rulec", "test", "--coverage", "Rules/"]])
        for words in steps {
            let (code, output, message) = run(Array(words.dropFirst()), in: scratch.path)
            #expect(code == .success, "\(words): \(output)\(message)")
            if words[1] == "check" { #expect(output.isEmpty, "no annotations on the starter library") }
            if words[1] == "test" { #expect(output.contains("passed"), "\(output)") }
        }
    }

    /// One existing file: exit 2 naming it, and not one file written.
    @Test(arguments: ["README.md", "Rules/vip.rules", ".github/workflows/rules.yml"])
    func initRefusesToOverwriteAndWritesNothing(_ existing: String) throws {
        let scratch = try TemporaryFolder("init-refuse")
        try scratch.write("mine\n", to: "p/" + existing)
        let (code, output, message) = run(["init", "p"], in: scratch.path)
        #expect(code == .usageOrIO)
        #expect(message.contains("p/\(existing) already exists"), "\(message)")
        #expect(output.isEmpty)
        for file in StarterProject.files where file.path != existing {
            #expect(!FileManager.default.fileExists(atPath: scratch.path("p/" + file.path)), "\(file.path) was written")
        }
        #expect(try String(contentsOfFile: scratch.path("p/" + existing), encoding: .utf8) == "mine\n")
    }

    @Test func initTakesAtMostOneFolder() throws {
        let scratch = try TemporaryFolder("init-usage")
        #expect(run(["init", "a", "b"], in: scratch.path).0 == .usageOrIO)
        try scratch.write("x", to: "file")
        let (code, _, message) = run(["init", "file"], in: scratch.path)
        #expect(code == .usageOrIO)
        #expect(message.contains("is a file"))
    }

    /// Every command in the README's `sh` blocks, run in order inside the new
    /// project as a shell would (its `export`s included), succeeds. The demo
    /// line gets a folder of the test's own and fewer fans, so it leaves nothing behind.
    @Test func theReadmeCommandsRunInTheNewProject() throws {
        let scratch = try TemporaryFolder("init-readme")
        let root = scratch.path("p")
        #expect(run(["init", "p"], in: scratch.path).0 == .success)
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        var environment: [String: String] = [:]
        var ran: [String] = []
        for block in readme.components(separatedBy: "```sh\n").dropFirst() {
            for line in block.components(separatedBy: "```")[0].split(separator: "\n") {
                let command = line.components(separatedBy: " #")[0].trimmingCharacters(in: .whitespaces)
                var words = ShellWords.split(command)
                if words.first == "export" {
                    for pair in words.dropFirst() {
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        environment[parts[0]] = parts[1]
                    }
                    continue
                }
                guard words.first == "rulec" else { continue }
                if words.starts(with: ["rulec", "demo"]) { words += ["--dir", scratch.path("demo"), "--fans", "60"] }
                let (code, output, message) = run(Array(words.dropFirst()), in: root, environment: environment)
                #expect(code == .success, "\(command): \(output)\(message)")
                ran.append(words[1])
            }
        }
        #expect(["check", "fmt", "test", "explain", "demo", "db", "deploy", "segments", "run", "hitl"].allSatisfy(ran.contains), "\(ran)")
    }
}
