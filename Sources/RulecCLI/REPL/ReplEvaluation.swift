import Foundation
import Planning
import Runtime
import Semantics
import Store
import Syntax

/// What the REPL does with a condition or a directive that needs the store:
/// each answer is built from the same library code the commands use
/// (`AdHocSegment`, `PlanBuilder`, `ProgramExplanation`, `WhyTrace`), so the
/// REPL shows exactly what `segment eval`, `explain` and `why` would.
struct ReplEvaluation {
    typealias Response = ReplSession.Response
    let workspace: ReplWorkspace
    /// How many fans the table after a condition shows.
    static let shownFans = 10

    func handle(directive: String?, argument: String) -> Response {
        do {
            switch directive {
            case nil where argument.hasPrefix("segment ") || argument.hasPrefix("segment\t"):
                return define(argument)
            case nil: return try evaluate(argument)
            case ":explain"?: return try explain(argument)
            case ":fan"?: return try fan(argument)
            case ":why"?: return try why(argument)
            case ":load"?: return try load(argument)
            case ":now"?: return now(argument)
            default: return Response(errors: ["\(directive ?? "") is not available here"])
            }
        } catch let error as CLIError {
            return Response(errors: [Self.message(error)])
        } catch {
            return Response(errors: ["\(error)"])
        }
    }

    /// A refused entry is not a refused command line: no `usage:` prefix,
    /// which would point the user at flags they never typed.
    static func message(_ error: CLIError) -> String {
        switch error {
        case .usage(let text), .io(let text): text
        case .inputHasErrors: error.message
        }
    }

    // MARK: Conditions

    private func evaluate(_ expression: String) throws -> Response {
        let adHoc = workspace.adHoc(expression)
        guard let condition = adHoc.condition, let program = adHoc.program else {
            return diagnostics(adHoc.diagnostics, files: workspace.files() + [adHoc.expressionFile])
        }
        let plan = PlanBuilder.plan(condition, program: program, scope: .allFans)
        let executor = PlanExecutor(store: workspace.store, program: program)
        let context = workspace.context
        let start = ContinuousClock.now
        let ids = try executor.fanIDs(plan, context: context)
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000
        var output = [String(format: "%d fan%@ match (%.1f ms)", ids.count, ids.count == 1 ? "" : "s", millis)]
        if !ids.isEmpty {
            output += try ReplFanTable(program: program, context: context, store: workspace.store,
                                       terminalColumns: workspace.terminalColumns())
                .lines(for: Array(ids.prefix(Self.shownFans)), condition: condition)
            if ids.count > Self.shownFans { output.append("… and \(ids.count - Self.shownFans) more") }
        }
        return Response(output: output)
    }

    private func define(_ text: String) -> Response {
        let (found, files) = workspace.define(segment: text)
        guard found.isEmpty else { return diagnostics(found, files: files) }
        let name = text.dropFirst("segment".count).trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return Response(output: ["segment \(name) defined for this session"])
    }

    // MARK: Directives

    private func explain(_ expression: String) throws -> Response {
        guard !expression.isEmpty else { throw CLIError.usage(":explain takes a condition, e.g. :explain fan.is_subscribed") }
        let adHoc = workspace.adHoc(expression)
        guard adHoc.condition != nil, let program = adHoc.program else {
            return diagnostics(adHoc.diagnostics, files: workspace.files() + [adHoc.expressionFile])
        }
        let text = ProgramExplanation(program: program, subject: .segment(AdHocSegment.name)).text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty()
        // The block's head names the wrapper segment the condition is checked in;
        // the user typed a condition, and the `when` line below shows it.
        if let head = lines.first, head.hasPrefix("segment \(AdHocSegment.name)") {
            lines[0] = "condition typed at the prompt, evaluated over all fans"
        }
        return Response(output: lines)
    }

    private func fan(_ argument: String) throws -> Response {
        guard let id = Int64(argument) else {
            throw CLIError.usage(argument.contains(where: \.isWhitespace) ? ":fan takes one fan id, e.g. :fan 42; got '\(argument)'"
                                                                           : ":fan takes a fan id, e.g. :fan 42")
        }
        return Response(output: try ReplFanDossier(store: workspace.store, zone: workspace.zone,
                                                   terminalColumns: workspace.terminalColumns()).lines(for: id))
    }

    private func why(_ argument: String) throws -> Response {
        // `:why RULE FAN`: the rule's name may be quoted and contain spaces; the fan id is last.
        guard let split = argument.lastIndex(of: " "), let fan = Int64(argument[split...].trimmingCharacters(in: .whitespaces)) else {
            throw CLIError.usage(":why takes a rule name and a fan id, e.g. :why \"Thank big tippers\" 42")
        }
        var name = argument[..<split].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        // Checked here rather than left to `WhyCommand`, whose message names its `--fan` flag.
        try ReplFanDossier(store: workspace.store, zone: workspace.zone).requireFan(fan)
        let (program, found, files) = workspace.checkedProgram()
        guard let program else { return diagnostics(found, files: files) }
        guard let rule = program.rule(named: name) else {
            var message = "no rule named \"\(name)\" in the session's program"
            if let guess = Suggest.closest(to: name, among: program.rules.map(\.name)) { message += ". Did you mean \"\(guess)\"?" }
            throw CLIError.usage(message)
        }
        // The same report `rulec why` prints (Runtime's `WhyReport`), at the session's clock.
        let question = WhyReport.Question(rule: rule, program: program, files: files, fanID: fan, clock: workspace.now)
        let report = try WhyCommand.report(question, store: workspace.store, path: "the store")
        // Notes (such as "no event given") are messages, so they go to stderr like every other.
        return Response(output: report.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty(),
                        errors: report.notes.map { "note: " + $0 })
    }

    private func load(_ path: String) throws -> Response {
        guard !path.isEmpty else { throw CLIError.usage(":load takes a file or folder of .rules files") }
        let loaded = try ProgramLoader(workingDirectory: FileManager.default.currentDirectoryPath).load([path])
        let (found, files) = workspace.load(loaded)
        guard found.isEmpty else { return diagnostics(found, files: files) }
        let (program, _, _) = workspace.checkedProgram()
        let count = program.map { "\($0.segments.count) segments, \($0.constants.count) constants, \($0.rules.count) rules" } ?? ""
        return Response(output: ["loaded \(loaded.count) file\(loaded.count == 1 ? "" : "s"); the session now knows \(count)"])
    }

    private func now(_ argument: String) -> Response {
        if argument.isEmpty || argument == "clock" {
            workspace.fixedNow = nil
            return Response(output: ["now follows the clock (\(Value.timestamp(workspace.now)))"])
        }
        // The same reading as --now: the creator's zone, and no clock a century away.
        let seconds: Int64
        let systemClock = workspace.clock()
        switch TimestampText.resolve(argument, zone: workspace.zone, systemClock: systemClock) {
        case .success(let resolved): seconds = resolved
        case .failure(let problem):
            return Response(errors: [StoreOptions.clockMessage(problem, text: argument, name: ":now", systemClock: systemClock) + " (or `clock`)"])
        }
        workspace.fixedNow = seconds
        return Response(output: ["now is \(Value.timestamp(seconds))"])
    }

    /// Diagnostics as `check` prints them, on stderr, and the session goes on.
    private func diagnostics(_ diagnostics: [Diagnostic], files: [SourceFile]) -> Response {
        let text = TextRenderer(useColor: false).render(diagnostics, in: SourceFiles(files))
        return Response(errors: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty())
    }
}

extension Array where Element == String {
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
