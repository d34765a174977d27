import Foundation
import Planning
import Runtime
import Store
import Syntax

/// `rulec simulate`: a backtest of a program over the creator's real history
/// (RULEC.md "Testing and backtesting"; docs/SIMULATE.md). The work is the
/// Runtime's `Simulation`; this parses flags and prints.
struct SimulateCommand: Command {
    static let path = ["simulate"]
    static let summary = "Backtest a program over the store's history: what it would have done"
    static let help = """
        Usage: rulec simulate [PATH...] --from T [--to T] [--compare] [--fans] [--format text|json]
                              [--now T] [--db FILE] [--user ID]

        Replays the creator's events with times in [from, to] and the schedule slots in that
        window through the program in PATH (default: the deployed program), with the same
        engine 'rulec run' uses, each event over the state of its moment, and reports what
        would have happened: per rule, firings, fans, actions, approvals and fans held back
        by cooldown or limit. It works on a private copy; the store is only read.

        Options:
          --from T      start of the window (ISO 8601 or Unix seconds; required)
          --to T        end of the window (default: --now, else the system clock)
          --compare     also simulate the deployed program and show, per rule, the fans
                        both reach, only the deployed one reaches, only PATH reaches
          --fans        list each rule's fan ids
          --format F    text (default) or json: {"from","to","events","rules":[...],"caveats":[...]}
          --db FILE, --user ID, --now T   as for every data command

        Exit status: 0 simulated, 1 the program has errors, 2 usage or I/O error.
        """

    static let knownOptions = ["--from", "--to", "--format"] + StoreOptions.names
    static let exampleCount = 5

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        guard let fromText = try arguments.option("--from") else {
            throw CLIError.usage("simulate needs --from T: the start of the window to replay")
        }
        let toText = try arguments.option("--to")
        let compare = arguments.flag("--compare")
        let listFans = arguments.flag("--fans")
        let json: Bool
        switch try arguments.option("--format") ?? "text" {
        case "text": json = false
        case "json": json = true
        case let other: throw CLIError.usage("--format takes text or json, not '\(other)'")
        }
        let options = try StoreOptions.read(&arguments, context)
        let paths = try arguments.positionals(known: knownOptions)
        if compare && paths.isEmpty { throw CLIError.usage("--compare needs the PATH of the new program to compare with the deployed one") }

        let session = try options.open(.read, context)
        let from = try StoreOptions.resolveClock(fromText, zone: session.zone, systemClock: context.clock(), name: "--from")
        let to = try toText.map { try StoreOptions.resolveClock($0, zone: session.zone, systemClock: context.clock(), name: "--to") } ?? session.now
        guard from <= to else { throw CLIError.usage("--from (\(Time.iso8601(from))) is after --to (\(Time.iso8601(to))): the window is empty") }
        let files = paths.isEmpty ? nil : try ProgramLoader(workingDirectory: context.workingDirectory).load(paths)
        if let files { _ = try ProgramSource.checked(files, context: context) }
        if files == nil || compare, try ProgramSource.deployedFiles(session.creator) == nil {
            throw CLIError.usage("creator \(session.creator.userID) has no deployed program in this store; give the PATH of the program to simulate")
        }

