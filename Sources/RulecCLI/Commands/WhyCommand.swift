import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `rulec why RULE --fan ID [--event SOURCE:ID]`: one rule, one fan, every
/// sub-expression with its value (the tree is `WhyTrace`'s), then whether
/// cooldown or limit would hold the rule back.
struct WhyCommand: Command {
    static let path = ["why"]
    static let summary = "Show why a rule fires or not for one fan"
    static let help = """
        Usage: rulec why RULE --fan ID [--event SOURCE:ID] [--rules PATH]... [--db FILE] [--user ID] [--now T]

        Evaluates the condition of RULE (its name, without quotes) for one fan and prints
        it as a tree, one sub-expression a line: '✔' it held, '✘' it did not, and in
        parentheses the values it compared. Chains of 'and' / 'or' are shown as
        'all of' / 'any of' with one part a line; 'fan in SEGMENT' opens into the
        segment's condition. Then cooldown and limit are checked against the rule's
        recorded firings, when the store has them.

        Options:
          --fan ID            the fan (fan_profiles.id)
          --event SOURCE:ID   the triggering event, a row of the trigger's source table
                              (fan_transactions:42); 'now' is then the event's time
          --rules PATH        take RULE from these files or folders (repeatable) instead of
                              the deployed program
          --db FILE, --user ID, --now T   as for every data command; --now is the clock
                              when there is no event (default: the system clock)

        Exit status: 0 explained, 1 the program has errors or RULE is unknown, 2 usage or I/O error.
        """

    static let knownOptions = ["--fan", "--event", "--rules"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        guard let fanID = try arguments.option("--fan").map({ try fanNumber($0) }) else {
            throw CLIError.usage("why needs --fan ID: the fan whose evaluation is shown")
        }
        let eventReference = try arguments.option("--event").map(parseEventReference)
        let rulesPaths = try ProgramSource.paths(&arguments)
        let options = try StoreOptions.read(&arguments, context)
        let positionals = try arguments.positionals(known: knownOptions)
        guard positionals.count == 1, let ruleName = positionals.first else {
            throw CLIError.usage("why takes one rule name: rulec why \"Thank big tippers\" --fan 12")
        }

        let session = try options.open(.read, context)
        let store = session.creator, clock = session.now, databasePath = session.path
        let program = try ProgramSource.checked(try ProgramSource.files(paths: rulesPaths, store: store, context: context), context: context)
        try ExplainCommand.requireKnown(ruleName, kind: "rule", among: program.rules.map(\.name), context: context)
        let rule = program.rule(named: ruleName)!
        do {
            let report = try explain(rule, program: program, fanID: fanID, event: eventReference, clock: clock, store: store, context: context)
            context.standardOutput.print(report, terminator: "")
        } catch let error as TriggerEvent.LoadError {
            throw CLIError.usage("--event: \(error)")
        } catch let error as CLIError {
            throw error
        } catch {
            throw StoreOptions.cliError(error, path: databasePath)
        }
        return .success
    }

    static func explain(_ rule: CheckedRule, program: CheckedProgram, fanID: Int64, event reference: (String, Int64)?,
                        clock: Int64, store: CreatorStore, context: CommandContext) throws -> String {
        guard try store.scalar("SELECT 1 FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fanID)]).int64 == 1 else {
            throw CLIError.usage("--fan: creator \(store.userID) has no fan \(fanID)")
        }
        var now = clock
        var fields: [String: Value]?
        var header = "rule \(Value.string(rule.name)) for fan \(fanID)"
        switch (rule.trigger, reference) {
        case (.event(let spec, _), let (source, id)?):
            let event = try TriggerEvent.load(spec, source: source, id: id, from: store)
            guard event.fanID == fanID else {
                throw CLIError.usage("--event \(source):\(id) is about fan \(event.fanID), not fan \(fanID)")
            }
            if !event.matchesTrigger {
                context.standardError.print("rulec: note: \(source):\(id) is not a \(spec.name) event; the rule would not see it")
            }
            now = event.time ?? clock
            fields = event.fields
            header += ", event \(source):\(id)"
        case (.event(let spec, _), nil):
            context.standardError.print("rulec: note: no --event given, so every event.* field of \(spec.name) is null")
        case (.schedule, nil):
            fields = ["occurred_at": .timestamp(clock)]
        case (.schedule, _?):
            throw CLIError.usage("--event: a scheduled rule has no triggering event; use --now for the slot's time")
        }
        header += ", now \(Value.timestamp(now))"

        var lines = [header, ""]
        let holds: Bool
        if let condition = rule.condition {
            let context = EvaluationContext(now: now, zone: try CreatorTimeZone.load(from: store), event: fields)
            let tree = try WhyTrace.explain(condition, program: program, context: context, facts: StoreFanFacts(store: store, fanID: fanID))
            lines.append(WhyTrace.render(tree).trimmingCharacters(in: .newlines))
            holds = tree.holds
        } else {
            lines.append("✔ (no condition: the rule applies to every fan its trigger reaches)")
            holds = true
        }
        let checks = try HoldBackCheck.checks(for: rule, fanID: fanID, now: now, store: store,
                                             event: reference.map { (source: $0.0, id: $0.1) })
        if !checks.isEmpty { lines.append("") }
        for check in checks {
            let verdict = switch check.holdsBack { case true?: "holds it back"; case false?: "clear"; case nil: "not known" }
            lines.append("\(check.clause): \(verdict) (\(check.reason))")
        }
        lines.append("")
        lines.append(verdict(holds: holds, checks: checks))
        return lines.joined(separator: "\n") + "\n"
    }

    static func verdict(holds: Bool, checks: [HoldBackCheck]) -> String {
        guard holds else { return "→ does not fire: the condition is false" }
        if let blocking = checks.first(where: { $0.holdsBack == true }) { return "→ condition holds, but \(blocking.clause) holds it back" }
        if checks.contains(where: { $0.holdsBack == nil }) { return "→ condition holds; fires unless cooldown or limit holds it back" }
        return "→ fires"
    }

    static func fanNumber(_ text: String) throws -> Int64 {
        guard let id = Int64(text) else { throw CLIError.usage("--fan takes a fan id (a whole number), not '\(text)'") }
        return id
    }

    /// `fan_transactions:42` → ("fan_transactions", 42).
    static func parseEventReference(_ text: String) throws -> (String, Int64) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let id = Int64(parts[1]) else {
            throw CLIError.usage("--event takes SOURCE:ID, a table and a row id (fan_transactions:42), not '\(text)'")
        }
        return (parts[0], id)
    }
}
