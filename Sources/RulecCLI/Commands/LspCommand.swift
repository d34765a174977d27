import Foundation
import LanguageServer

/// `rulec lsp`: the language server on stdin/stdout. The work is in the
/// LanguageServer module; this only resolves the store options.
struct LspCommand: Command {
    static let path = ["lsp"]
    static let summary = "Language server for editors (LSP over stdin/stdout)"
    static let help = """
        Usage: rulec lsp [--db FILE --user ID]

        Speaks the Language Server Protocol (3.17) on stdin/stdout: diagnostics as
        `rulec check` gives them for every .rules file of the workspace folder, hover,
        completion, go to definition, references, document symbols, quick fixes, and
        formatting as `rulec fmt` does. Editors start it; see docs/EDITORS.md.

        Options:
          --db FILE    with --user: the store is read (never written) for the creator's
                       templates (completion, template checks), segment member counts and
                       rule firings (hover). Also RULEC_DB / RULEC_USER.
          --user ID    the creator whose store data is read
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let database = try arguments.option("--db") ?? context.environment["RULEC_DB"]
        let user = try arguments.option("--user") ?? context.environment["RULEC_USER"]
        _ = try arguments.positionals(known: ["--db", "--user"])
        var options = LanguageServer.Options()
        if let database, !database.isEmpty, let user, !user.isEmpty {
            options.storePath = database.hasPrefix("/") ? database : context.workingDirectory + "/" + database
            options.userID = user
        }
        let loop = ServerLoop(options: options, output: FileHandle.standardOutput)
        return loop.run(input: STDIN_FILENO) == 0 ? .success : .inputErrors
    }
}