        let report: SimulationReport
        var comparison: SimulationComparison?
        do {
            report = try session.guarded { try Simulation(from: from, to: to, files: files).run(source: session.creator) }
            if compare {
                let deployed = try session.guarded { try Simulation(from: from, to: to).run(source: session.creator) }
                comparison = SimulationComparison(deployed: deployed, new: report)
            }
        } catch DeployError.programHasErrors(let diagnostics) {
            ProgramSource.report(diagnostics, in: files ?? [], context: context)
            return .inputErrors
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.io("simulate: \(error)")
        }
        if json {
            context.standardOutput.print(Self.json(report, fans: listFans, comparison: comparison).serialized())
        } else {
            Self.text(report, fans: listFans, comparison: comparison).forEach { context.standardOutput.print($0) }
        }
        return .success
    }

    static func json(_ report: SimulationReport, fans: Bool, comparison: SimulationComparison?) -> JSONValue {
        let rules = report.rules.map { rule -> JSONValue in
            var fields: [(key: String, value: JSONValue)] = [
                ("rule", .string(rule.rule)), ("fired", .int(rule.fired)), ("fans", .int(rule.fans)), ("held_back", .int(rule.heldBack)),
                ("actions", .object(["send", "tag", "untag", "note"].map { ($0, .int(rule.actions[$0] ?? 0)) })),
                ("queued_for_approval", .int(rule.queuedForApproval)), ("held_by_policy", .int(rule.heldByPolicy)),
            ]
            if fans { fields.append(("fan_ids", .array(rule.fanIDs.map { .int(Int($0)) }))) }
            return .object(fields)
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("from", .string(Time.iso8601(report.from))), ("to", .string(Time.iso8601(report.to))), ("events", .int(report.events)),
            ("rules", .array(rules)), ("caveats", .array(report.caveats.map(JSONValue.string))),
        ]
        if let comparison {
            fields.append(("compare", .array(comparison.rules.map { difference in
                .object([
                    ("rule", .string(difference.rule)), ("in", .string(difference.presence)),
                    ("both", .int(difference.both.count)), ("only_deployed", .int(difference.onlyDeployed.count)),
                    ("only_new", .int(difference.onlyNew.count)),
                    ("examples", .object([
                        ("only_deployed", .array(difference.onlyDeployed.prefix(exampleCount).map { .int(Int($0)) })),
                        ("only_new", .array(difference.onlyNew.prefix(exampleCount).map { .int(Int($0)) })),
                    ])),
                ])
            })))
        }
        return .object(fields)
    }

    static func text(_ report: SimulationReport, fans: Bool, comparison: SimulationComparison?) -> [String] {
        var lines = ["Backtest from \(Time.iso8601(report.from)) to \(Time.iso8601(report.to)): \(report.events) events replayed", ""]
        let policy = report.rules.contains { $0.heldByPolicy > 0 }
        var rows = [["rule", "fired", "fans", "sends", "queued for approval", "held back"] + (policy ? ["held by policy"] : [])]
        for rule in report.rules {
            rows.append([rule.rule, "\(rule.fired)", "\(rule.fans)", "\(rule.actions["send"] ?? 0)", "\(rule.queuedForApproval)", "\(rule.heldBack)"]
                        + (policy ? ["\(rule.heldByPolicy)"] : []))
        }
        lines += TextTable.lines(rows)
        if policy {
            // Which limit held them, per rule (LANGUAGE.md §11).
            lines += ["", "Held by the policy:"]
            for rule in report.rules where rule.heldByPolicy > 0 {
                let reasons = rule.heldByPolicyReasons.sorted { $0.key < $1.key }.map { reason, count in
                    reason.hasPrefix("quiet hours") ? "\(count) deferred to the end of \(reason)" : "\(count) skipped by \(reason)"
                }
                lines.append("- \(rule.rule): " + reasons.joined(separator: "; "))
            }
        }
        if fans {
            lines.append("")
            for rule in report.rules where !rule.fanIDs.isEmpty {
                lines.append("\(rule.rule): fans \(rule.fanIDs.map(String.init).joined(separator: ", "))")
            }
        }
        if let comparison {
            lines += ["", "Compared with the deployed program:"]
            var rows = [["rule", "both", "only deployed", "only new", "examples"]]
            for difference in comparison.rules {
                let examples = (difference.onlyNew.prefix(exampleCount).map { "+\($0)" } + difference.onlyDeployed.prefix(exampleCount).map { "-\($0)" })
                    .joined(separator: " ")
                let name = difference.presence == "both" ? difference.rule : "\(difference.rule) (\(difference.presence == "new" ? "new" : "not in PATH"))"
                rows.append([name, "\(difference.both.count)", "\(difference.onlyDeployed.count)", "\(difference.onlyNew.count)", examples])
            }
            lines += TextTable.lines(rows)
        }
        if !report.caveats.isEmpty {
            lines += ["", "Caveats:"] + report.caveats.map { "- " + $0 }
        }
        return lines
    }
}
