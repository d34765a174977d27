import Foundation
import Planning
import Runtime
import Semantics
import Store
import Syntax

/// `rulec why RULE --fan ID [--event SOURCE:ID | --slot T]`: one rule, one
/// fan, every sub-expression with its value, and what `run` does with them.
/// The report is Runtime's (`WhyReport`, which the REPL's `:why` uses too);
/// this parses the flags, asks it, and prints.
struct WhyCommand: Command {
    static let path = ["why"]
    static let summary = "Show why a rule fires or not for one fan"
    static let help = """
        Usage: rulec why RULE --fan ID [--event SOURCE:ID | --slot T] [--stale-after D] [--rules PATH]...
                         [--format text|json] [--db FILE] [--user ID] [--now T]

        Evaluates the condition of RULE (its name, without quotes) for one fan and prints
        it as a tree, one sub-expression a line: '✔' it held, '✘' it did not, and in
        parentheses the values it compared. Chains of 'and' / 'or' are shown as
        'all of' / 'any of' with one part a line; 'fan in SEGMENT' opens into the
        segment's condition; an aggregate (exists, count, sum…) shows how many rows it
        saw, how many are in its window and pass its filter, and a few of them.
        Then cooldown and limit, decided as 'run' decides them, and the verdict: what
        'run' does with this fan (fires, the condition is false, held back by cooldown
        or limit with the firing that holds it, paused, stale, not this rule's event).

        Options:
          --fan ID            the fan (fan_profiles.id)
          --event SOURCE:ID   the triggering event, a row of the trigger's source table
                              (fan_transactions:42); 'now' is then the event's time
          --slot T            a schedule rule's slot (default: the latest at or before --now)
          --stale-after D     the stale age 'run' uses (default 24h), as for 'run'
          --rules PATH        take RULE from these files or folders (repeatable) instead of
                              the deployed program
          --format F          text (default) or json
          --db FILE, --user ID, --now T   as for every data command; --now is the clock
                              'run' would run at (default: the system clock)

        Exit status: 0 explained, 1 the program has errors or RULE is unknown, 2 usage or I/O error.
        """

    static let knownOptions = ["--fan", "--event", "--slot", "--stale-after", "--format", "--rules"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat(option: arguments.option("--format"))
        guard let fanID = try arguments.option("--fan").map({ try fanNumber($0) }) else {
            throw CLIError.usage("why needs --fan ID: the fan whose evaluation is shown")
        }
        let event = try arguments.option("--event").map(parseEventReference)
        let slotText = try arguments.option("--slot")
        if let slotText, TimestampText(parsing: slotText) == nil { throw CLIError.usage(StoreOptions.unreadableClock(slotText, name: "--slot")) }
        if event != nil && slotText != nil { throw CLIError.usage("--event and --slot exclude each other: an event rule has events, a schedule rule slots") }
        let staleAfter = try RunCommand.duration(arguments.option("--stale-after"), flag: "--stale-after") ?? EngineOptions.defaultStaleAfterSeconds
        let rulesPaths = try ProgramSource.paths(&arguments)
        let options = try StoreOptions.read(&arguments, context)
        let positionals = try arguments.positionals(known: knownOptions)
        guard positionals.count == 1, let ruleName = positionals.first else {
            throw CLIError.usage("why takes one rule name: rulec why \"Thank big tippers\" --fan 12")
        }

        let session = try options.open(.read, context)
        let store = session.creator, clock = session.now, databasePath = session.path
        // A slot without a zone is a wall-clock time of the creator's, as for --now.
        let slot = try slotText.map { try StoreOptions.resolveClock($0, zone: session.zone, systemClock: context.clock(), name: "--slot") }
        let files = try ProgramSource.files(paths: rulesPaths, store: store, context: context)
        let program = try ProgramSource.checked(files, context: context)
        try ExplainCommand.requireKnown(ruleName, kind: "rule", among: program.rules.map(\.name), context: context)
        let question = WhyReport.Question(rule: program.rule(named: ruleName)!, program: program, files: files, fanID: fanID,
                                          event: event, slot: slot, clock: clock,
                                          options: EngineOptions(staleAfterSeconds: staleAfter))
        let report = try report(question, store: store, path: databasePath)
        switch format {
        case .text:
            for note in report.notes { context.standardError.print("rulec: note: \(note)") }
            context.standardOutput.print(report.text, terminator: "")
        case .json:
            context.standardOutput.print(report.json.serialized())
        }
        return .success
    }

    /// Asks Runtime for the report; a question it cannot answer is a usage error.
    static func report(_ question: WhyReport.Question, store: CreatorStore, path: String) throws -> WhyReport {
        do {
            return try WhyReport.build(question, store: store)
        } catch let error as WhyError {
            throw CLIError.usage(error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw StoreOptions.cliError(error, path: path)
        }
    }

    static func fanNumber(_ text: String) throws -> Int64 {
        guard let id = Int64(text) else { throw CLIError.usage("--fan takes a fan id (a whole number), not '\(text)'") }
        return id
    }

    /// `fan_transactions:42` → the reference.
    static func parseEventReference(_ text: String) throws -> WhyReport.EventReference {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let id = Int64(parts[1]) else {
            throw CLIError.usage("--event takes SOURCE:ID, a table and a row id (fan_transactions:42), not '\(text)'")
        }
        return WhyReport.EventReference(source: parts[0], id: id)
    }
}
