import Planning
import Runtime
import Syntax

/// `rulec scheduled [list | cancel ID]`: the actions waiting on `after`, and
/// cancelling one (kept and recorded, never deleted).
struct ScheduledCommand: Command {
    static let path = ["scheduled"]
    static let summary = "List delayed actions waiting to run, or cancel one"
    static let help = """
        Usage: rulec scheduled [list] [--format text|json] [--db FILE] [--user ID]
               rulec scheduled cancel ID [--db FILE] [--user ID] [--now T]

        list (the default) shows the actions delayed by `after` that have not run yet,
        soonest first: id, due time, rule, fan, and what the action does. The next
        'rulec run' at or after the due time executes each (or records it expired when it
        comes more than the stale age late).

        cancel ID stops one of them: it stays in the store with status `cancelled`, and its
        rule's action log records it as skipped (reason "cancelled").

        Options:
          --format F  text (an aligned table, default) or json: [{"id","due_at","rule","fan_id",
                      "fan_name","action_type","params","status","created_at"}]

        Exit status: 0 done, 1 no such waiting action, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try HitlOutput.Format(option: arguments.option("--format"))
        let options = try StoreOptions.read(&arguments, context)
        let words = try arguments.positionals(known: ["--format"] + RuntimeCommandSupport.commonOptions)
        guard ["list", "cancel"].contains(words.first ?? "list") else {
            throw CLIError.usage("scheduled takes list or cancel ID, not '\(words[0])'")
        }
        // `list` only reads: it works on a store the user cannot write.
        let support = try options.open(words.first == "cancel" ? .write : .read, context)
        let scheduled = ScheduledActions(store: support.creator)
        switch words.first ?? "list" {
        case "list":
            guard words.count <= 1 else { throw CLIError.usage("scheduled list takes no arguments, got '\(words[1])'") }
            let items = try support.guarded { try scheduled.pending() }
            switch format {
            case .json: context.standardOutput.print(JSONValue.array(items.map(\.json)).prettySerialized())
            case .text: context.standardOutput.print(table(items), terminator: "")
            }
            return .success
        case "cancel":
            guard words.count == 2, let id = Int64(words[1]), id > 0 else {
                throw CLIError.usage("scheduled cancel takes one action ID (a whole number)")
            }
            do {
                let item = try support.guarded { try scheduled.cancel(id, now: support.now) }
                switch format {
                case .json: context.standardOutput.print(item.json.prettySerialized())
                case .text: context.standardOutput.print("cancelled #\(id): \(item.summary) for \(fan(item)), due \(Time.iso8601(item.dueAt))")
                }
                return .success
            } catch let failure as ScheduledActions.CancelFailure {
                return RuntimeCommandSupport.refuse(failure.description, context)
            }
        case let other:
            throw CLIError.usage("scheduled takes list or cancel ID, not '\(other)'")
        }
    }

    static func fan(_ item: ScheduledActions.Item) -> String {
        item.fanName.map { "#\(item.fanID) \($0)" } ?? "#\(item.fanID)"
    }

    static func table(_ items: [ScheduledActions.Item]) -> String {
        guard !items.isEmpty else { return "no scheduled actions\n" }
        let rows = items.map { [String($0.id), Time.iso8601($0.dueAt), $0.ruleName ?? "-", fan($0), HitlOutput.truncate($0.summary)] }
        return TextTable.lines([["ID", "DUE", "RULE", "FAN", "ACTION"]] + rows).joined(separator: "\n") + "\n"
    }
}
