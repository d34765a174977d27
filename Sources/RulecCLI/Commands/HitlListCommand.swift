import Planning
import Runtime
import Store
import Syntax

/// `rulec hitl list`: the actions waiting for (or given) a human decision.
struct HitlListCommand: Command {
    static let path = ["hitl", "list"]
    static let summary = "List actions awaiting approval"
    static let help = """
        Usage: rulec hitl list [--status S] [--format text|json] [--db FILE] [--user ID] [--now T]

        Lists the creator's approval items, oldest first: by default the pending ones.
        An item past its expiry at the clock is expired, even before 'rulec run'
        records it so; it is no longer pending.

        Options:
          --status S  pending (default), approved, rejected, expired, or all (with a STATUS column)
          --format F  text (an aligned table, default) or json (an array of objects)
          --now T     the clock expiry is judged at (default: the system clock)
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try HitlOutput.Format(option: arguments.option("--format"))
        let statusOption = try arguments.option("--status") ?? "pending"
        let choices = StoreEnums.hitlStatuses + ["all"]
        guard choices.contains(statusOption) else {
            var message = "unknown status '\(statusOption)'; use one of \(choices.joined(separator: ", "))"
            if let guess = Suggest.closest(to: statusOption, among: choices) { message += ". Did you mean '\(guess)'?" }
            throw CLIError.usage(message)
        }
        let support = try RuntimeCommandSupport.open(&arguments, context, access: .read)
        if let extra = try arguments.positionals(known: ["--status", "--format"] + RuntimeCommandSupport.commonOptions).first {
            throw CLIError.usage("hitl list takes no arguments, got '\(extra)'")
        }
        let items = try support.guarded {
            try ApprovalQueue(store: support.creator).items(status: statusOption == "all" ? nil : statusOption, at: support.now)
        }
        switch format {
        case .json: context.standardOutput.print(JSONValue.array(items.map(\.json)).prettySerialized())
        case .text: context.standardOutput.print(HitlOutput.table(items, withStatus: statusOption == "all"), terminator: "")
        }
        return .success
    }
}

/// Output shared by the `hitl` verbs.
enum HitlOutput {
    enum Format: String, CaseIterable {
        case text, json
        init(option: String?) throws {
            guard let option else { self = .text; return }
            guard let format = Format(rawValue: option) else {
                var message = "unknown format '\(option)'; use text or json"
                if let guess = Suggest.closest(to: option, among: Self.allCases.map(\.rawValue)) { message += ". Did you mean '\(guess)'?" }
                throw CLIError.usage(message)
            }
            self = format
        }
    }

    static let previewWidth = 48

    /// An aligned table, one item a line; previews cut to one short line. A
    /// STATUS column when the items may differ in status (`--status all`).
    static func table(_ items: [ApprovalItem], withStatus: Bool = false) -> String {
        guard !items.isEmpty else { return "no approval items\n" }
        let header = ["ID"] + (withStatus ? ["STATUS"] : []) + ["RULE", "FAN", "ACTION", "PREVIEW", "CREATED"]
        let rows = items.map { item in
            [String(item.id)] + (withStatus ? [item.status] : [])
                + [item.ruleName ?? "-", fan(item), item.actionType, truncate(item.preview), Time.iso8601(item.createdAt)]
        }
        return TextTable.lines([header] + rows).joined(separator: "\n") + "\n"
    }

    static func fan(_ item: ApprovalItem) -> String {
        guard let id = item.fanID else { return "-" }
        return item.fanName.map { "#\(id) \($0)" } ?? "#\(id)"
    }

    /// One line: newlines shown as spaces, cut with an ellipsis past the width.
    static func truncate(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= previewWidth ? line : String(line.prefix(previewWidth - 1)) + "…"
    }

    /// `hitl show`: every field, one a line, then the full preview.
    static func details(_ item: ApprovalItem) -> String {
        var lines = [
            "id:          \(item.id)",
            "status:      \(item.status)" + (item.reason.map { " (\($0))" } ?? ""),
            "rule:        \(item.ruleName ?? "-")",
            "fan:         \(fan(item))",
            "action:      \(item.actionType) (#\(item.actionIndex) of the rule)",
            "params:      \(item.params.serialized())",
            "created:     \(Time.iso8601(item.createdAt))",
        ]
        if let expires = item.expiresAt {
            // A pending item past its expiry reads expired; say when it happened.
            lines.append((item.status == "expired" ? "expired:     " : "expires:     ") + Time.iso8601(expires))
        }
        if let decided = item.decidedAt { lines.append("decided:     \(Time.iso8601(decided)) by \(item.decidedBy ?? "-")") }
        lines += ["preview:", item.preview.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")]
        return lines.joined(separator: "\n")
    }

    /// The ID argument of show/approve/reject.
    static func id(_ arguments: inout Arguments, verb: String, known: [String]) throws -> Int64 {
        let words = try arguments.positionals(known: known + RuntimeCommandSupport.commonOptions)
        guard words.count == 1, let id = Int64(words[0]), id > 0 else {
            throw CLIError.usage("hitl \(verb) takes one item ID (a whole number)" + (words.isEmpty ? "" : ", got '\(words.joined(separator: " "))'"))
        }
        return id
    }
}
