import Syntax

/// `--format` for commands that print diagnostics (`check`, `deploy`).
enum DiagnosticFormat: String, CaseIterable {
    case text, json, github

    init(option: String?) throws(CLIError) {
        guard let option else { self = .text; return }
        guard let format = DiagnosticFormat(rawValue: option) else {
            let names = Self.allCases.map(\.rawValue)
            var message = "unknown format '\(option)'; use one of \(names.joined(separator: ", "))"
            if let guess = Suggest.closest(to: option, among: names) { message += ". Did you mean '\(guess)'?" }
            throw .usage(message)
        }
        self = format
    }

    /// The report for `stream`; text is colored only where `context` allows it.
    func render(_ diagnostics: [Diagnostic], in files: [SourceFile], for stream: OutputStream, context: CommandContext) -> String {
        let lookup = SourceFiles(files)
        switch self {
        case .text: return TextRenderer(useColor: context.useColor(for: stream)).render(diagnostics, in: lookup)
        case .json: return JSONRenderer().render(diagnostics, in: lookup)
        case .github: return GitHubRenderer().render(diagnostics, in: lookup)
        }
    }
}
