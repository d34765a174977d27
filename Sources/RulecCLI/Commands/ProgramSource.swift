import Foundation
import Planning
import Runtime
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

    /// The files of the latest deployed program (the reader deploy and the
    /// runtime use), or nil when the creator has none.
    static func deployedFiles(_ store: CreatorStore) throws -> [SourceFile]? {
        do { return try ProgramText.latest(from: store) } catch { throw CLIError.io("\(error)") }
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

    /// The creator-scoped store with the engine's SQL functions, failures as exit-2 errors;
    /// never creates the file (commands open theirs through `StoreOptions.open`).
    static func openStore(at path: String, user: String) throws -> CreatorStore {
        do { return try EngineStore.openExisting(path: path, readOnly: false).creator(user) } catch { throw StoreOptions.cliError(error, path: path) }
    }
}
