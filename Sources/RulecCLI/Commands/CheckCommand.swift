import Foundation
import Planning
import Store
import Semantics
import Syntax

/// `rulec check [PATH...]`: parse and check one program, print its
/// diagnostics, exit 1 if it has errors. The authoring and CI entry point.
struct CheckCommand: Command {
    static let path = ["check"]
    static let summary = "Check .rules files for errors and warnings"
    static let help = """
        Usage: rulec check [PATH...] [--strict] [--format text|json|github] [--db FILE --user ID]

        Checks every *.rules file in the given files and folders (recursively; default: the
        current folder) as one program and prints its diagnostics to stdout.

        Options:
          --format F   text (default), json, or github (GitHub Actions annotations)
          --strict     treat warnings as errors (they are printed and counted as errors)
          --db FILE    with --user: also check templates against that creator's data
          --user ID    the creator whose templates are checked

        Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage or I/O error.
        """

    static let knownOptions = ["--format", "--strict", "--db", "--user"]

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        try run(&arguments, context, frontEnd: FrontEnd())
    }

    /// `run` with the phases supplied, for tests.
    static func run(_ arguments: inout Arguments, _ context: CommandContext, frontEnd: FrontEnd) throws -> ExitCode {
        let format = try DiagnosticFormat(option: arguments.option("--format"))
        let strict = arguments.flag("--strict")
        let database = try arguments.option("--db")
        let user = try arguments.option("--user") ?? context.environment["RULEC_USER"]
        let paths = try arguments.positionals(known: knownOptions)
        if database != nil, user == nil {
            throw CLIError.usage("--db needs --user (or RULEC_USER): templates belong to one creator")
        }
        var checkOptions = CheckOptions()
        if let database, let user {
            checkOptions.templates = try templates(in: database, of: user, context: context)
        }

        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths.isEmpty ? ["."] : paths)
        let result = frontEnd.run(files, options: checkOptions)
        let diagnostics = strict ? result.diagnostics.promotingWarningsToErrors() : result.diagnostics

        context.standardOutput.print(
            format.render(diagnostics, in: files, for: context.standardOutput, context: context),
            terminator: ""
        )
        return diagnostics.hasErrors ? .inputErrors : .success
    }

    /// The creator's message templates, name → body, for the template checks.
    /// A missing file is an error here: checking against a store that does not
    /// exist would silently check nothing.
    static func templates(in path: String, of user: String, context: CommandContext) throws -> [String: String] {
        let session = try StoreOptions(databasePath: StoreOptions.resolve(path, context), user: user, nowText: nil)
            .open(.read, context)
        do { return try MessageTemplates.bodies(in: session.creator) } catch { throw StoreOptions.cliError(error, path: path) }
    }
}
