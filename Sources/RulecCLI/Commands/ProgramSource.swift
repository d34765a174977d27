import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Where the data commands (`segment eval`, `segments refresh`, `why`) get
/// their program: the files of `--rules PATH` (repeatable; files or folders,
/// as `check` reads them), else the creator's latest deployed program
/// (`automation_programs`, docs/RUNTIME.md), re-parsed and re-checked.
struct ProgramSource {
    static let optionName = "--rules"

    /// `--rules` paths in the order given; empty means "the deployed program".
    static func paths(_ arguments: inout Arguments) throws -> [String] {
        try arguments.options(optionName)
    }

    /// The program's files, numbered from 0.
    static func files(paths: [String], store: CreatorStore, context: CommandContext) throws -> [SourceFile] {
        if !paths.isEmpty {
            return try ProgramLoader(workingDirectory: context.workingDirectory).load(paths)
        }
        guard let deployed = try deployedFiles(store) else {
            throw CLIError.usage("creator \(store.userID) has no deployed program in this store; deploy one or pass --rules PATH")
        }
        return deployed
    }

    /// The files of the latest `automation_programs` row, or nil when the
    /// store has none (or predates the table).
    // TODO(ops): migration 9 (automation_programs) and `DeployedProgram.load`
    // live on branch ops, not merged here yet. This reads the table by the
    // shape docs/RUNTIME.md gives (`files_json` = [{"path","text"}]); once ops
    // is merged, use `DeployedProgram.load` so deploy and evaluation share one reader.
    static func deployedFiles(_ store: CreatorStore) throws -> [SourceFile]? {
        guard try store.database.tableExists("automation_programs"),
              let json = try store.scalar("SELECT files_json FROM automation_programs WHERE user_id = :user ORDER BY id DESC LIMIT 1").string
        else { return nil }
        guard let entries = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
            throw CLIError.io("the deployed program of \(store.userID) is unreadable (automation_programs.files_json)")
        }
        return entries.enumerated().map { index, entry in
            SourceFile(id: FileID(UInt32(index)), path: entry["path"] as? String ?? "deployed-\(index).rules",
                       text: entry["text"] as? String ?? "")
        }
    }

    /// Parses and checks `files`; errors are printed to stderr as `check`
    /// prints them and end the command with exit 1.
    static func checked(_ files: [SourceFile], context: CommandContext) throws -> CheckedProgram {
        let result = FrontEnd().run(files)
        guard let program = result.program, !result.diagnostics.hasErrors else {
            report(result.diagnostics, in: files, context: context)
            throw CLIError.inputHasErrors
        }
        return program
    }

    /// Only errors: warnings of a program are `check`'s business, not an evaluation's.
    static func report(_ diagnostics: [Diagnostic], in files: [SourceFile], context: CommandContext) {
        reportAll(diagnostics.filter { $0.severity == .error }, in: files, context: context)
    }

    /// Diagnostics to stderr in `check`'s text format (stdout holds the command's data).
    static func reportAll(_ diagnostics: [Diagnostic], in files: [SourceFile], context: CommandContext) {
        context.standardError.print(DiagnosticFormat.text.render(diagnostics, in: files, for: context.standardError, context: context),
                                    terminator: "")
    }

    /// The creator-scoped store with the engine's SQL functions, failures as exit-2 errors.
    static func openStore(at path: String, user: String) throws -> CreatorStore {
        do { return try EngineStore.open(path: path).creator(user) } catch { throw StoreOptions.cliError(error, path: path) }
    }
}
