import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `rulec segment eval 'EXPR'`: an ad-hoc condition over the creator's fans,
/// answered by the same plans segments use.
struct SegmentEvalCommand: Command {
    static let path = ["segment", "eval"]
    static let summary = "Count and list the fans matching a condition"
    static let help = """
        Usage: rulec segment eval 'EXPR' [--limit N] [--format text|json] [--rules PATH]...
                                  [--db FILE] [--user ID] [--now T]

        Evaluates EXPR as the body of a segment over all of the creator's fans and prints
        how many match and the first of them (ascending ids). EXPR may use the segments and
        constants of the deployed program, or of the files given with --rules instead.
        'now' is --now, else the clock; dates and hours use the creator's time zone.

        Options:
          --limit N     list at most N fans (default 20); 0 lists all
          --format F    text (default) or json: {"count":N,"fan_ids":[...]}
          --rules PATH  a .rules file or folder whose segments and constants EXPR may use
                        (repeatable); without it, the creator's deployed program
          --db FILE     the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID     the creator (default $RULEC_USER)
          --now T       the clock: ISO 8601 or Unix seconds

        Exit status: 0 evaluated, 1 EXPR or the program has errors, 2 usage or I/O error.
        """

    static let defaultLimit = 20
    static let knownOptions = ["--limit", "--format", "--rules"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat(option: arguments.option("--format"))
        let limit = try arguments.intOption("--limit") ?? defaultLimit
        guard limit >= 0 else { throw CLIError.usage("--limit must be zero (all) or more, not \(limit)") }
        let rulesPaths = try ProgramSource.paths(&arguments)
        let options = try StoreOptions.read(&arguments, context)
        let positionals = try arguments.positionals(known: knownOptions)
        guard positionals.count == 1, let expression = positionals.first else {
            throw CLIError.usage("segment eval takes one condition, quoted: rulec segment eval 'fan.lifetime_spend >= $500'")
        }

        let started = ContinuousClock.now
        let session = try options.open(.read, context)
        let store = session.creator, now = session.now
        let files = rulesPaths.isEmpty
            ? try ProgramSource.deployedFiles(store) ?? []
            : try ProgramLoader(workingDirectory: context.workingDirectory).load(rulesPaths)
        let adHoc = AdHocSegment(expression, program: files)
        // Errors anywhere stop the evaluation; warnings only about the expression itself (notes such as
        // "segment __eval is unused" describe the wrapper, not what the user typed).
        let ownDiagnostics = adHoc.diagnostics.filter {
            $0.severity == .error || ($0.severity == .warning && $0.range.file == adHoc.expressionFile.id)
        }
        if !ownDiagnostics.isEmpty {
            ProgramSource.reportAll(ownDiagnostics, in: files + [adHoc.expressionFile], context: context)
        }
        guard let program = adHoc.program, let condition = adHoc.condition else { throw CLIError.inputHasErrors }

        let fanIDs: [Int64]
        do {
            let evaluation = EvaluationContext(now: now, zone: session.zone)
            let estimator = PlanEstimator(store: store, program: program, context: evaluation)
            let plan = PlanBuilder.plan(condition, program: program, scope: .allFans, estimator: estimator)
            fanIDs = try PlanExecutor(store: store, program: program).fanIDs(plan, context: evaluation)
        } catch {
            throw StoreOptions.cliError(error, path: session.path)
        }
        let elapsed = ContinuousClock.now - started
        let shown = limit == 0 ? fanIDs : Array(fanIDs.prefix(limit))

        switch format {
        case .json:
            let json: JSONValue = ["count": .int(fanIDs.count), "fan_ids": .array(shown.map { .int(Int($0)) })]
            context.standardOutput.print(json.serialized())
        case .text:
            let names = try displayNames(of: shown, store: store)
            context.standardOutput.print(SegmentEvalText.render(count: fanIDs.count, elapsed: elapsed, shown: shown, names: names))
        }
        return .success
    }

    /// Display names of the listed fans, read in chunks below SQLite's parameter limit.
    static func displayNames(of ids: [Int64], store: CreatorStore) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try store.forEachRow("SELECT id, display_name FROM fan_profiles WHERE user_id = :user AND id IN (\(marks))",
                                 chunk.map(SQLValue.integer)) { names[$0.int64(0)] = $0.optionalString(1) ?? "" }
        }
        return names
    }
}

/// The text answer of `segment eval`: the count and time, then a small table.
enum SegmentEvalText {
    static func render(count: Int, elapsed: Duration, shown: [Int64], names: [Int64: String]) -> String {
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        var lines = ["\(count) fan\(count == 1 ? "" : "s") match (" + String(format: "%.1f", milliseconds) + " ms)"]
        guard !shown.isEmpty else { return lines.joined(separator: "\n") }
        lines.append(shown.count < count ? "first \(shown.count):" : "")
        let width = max(2, shown.map { String($0).count }.max() ?? 2)
        lines.append("  " + "id".padding(toLength: width, withPad: " ", startingAt: 0) + "  display_name")
        for id in shown {
            lines.append("  " + String(id).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + (names[id] ?? ""))
        }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
