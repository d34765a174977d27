import Foundation

/// What the REPL does with each submitted entry, apart from reading it: the
/// loop in `ReplCommand` reads with `LineEditor`, hands every entry to
/// `handle(entry:)` and prints the response, so behavior is tested here
/// without a terminal.
///
/// Conditions and directives need a `ReplWorkspace` (the creator's store and
/// program); a session without one (tests of the shell) says so for each.
public struct ReplSession {
    public struct Response: Equatable, Sendable {
        /// Lines for stdout (data).
        public var output: [String] = []
        /// Lines for stderr (messages about the entry itself).
        public var errors: [String] = []
        /// True after `:quit`: the loop ends.
        public var quit = false
    }

    /// A `:name` entry: its name, what it takes, and what it does, for `:help`.
    struct Directive: Sendable {
        let name: String
        let arguments: String
        let summary: String
    }

    /// The directives of RULEC.md, in the order `:help` lists them.
    static let directives: [Directive] = [
        Directive(name: ":explain", arguments: "EXPR", summary: "the evaluation plan of a condition"),
        Directive(name: ":fan", arguments: "ID", summary: "everything a rule can see about one fan"),
        Directive(name: ":why", arguments: "RULE FAN", summary: "why a rule fires or not for a fan"),
        Directive(name: ":load", arguments: "FILE", summary: "make a file's segments and constants usable"),
        Directive(name: ":schema", arguments: "[COLLECTION]", summary: "the fields a condition can use"),
        Directive(name: ":now", arguments: "T", summary: "fix the clock for this session"),
        Directive(name: ":help", arguments: "", summary: "this list"),
        Directive(name: ":quit", arguments: "", summary: "leave (Ctrl-D does too)"),
    ]

    let workspace: ReplWorkspace?

    public init() { workspace = nil }

    init(workspace: ReplWorkspace) { self.workspace = workspace }

    public mutating func handle(entry: String) -> Response {
        let text = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return Response() }
        let name = String(text.prefix { !$0.isWhitespace })
        let argument = String(text.dropFirst(name.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case _ where [":help", ":quit", ":q", ":exit"].contains(name) && !argument.isEmpty:
            // `:quit now` must not quit silently, nor `:help me` pass for `:help`: the entry is refused and the session goes on.
            return Response(errors: ["\(name) takes no arguments, got '\(argument)'" + (name == ":help" ? "" : "; type \(name) alone to leave")])
        case ":help": return Response(output: Self.helpLines)
        case ":quit", ":q", ":exit": return Response(quit: true)
        case ":schema" where argument.contains(where: \.isWhitespace):
            return Response(errors: [":schema takes one collection at most, e.g. :schema transactions; got '\(argument)'"])
        case ":schema":
            do { return Response(output: try ReplSchema.lines(for: argument)) } catch let error as CLIError {
                return Response(errors: [ReplEvaluation.message(error)])
            } catch { return Response(errors: ["\(error)"]) }
        case _ where !text.hasPrefix(":") || Self.directives.contains { $0.name == name }:
            guard let workspace else { return Response(errors: ["no store is open: start the REPL with --db FILE --user ID"]) }
            return ReplEvaluation(workspace: workspace).handle(directive: text.hasPrefix(":") ? name : nil, argument: text.hasPrefix(":") ? argument : text)
        default:
            var message = "unknown command '\(name)'"
            if let guess = Suggest.closest(to: name, among: Self.directives.map(\.name)) {
                message += ". Did you mean '\(guess)'?"
            } else {
                message += "."
            }
            return Response(errors: [message + " Type :help for the list."])
        }
    }

    static var helpLines: [String] {
        let usages = directives.map { $0.arguments.isEmpty ? $0.name : "\($0.name) \($0.arguments)" }
        let width = usages.map(\.count).max() ?? 0
        var lines = ["Type a condition to evaluate it as a segment over the creator's fans,",
                     "or 'segment NAME { ... }' to define one for this session.",
                     "An entry goes on over several lines while a bracket is open.",
                     "", "Commands:"]
        for (usage, directive) in zip(usages, directives) {
            lines.append("  " + usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + directive.summary)
        }
        lines += ["", "Keys: arrows, Home/End, Ctrl-A/E, Ctrl-U/K, Up/Down for history,",
                  "Ctrl-C cancels the entry, Ctrl-L clears the screen, Ctrl-D on an empty line quits."]
        return lines
    }
}
