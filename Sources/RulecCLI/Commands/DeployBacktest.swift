import Planning
import Runtime
import Store
import Syntax

/// `rulec deploy --dry-run --simulate --from T [--to T]`: after the plan, the
/// backtest of what the deploy changes (docs/SIMULATE.md): the program as the
/// deploy would leave it against the deployed one, shown for the rules the
/// plan adds, changes or prunes.
struct DeployBacktest {
    static let options = ["--from", "--to"]

    let fromText: String
    let toText: String?

    /// Nil without `--simulate`; `--simulate` needs `--dry-run` and `--from`.
    static func read(_ arguments: inout Arguments, dryRun: Bool) throws -> DeployBacktest? {
        let simulate = arguments.flag("--simulate")
        let from = try arguments.option("--from")
        let to = try arguments.option("--to")
        guard simulate else {
            if from != nil || to != nil { throw CLIError.usage("--from and --to go with --simulate") }
            return nil
        }
        guard dryRun else { throw CLIError.usage("--simulate goes with --dry-run: a backtest before deploying, not after") }
        guard let from else { throw CLIError.usage("--simulate needs --from T: the start of the window to replay") }
        return DeployBacktest(fromText: from, toText: to)
    }

    func run(files: [SourceFile], plan: DeployPlan, prune: Bool, session: StoreSession, context: CommandContext) throws {
        let from = try StoreOptions.resolveClock(fromText, zone: session.zone, systemClock: context.clock(), name: "--from")
        let to = try toText.map { try StoreOptions.resolveClock($0, zone: session.zone, systemClock: context.clock(), name: "--to") } ?? session.now
        guard from <= to else { throw CLIError.usage("--from (\(Time.iso8601(from))) is after --to (\(Time.iso8601(to))): the window is empty") }
        let changed = Set(plan.added.filter { $0.kind == .rule }.map(\.name) + plan.changed.filter { $0.kind == .rule }.map(\.name)
                          + plan.pruned.map(\.name))
        do {
            let new = try session.guarded { try Simulation(from: from, to: to, files: files, prune: prune).run(source: session.creator) }
            let comparison: SimulationComparison
            if try ProgramSource.deployedFiles(session.creator) == nil {
                comparison = SimulationComparison(deployed: SimulationReport(from: from, to: to), new: new)
            } else {
                let deployed = try session.guarded { try Simulation(from: from, to: to).run(source: session.creator) }
                comparison = SimulationComparison(deployed: deployed, new: new)
            }
            var shown = new
            shown.rules = new.rules.filter { changed.contains($0.rule) }
            var differences = comparison
            differences.rules = comparison.rules.filter { changed.contains($0.rule) }
            context.standardOutput.print("")
            if differences.rules.isEmpty {
                context.standardOutput.print("Backtest from \(Time.iso8601(from)) to \(Time.iso8601(to)): no rule changes, nothing to compare")
                return
            }
            SimulateCommand.text(shown, fans: false, comparison: differences).forEach { context.standardOutput.print($0) }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.io("simulate: \(error)")
        }
    }
}
