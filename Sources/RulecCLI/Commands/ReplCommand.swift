import Foundation

/// `rulec repl`: the interactive session of RULEC.md "REPL".
///
/// The shell reads entries (editing and history on a terminal, line by line
/// from a pipe) and hands each to `ReplSession`, which evaluates them against
/// the creator's store and program (`ReplWorkspace`).
struct ReplCommand: Command {
    static let path = ["repl"]
    static let summary = "Interactive session: try conditions against the live store"
    static let help = """
        Usage: rulec repl [--db FILE] [--user ID] [--now T] [--rules PATH]... [--history FILE | --no-history]

        Opens the creator's live store. A condition typed at the prompt is evaluated
        as a segment: the count, the time taken, and the first fans with the fields
        the condition used. Segments and constants of the deployed program (or of
        --rules PATH) are usable; `segment NAME { ... }` defines one for the session.
        Reads entries from the terminal with line editing and history, or line by
        line from a pipe for scripted use (no prompts then). An entry continues over
        several lines while a bracket is open. Type :help inside for the commands.

        Options:
          --db FILE        the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID        the creator (default $RULEC_USER)
          --now T          fix the clock (ISO 8601 or Unix seconds); :now changes it
          --rules PATH     use these files' segments and constants instead of the deployed program
          --history FILE   where the history is kept (default $RULEC_HISTORY, else ~/.rulec_history)
          --no-history     keep no history file
        """

    static let prompt = "rulec> "
    /// As wide as the prompt, so continued lines line up with the first.
    static let continuationPrompt = "  ...> "

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let historyOption = try arguments.option("--history")
        let noHistory = arguments.flag("--no-history")
        let options = try StoreOptions.read(&arguments, context)
        let rulePaths = try ProgramSource.paths(&arguments)
        let extra = try arguments.positionals(known: ["--history", "--no-history", ProgramSource.optionName] + StoreOptions.names)
        guard extra.isEmpty else { throw CLIError.usage("repl takes no arguments, got '\(extra[0])'") }
        if noHistory && historyOption != nil { throw CLIError.usage("--history and --no-history exclude each other") }

        // The store first: a session that cannot start shows no banner and makes no editor.
        let opened = try options.open(.read, context)
        let store = opened.creator, now = opened.fixedNow, databasePath = opened.path
        let programFiles = try rulePaths.isEmpty ? (ProgramSource.deployedFiles(store) ?? [])
                                                 : ProgramSource.files(paths: rulePaths, store: store, context: context)
        let workspace: ReplWorkspace
        do { workspace = try ReplWorkspace(store: store, programFiles: programFiles, now: now, clock: context.clock) } catch {
            throw StoreOptions.cliError(error, path: databasePath)
        }

        let source = InputSource.detect(input: STDIN_FILENO, output: STDOUT_FILENO, environment: context.environment)
        // A script piped in is not something to recall later: history is for people.
        let historyFile = source == .terminal && !noHistory ? historyURL(option: historyOption, context) : nil
        let editor: LineEditor
        do {
            editor = try LineEditor(source: source, historyFile: historyFile, environment: context.environment)
        } catch {
            // An unreadable history is no reason to refuse a session.
            context.standardError.print("rulec: \(error.message); history is kept for this session only")
            editor = try LineEditor(source: source, historyFile: nil, environment: context.environment)
        }

        if source == .terminal {
            // What the session works on, so nobody queries the wrong store or creator unawares.
            context.standardOutput.print("rulec \(Rulec.version). Type :help for commands, Ctrl-D to leave.")
            context.standardOutput.print(workspace.description(storePath: databasePath))
            workspace.terminalColumns = { LineEditor.columns(of: STDOUT_FILENO) }
        }
        var session = ReplSession(workspace: workspace)
        var warnedAboutHistory = false
        loop: while true {
            switch editor.readEntry(prompt: prompt, continuationPrompt: continuationPrompt) {
            case .endOfInput: break loop
            case .interrupted: continue loop
            case .line(let text):
                let response = session.handle(entry: text)
                for line in response.output { context.standardOutput.print(line) }
                for line in response.errors { context.standardError.print(line) }
                if let error = editor.historyError, !warnedAboutHistory {
                    context.standardError.print("rulec: \(error.message); history is kept for this session only")
                    warnedAboutHistory = true
                }
                if response.quit { break loop }
            }
        }
        return .success
    }

    private static func historyURL(option: String?, _ context: CommandContext) -> URL? {
        if let path = option ?? context.environment["RULEC_HISTORY"] {
            return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: context.workingDirectory, isDirectory: true))
        }
        guard let home = context.environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".rulec_history")
    }
}
