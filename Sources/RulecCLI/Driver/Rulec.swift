import Foundation

public enum Rulec {
    public static let version = "0.1.0"

    /// Runs one command line and returns its exit code; never calls `exit`, so tests can drive it.
    public static func main(_ words: [String], context: CommandContext) -> ExitCode {
        if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
            context.standardOutput.print(overview())
            return words.isEmpty ? .usageOrIO : .success
        }
        if words == ["--version"] {
            context.standardOutput.print("rulec \(version)")
            return .success
        }
        // The longest command path that prefixes the words selects the command.
        let match = CommandTable.all
            .filter { words.starts(with: $0.path) }
            .max { $0.path.count < $1.path.count }
        guard let command = match else {
            // `rulec hitl` or `rulec db`: a group without its verb; list the verbs.
            let group = CommandTable.all.filter { $0.path.count > 1 && $0.path[0] == words[0] }
            if !group.isEmpty {
                var lines = ["Usage: rulec \(words[0]) \(group.map { $0.path[1] }.joined(separator: "|")) ...", ""]
                let width = group.map { $0.path.joined(separator: " ").count }.max() ?? 0
                for command in group {
                    lines.append("  " + command.path.joined(separator: " ").padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
                }
                context.standardError.print(lines.joined(separator: "\n"))
                return .usageOrIO
            }
            let names = CommandTable.all.map { $0.path.joined(separator: " ") }
            var message = "rulec: unknown command '\(words[0])'"
            if let guess = Suggest.closest(to: words[0], among: names.map { String($0.split(separator: " ")[0]) }) {
                message += ". Did you mean '\(guess)'?"
            }
            context.standardError.print(message + "\nRun 'rulec --help' for the list of commands.")
            return .usageOrIO
        }
        var rest = Array(words.dropFirst(command.path.count))
        if rest.contains("--help") || rest.contains("-h") {
            context.standardOutput.print(command.help)
            return .success
        }
        var arguments = Arguments(rest)
        rest = []
        do {
            return try command.run(&arguments, context)
        } catch let error as CLIError {
            if error != .inputHasErrors { context.standardError.print("rulec: \(error.message)") }
            return error == .inputHasErrors ? .inputErrors : .usageOrIO
        } catch {
            context.standardError.print("rulec: \(error)")
            return .usageOrIO
        }
    }

    static func overview() -> String {
        var lines = ["rulec \(version): rules and automations for creator fan CRMs", "", "Usage: rulec COMMAND [OPTIONS]", "", "Commands:"]
        let width = CommandTable.all.map { $0.path.joined(separator: " ").count }.max() ?? 0
        for command in CommandTable.all {
            let name = command.path.joined(separator: " ")
            lines.append("  " + name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "Common options: --db FILE (default $RULEC_DB, else ./crm.sqlite), --user ID (default $RULEC_USER),",
                  "--now TIMESTAMP (ISO 8601 with or without time and zone, or Unix seconds), --format text|json.",
                  "Only 'db init', 'db seed' and 'demo' create a store. 'rulec COMMAND --help' describes one command."]
        return lines.joined(separator: "\n")
    }
}
