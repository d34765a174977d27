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
        // TODO(sema, store): template checks. The checker is adding
        // `CheckOptions.templates` (template name → body with `{{slots}}`; nil
        // skips the check). Once it and a Store reader for message_templates are
        // merged, open `database`, read `user`'s templates and set them on
        // `checkOptions`. Until then --db/--user are validated but change nothing.
        _ = (database, user)
        let checkOptions = CheckOptions()

        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths.isEmpty ? ["."] : paths)
        let result = frontEnd.run(files, options: checkOptions)
        let diagnostics = strict ? result.diagnostics.promotingWarningsToErrors() : result.diagnostics

        context.standardOutput.print(
            format.render(diagnostics, in: files, for: context.standardOutput, context: context),
            terminator: ""
        )
        return diagnostics.hasErrors ? .inputErrors : .success
    }
}
