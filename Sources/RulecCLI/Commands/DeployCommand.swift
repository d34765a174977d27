import Runtime
import Syntax

/// `rulec deploy PATH...`: check a program, then upsert its segments and rules
/// into the creator's store. A program with errors is refused (exit 1) with
/// the diagnostics printed as `rulec check` prints them.
struct DeployCommand: Command {
    static let path = ["deploy"]
    static let summary = "Check a program and deploy its segments and rules"
    static let help = """
        Usage: rulec deploy PATH... [--format text|json|github] [--db FILE] [--user ID] [--now T]

        Checks every *.rules file in the given files and folders as one program (with the
        creator's templates, like 'check --db --user'). A program with errors is refused:
        its diagnostics are printed and nothing changes. Otherwise, in one transaction:
        the program text is recorded, segments are upserted into fan_segments and rules
        into automation_rules (a rule's version goes up when its compiled plan changes),
        and rules gone from the program are paused. A rule whose source says `paused` is
        deployed paused; otherwise a redeploy keeps what 'pause'/'resume' set. The first
        deploy starts the event cursors at the current end of the data: history never fires.

        Options:
          --format F  text (default), json (the report, or the diagnostics), or github
          --db FILE   the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID   the creator (default $RULEC_USER)
          --now T     the deploy time: ISO 8601 or Unix seconds (default: the clock)

        Exit status: 0 deployed, 1 the program has errors, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try DiagnosticFormat(option: arguments.option("--format"))
        let support = try RuntimeCommandSupport.open(&arguments, context)
        let paths = try arguments.positionals(known: ["--format"] + RuntimeCommandSupport.commonOptions)
        guard !paths.isEmpty else { throw CLIError.usage("deploy needs at least one PATH (a .rules file or a folder)") }
        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths)

        let report: DeployReport
        do {
            report = try support.guarded { try Deployer.deploy(files: files, to: support.creator, now: support.now) }
        } catch DeployError.programHasErrors(let diagnostics) {
            context.standardOutput.print(format.render(diagnostics, in: files, for: context.standardOutput, context: context),
                                         terminator: "")
            context.standardError.print("rulec: the program has errors; nothing was deployed")
            return .inputErrors
        }
        if !report.diagnostics.isEmpty {
            context.standardError.print(DiagnosticFormat.text.render(report.diagnostics, in: files, for: context.standardError,
                                                                     context: context), terminator: "")
        }
        switch format {
        case .json: context.standardOutput.print(report.json.prettySerialized())
        case .text, .github: report.summaryLines.forEach { context.standardOutput.print($0) }
        }
        return .success
    }
}
