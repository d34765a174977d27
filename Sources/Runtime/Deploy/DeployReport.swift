import Syntax

/// What a deploy did (or, dry, would do): its plan, the program row it wrote,
/// and the check's warnings.
public struct DeployReport: Sendable {
    public var plan = DeployPlan()
    /// The `automation_programs` row written; 0 for a dry run.
    public var programID: Int64 = 0
    /// Warnings and notes of the check, in the files given (the deploy went ahead).
    public var diagnostics: [Diagnostic] = []

    public init() {}

    public var isFirstDeploy: Bool { plan.isFirstDeploy }
    public var segmentsAdded: [String] { plan.names(.segment, in: plan.added) }
    public var segmentsChanged: [String] { plan.changed.filter { $0.kind == .segment }.map(\.name) }
    public var segmentsUnchanged: [String] { plan.names(.segment, in: plan.unchanged) }
    public var rulesAdded: [String] { plan.names(.rule, in: plan.added) }
    public var rulesChanged: [String] { plan.changed.filter { $0.kind == .rule }.map(\.name) }
    public var rulesUnchanged: [String] { plan.names(.rule, in: plan.unchanged) }
    /// Rules `--prune` paused.
    public var rulesPruned: [String] { plan.pruned.map(\.name) }
    /// Rules the source does not mention, left as they were.
    public var rulesKept: [String] { plan.kept.map(\.name) }

    /// The plan's lines, then what was written.
    public var summaryLines: [String] {
        plan.textLines + [plan.isDryRun ? "dry run: nothing was written" : "deployed program #\(programID)"]
    }

    /// The plan as data (RULEC.md pins exactly its keys).
    public var json: JSONValue { plan.json }
}
