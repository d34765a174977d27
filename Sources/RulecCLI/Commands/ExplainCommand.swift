import Planning
import Semantics
import Syntax

/// `rulec explain PATH... [--rule NAME | --segment NAME] [--format text|json]`:
/// how each segment and rule is evaluated, without touching a store.
struct ExplainCommand: Command {
    static let path = ["explain"]
    static let summary = "Show the evaluation plan of rules and segments"
    static let help = """
        Usage: rulec explain PATH... [--rule NAME | --segment NAME] [--format text|json]
                             [--db FILE --user ID [--now T]]

        Checks the program in PATH (files or folders, as 'rulec check' reads them) and
        shows, for every segment and rule (or the one named), how it is evaluated:
        the SQL sent to SQLite, what each '?' is bound to, the conditions left to the
        evaluator and why, and for rules the trigger, priority, cooldown, limit and
        actions. Segments and schedules run over all fans at once; event rules run for
        the event's fan.

        Options:
          --rule NAME     only this rule (its name as written, without quotes)
          --segment NAME  only this segment
          --format F      text (default) or json
          --db FILE       also estimate on this store's data: plans over all fans show the
                          shape each aggregate, exists and list membership gets, and why
          --user ID       the creator whose data the estimates read (with --db)
          --now T         the time windows are estimated at (default: now)

        Exit status: 0 explained, 1 the program has errors or NAME is unknown, 2 usage or I/O error.
        """

    static let knownOptions = ["--rule", "--segment", "--format"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat(option: arguments.option("--format"))
        let rule = try arguments.option("--rule")
        let segment = try arguments.option("--segment")
        // With --db, also estimate on that store (read-only); without, no store is touched.
        let databasePath = try arguments.option("--db")
        var storeWords = databasePath.map { ["--db", $0] } ?? []
        for name in ["--user", "--now"] { if let value = try arguments.option(name) { storeWords += [name, value] } }
        var storeArguments = Arguments(storeWords)
        let storeOptions = try databasePath.map { _ in try StoreOptions.read(&storeArguments, context) }
        let paths = try arguments.positionals(known: knownOptions)
        guard !paths.isEmpty else { throw CLIError.usage("explain needs the program's files: rulec explain PATH...") }
        if rule != nil && segment != nil { throw CLIError.usage("--rule and --segment exclude each other; name one") }

        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths)
        let program = try ProgramSource.checked(files, context: context)
        let subject: ProgramExplanation.Subject
        if let rule {
            try requireKnown(rule, kind: "rule", among: program.rules.map(\.name), context: context)
            subject = .rule(rule)
        } else if let segment {
            try requireKnown(segment, kind: "segment", among: program.segments.map(\.name), context: context)
            subject = .segment(segment)
        } else {
            subject = .all
        }
        var estimator: PlanEstimator?
        if let storeOptions {
            let session = try storeOptions.open(.read, context)
            estimator = PlanEstimator(store: session.creator, program: program,
                                      context: EvaluationContext(now: session.now, zone: session.zone))
        }
        let explanation = ProgramExplanation(program: program, subject: subject, estimator: estimator)
        switch format {
        case .text: context.standardOutput.print(explanation.text, terminator: "")
        case .json: context.standardOutput.print(explanation.json.serialized())
        }
        return .success
    }

    /// An unknown name is an error in the input (exit 1), with a did-you-mean.
    static func requireKnown(_ name: String, kind: String, among names: [String], context: CommandContext) throws {
        guard !names.contains(name) else { return }
        var message = "rulec: the program has no \(kind) named '\(name)'"
        if let guess = Suggest.closest(to: name, among: names) { message += ". Did you mean '\(guess)'?" }
        context.standardError.print(message)
        throw CLIError.inputHasErrors
    }
}
