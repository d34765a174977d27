import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI

@Suite struct FmtCommandTests {
    static let messy = "rule   \"r\" {then { tag \"x\" } on fan.created}\n"
    static let tidy = "rule \"r\" {\n  on fan.created\n  then {\n    tag \"x\"\n  }\n}\n"

    /// A fresh folder with the given files (relative path → text), removed when the test ends.
    func folder(_ files: [String: String]) throws -> TemporaryFolder {
        let root = try TemporaryFolder("fmt")
        for (relative, text) in files { try root.write(text, to: relative) }
        return root
    }

    func run(_ words: [String], in directory: String) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: [:], standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: directory, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func checkListsOnlyTheFilesThatWouldChangeAndWritesNothing() throws {
        let root = try folder(["b.rules": Self.messy, "a.rules": Self.tidy, "sub/c.rules": Self.messy])
        let (code, out, err) = run(["fmt", "--check"], in: root.path)
        #expect(code == .inputErrors)
        #expect(out == "b.rules\nsub/c.rules\n")
        #expect(err.isEmpty)
        #expect(contents(root.path("b.rules")) == Self.messy)
    }

    @Test func checkSucceedsWhenEverythingIsFormatted() throws {
        let root = try folder(["a.rules": Self.tidy])
        let (code, out, _) = run(["fmt", "--check", "."], in: root.path)
        #expect(code == .success)
        #expect(out.isEmpty)
    }

    @Test func rewritesChangedFilesQuietlyAndThenPassesCheck() throws {
        let root = try folder(["rules/one.rules": Self.messy, "rules/two.rules": Self.tidy])
        let (code, out, err) = run(["fmt", "rules"], in: root.path)
        #expect(code == .success)
        #expect(out.isEmpty && err.isEmpty)
        #expect(contents(root.path("rules/one.rules")) == Self.tidy)
        #expect(run(["fmt", "--check", "rules"], in: root.path).0 == .success)
    }

    @Test func fileWithSyntaxErrorsIsLeftAloneAndReported() throws {
        let broken = "rule \"r\" {\n  on fan.created\n  then { tag }\n}\n"
        let root = try folder(["broken.rules": broken, "fine.rules": Self.messy])
        let (code, _, err) = run(["fmt", "."], in: root.path)
        #expect(code == .inputErrors)
        #expect(err.hasPrefix("broken.rules:3:"))
        #expect(contents(root.path("broken.rules")) == broken)
        #expect(contents(root.path("fine.rules")) == Self.tidy, "other files are still formatted")
    }

    @Test func foldersContributeOnlyVisibleRulesFiles() throws {
        let root = try folder([
            "z.rules": Self.messy, "notes.txt": "not rules", ".hidden/h.rules": Self.messy, "m/a.rules": Self.messy,
        ])
        let (_, out, _) = run(["fmt", "--check"], in: root.path)
        #expect(out == "m/a.rules\nz.rules\n")
    }

    @Test func anExplicitFileIsTakenWhateverItsName() throws {
        let root = try folder(["rules.txt": Self.messy])
        let (code, out, _) = run(["fmt", "--check", "rules.txt"], in: root.path)
        #expect(code == .inputErrors)
        #expect(out == "rules.txt\n")
    }

    @Test func missingPathIsAnIOError() throws {
        let root = try folder([:])
        let (code, _, err) = run(["fmt", "nowhere"], in: root.path)
        #expect(code == .usageOrIO)
        #expect(err.contains("nowhere"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let root = try folder([:])
        #expect(run(["fmt", "--chek"], in: root.path).0 == .usageOrIO)
    }
}
