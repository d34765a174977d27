import Runtime
import Syntax

/// `rulec deploy PATH... [--dry-run] [--prune]`: check a program, print the
/// plan (what is added, changed, unchanged, kept, pruned), then upsert its
/// segments and rules into the creator's store. A program with errors is
/// refused (exit 1) with the diagnostics printed as `rulec check` prints them.
struct DeployCommand: Command {
    static let path = ["deploy"]
    static let summary = "Check a program, print its deploy plan, and deploy it"
    static let help = """
        Usage: rulec deploy PATH... [--dry-run] [--prune] [--format text|json|github]
                                    [--db FILE] [--user ID] [--now T]

        Checks every *.rules file in the given files and folders as one program (with the
        creator's templates, like 'check --db --user'), together with the deployed rules,
        segments and constants this source does not mention. A program with errors is
        refused: its diagnostics are printed and nothing changes.

        Prints the plan first: rules and segments added, changed (and what: trigger,
        condition, actions, clauses, constants, version, paused, resumed), unchanged, and
        the deployed rules this source does not mention, which are kept as they are
        ("not in this source; kept") unless --prune pauses them. Then, in one
        transaction: the program is recorded, segments are upserted into fan_segments
        and rules into automation_rules (a rule's version goes up when its compiled plan
        changes). A rule whose source says `paused` is deployed paused; otherwise a
        redeploy keeps what 'pause'/'resume' set. A rule pruned earlier that comes back
        stays paused until 'rulec resume'. The first deploy starts the event cursors at
        the current end of the data: history never fires.

        Options:
          --dry-run   print the plan and write nothing
          --prune     pause the deployed rules this source does not mention and take them
                      out of the program
          --format F  text (default), json ({"added","changed":[{"name","what"}],
                      "unchanged","pruned","kept"}, or the diagnostics), or github
          --db FILE   the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID   the creator (default $RULEC_USER)
          --now T     the deploy time: ISO 8601 or Unix seconds (default: the clock)

        Exit status: 0 deployed (or planned), 1 the program has errors, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try DiagnosticFormat(option: arguments.option("--format"))
        let dryRun = arguments.flag("--dry-run")
        let prune = arguments.flag("--prune")
        let support = try RuntimeCommandSupport.open(&arguments, context, access: dryRun ? .read : .write)
        let paths = try arguments.positionals(known: ["--format"] + RuntimeCommandSupport.commonOptions)
        guard !paths.isEmpty else { throw CLIError.usage("deploy needs at least one PATH (a .rules file or a folder)") }
        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths)

        let report: DeployReport
        do {
            report = try support.guarded {
                try Deployer.deploy(files: files, to: support.creator, now: support.now, prune: prune, dryRun: dryRun)
            }
        } catch DeployError.programHasErrors(let diagnostics) {
            context.standardOutput.print(format.render(diagnostics, in: files, for: context.standardOutput, context: context),
                                         terminator: "")
            context.standardError.print("rulec: the program has errors; nothing was deployed")
            return .inputErrors
        } catch let error as DeployError {
            guard case .keptDeclarationsHaveErrors(let diagnostics, let allFiles) = error else { throw CLIError.io("\(error)") }
            context.standardOutput.print(format.render(diagnostics, in: allFiles, for: context.standardOutput, context: context),
                                         terminator: "")
            context.standardError.print("rulec: \(error)")
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
