import Foundation

/// How the editor reads: key by key with editing and history when a person is
/// at a terminal, or line by line with no prompts, no escape sequences and no
/// raw mode for anything else (a pipe, a file, `rulec repl < script`).
public enum InputSource: Equatable, Sendable {
    case terminal
    case piped

    /// A terminal needs both ends to be one: with output redirected to a file,
    /// the prompts and redraw sequences would land in the file. `TERM=dumb`
    /// (Emacs shell buffers) cannot take cursor movement either.
    public static func detect(input: Int32, output: Int32, environment: [String: String]) -> InputSource {
        guard isatty(input) == 1, isatty(output) == 1 else { return .piped }
        return environment["TERM"] == "dumb" ? .piped : .terminal
    }
}
