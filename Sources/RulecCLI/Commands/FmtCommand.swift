import Foundation
import Syntax

/// `rulec fmt [--check] [PATH...]`: rewrites `.rules` files in the canonical
/// layout (docs/FORMAT.md). Quiet on success, like gofmt: with `--check` it
/// lists the files that would change (stdout) and exits 1 if there are any.
/// A file with syntax errors is never rewritten; its errors go to stderr and
/// the exit code is 1. `rulec fmt -` formats standard input to standard
/// output (for editors and pipes); with `--check` it writes `<stdin>` if the
/// text would change, and exits 1.
struct FmtCommand: Command {
    static let path = ["fmt"]
    static let summary = "Format .rules files in the canonical layout"
    static let help = """
        Usage: rulec fmt [--check] [PATH...]
               rulec fmt [--check] -

        Rewrites each .rules file in the canonical layout, keeping its comments.
        PATHs are files or folders (all *.rules below them, sorted); default '.'.
        Only files whose text changes are written (atomically). Files with syntax
        errors are left alone and their errors printed.
        With '-', reads standard input and writes the formatted text to standard
        output (nothing on syntax errors; they go to stderr, exit 1).

        Options:
          --check   Write nothing; print the files that would change and exit 1 if any
                    ('<stdin>' for '-').
        """

    /// How standard input is named in messages and in `--check`'s list.
    static let standardInputName = "<stdin>"

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let checkOnly = arguments.flag("--check")
        var paths = try arguments.positionals(known: ["--check"])
        if paths.isEmpty { paths = ["."] }
        if paths.contains("-") {
            guard paths == ["-"] else { throw CLIError.usage("'-' (standard input) cannot be combined with other paths") }
            return try formatStandardInput(checkOnly: checkOnly, context)
        }
        let files = try RulesFileDiscovery(workingDirectory: context.workingDirectory).files(under: paths)

        var hasSyntaxErrors = false
        var wouldChange = false
        for (index, file) in files.enumerated() {
            let bytes = try read(file)
            let source = SourceFile(id: FileID(UInt32(index)), path: file.displayPath, bytes: bytes)
            let parsed = Parse.file(source)
            let errors = parsed.diagnostics.filter { $0.severity == .error }.sortedByPosition()
            guard errors.isEmpty else {
                hasSyntaxErrors = true
                for error in errors { context.standardError.print(brief(error, in: source)) }
                continue
            }
            let formatted = Array(Format.source(parsed.syntax).utf8)
            guard formatted != bytes else { continue }
            if checkOnly {
                wouldChange = true
                context.standardOutput.print(file.displayPath)
            } else {
                try write(formatted, to: file)
            }
        }
        if hasSyntaxErrors { throw CLIError.inputHasErrors }
        return wouldChange ? .inputErrors : .success
    }

    /// `fmt -`: standard input to standard output, or with `--check` only the verdict.
    private static func formatStandardInput(checkOnly: Bool, _ context: CommandContext) throws -> ExitCode {
        let bytes = context.readStandardInput()
        let source = SourceFile(id: FileID(0), path: standardInputName, bytes: bytes)
        let parsed = Parse.file(source)
        let errors = parsed.diagnostics.filter { $0.severity == .error }.sortedByPosition()
        guard errors.isEmpty else {
            for error in errors { context.standardError.print(brief(error, in: source)) }
            throw CLIError.inputHasErrors
        }
        let formatted = Format.source(parsed.syntax)
        if checkOnly {
            guard Array(formatted.utf8) != bytes else { return .success }
            context.standardOutput.print(standardInputName)
            return .inputErrors
        }
        context.standardOutput.print(formatted, terminator: "")
        return .success
    }

    /// `path:line:col: error[E0001]: message`, one line per diagnostic.
    private static func brief(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let location = file.location(of: diagnostic.range.start)
        return "\(file.path):\(location.line):\(location.column): \(diagnostic.severity.rawValue)[\(diagnostic.code.id)]: \(diagnostic.message)"
    }

    private static func read(_ file: RulesFileDiscovery.File) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file.absolutePath) else {
            throw CLIError.io("cannot read \(file.displayPath)")
        }
        return Array(data)
    }

    /// Written to a temporary file and renamed over the original, so an
    /// interrupted run never leaves a half-written rules file.
    private static func write(_ bytes: [UInt8], to file: RulesFileDiscovery.File) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: file.absolutePath), options: .atomic)
        } catch {
            throw CLIError.io("cannot write \(file.displayPath): \(error.localizedDescription)")
        }
    }
}

/// Expands PATH arguments into `.rules` files. Kept private to `fmt` for now;
/// `check` has its own loader and the two are meant to merge.
struct RulesFileDiscovery {
    struct File: Hashable {
        /// As the user would write it: relative to the argument they gave.
        var displayPath: String
        var absolutePath: String
    }

    let workingDirectory: String

    /// A file argument is taken as is (whatever its extension); a folder
    /// contributes every `*.rules` file below it, sorted, skipping hidden
    /// entries (`.git`, `.build`). Files named twice are formatted once.
    func files(under arguments: [String]) throws -> [File] {
        var result: [File] = []
        var seen: Set<String> = []
        for argument in arguments {
            let absolute = argument.hasPrefix("/") ? argument : workingDirectory + "/" + argument
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw CLIError.io("no such file or folder: \(argument)")
            }
            let found = isDirectory.boolValue
                ? try rulesFiles(inFolder: absolute, shownAs: argument)
                : [File(displayPath: argument, absolutePath: absolute)]
            for file in found where seen.insert(URL(fileURLWithPath: file.absolutePath).standardized.path).inserted {
                result.append(file)
            }
        }
        return result
    }

    private func rulesFiles(inFolder folder: String, shownAs argument: String) throws -> [File] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw CLIError.io("cannot read folder \(argument)")
        }
        var relativePaths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard relative.hasSuffix(".rules") else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                relativePaths.append(relative)
            }
        }
        let prefix = argument == "." ? "" : (argument.hasSuffix("/") ? argument : argument + "/")
        return relativePaths.sorted().map {
            File(displayPath: prefix + $0, absolutePath: folder + "/" + $0)
        }
    }
}
