import Foundation
import Starter

/// `rulec init [DIR]`: a starter project a creator can adopt. It writes the
/// starter library, a README and a CI workflow, all or nothing: if any of
/// those files exists, it names it and writes none (it never overwrites).
/// It does not create a store; `rulec db init` and `rulec demo` do.
struct InitCommand: Command {
    static let path = ["init"]
    static let summary = "Start a project: the starter rule library, a README and a CI workflow"
    static let help = """
        Usage: rulec init [DIR]

        Writes a starter project into DIR (default: the current folder, created if
        missing):
          Rules/*.rules                the starter library (the rules `rulec demo` runs)
          README.md                    how to check, test, deploy and run them
          .github/workflows/rules.yml  CI that fails a pull request on errors, warnings or
                                       failing tests (\(StarterProject.checkCommand),
                                       then \(StarterProject.testCommand))
        Nothing is overwritten: if any of these files exists, init names it and
        writes nothing. No store is created (see `rulec db init` and `rulec demo`).
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let positionals = try arguments.positionals()
        guard positionals.count <= 1 else { throw CLIError.usage("init takes at most one folder, got '\(positionals[1])'") }
        let directory = positionals.first ?? "."
        let root = ProgramLoader.tidy(directory.hasPrefix("/") ? directory : context.workingDirectory + "/" + directory)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLIError.usage("\(directory) is a file, not a folder")
        }

        let files = StarterProject.files
        // All checks before any write, so a refusal leaves the folder as it was.
        for file in files where manager.fileExists(atPath: root + "/" + file.path) {
            throw CLIError.io("\(Self.shown(file.path, in: directory)) already exists; init writes nothing over existing files")
        }
        for file in files {
            let url = URL(fileURLWithPath: root + "/" + file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw CLIError.io("cannot write \(Self.shown(file.path, in: directory)): \(error.localizedDescription)")
            }
        }
        for file in files { context.standardOutput.print("created \(Self.shown(file.path, in: directory))") }
        let into = directory == "." ? "" : "cd \(Shell.quote(directory)) && "
        context.standardError.print("""
            Next: \(into)rulec check --strict Rules/   (see README.md for deploying and running)
            """)
        return .success
    }

    /// The path as the user named the folder: `Rules/vip.rules`, `shop/README.md`.
    static func shown(_ path: String, in directory: String) -> String {
        directory == "." ? path : ProgramLoader.tidy(directory + "/" + path)
    }
}
