import Foundation
import RulecCLI

let context = CommandContext(
    environment: ProcessInfo.processInfo.environment,
    standardOutput: .fileDescriptor(STDOUT_FILENO),
    standardError: .fileDescriptor(STDERR_FILENO),
    workingDirectory: FileManager.default.currentDirectoryPath
)
exit(Rulec.main(Array(CommandLine.arguments.dropFirst()), context: context).rawValue)
