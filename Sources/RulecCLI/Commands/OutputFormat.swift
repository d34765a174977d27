/// `--format text|json` for commands whose output is data.
enum OutputFormat: String, CaseIterable {
    case text, json

    init(option: String?) throws(CLIError) {
        guard let option else { self = .text; return }
        guard let format = OutputFormat(rawValue: option) else {
            var message = "unknown format '\(option)'; use text or json"
            if let guess = Suggest.closest(to: option, among: Self.allCases.map(\.rawValue)) { message += ". Did you mean '\(guess)'?" }
            throw .usage(message)
        }
        self = format
    }
}
