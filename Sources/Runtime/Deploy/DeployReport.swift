import Syntax

/// What a deploy did, by name. "Changed" means the compiled plan changed and
/// the version was bumped (or, for a segment, its definition or plan changed).
public struct DeployReport: Sendable {
    public var programID: Int64 = 0
    public var segmentsAdded: [String] = []
    public var segmentsChanged: [String] = []
    public var segmentsUnchanged: [String] = []
    public var rulesAdded: [String] = []
    public var rulesChanged: [String] = []
    public var rulesUnchanged: [String] = []
    /// Rules deployed before but gone from this program: paused, not deleted.
    public var rulesPaused: [String] = []
    /// True when this was the creator's first deploy (cursors were started at the end of every source).
    public var isFirstDeploy = false
    /// Warnings and notes of the check (the deploy went ahead).
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// One line per group, for `rulec deploy`'s text output.
    public var summaryLines: [String] {
        func line(_ label: String, _ names: [String]) -> String? {
            names.isEmpty ? nil : "  \(label): " + names.joined(separator: ", ")
        }
        let counts = "deployed program #\(programID): "
            + "segments \(segmentsAdded.count) added, \(segmentsChanged.count) changed, \(segmentsUnchanged.count) unchanged; "
            + "rules \(rulesAdded.count) added, \(rulesChanged.count) changed, \(rulesUnchanged.count) unchanged, \(rulesPaused.count) paused"
        return [counts] + [
            line("rules added", rulesAdded), line("rules changed", rulesChanged), line("rules paused (gone from the source)", rulesPaused),
            line("segments added", segmentsAdded), line("segments changed", segmentsChanged),
        ].compactMap { $0 }
    }

    /// The report as data, for `rulec deploy --format json`.
    public var json: JSONValue {
        func names(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        return .object([
            ("program_id", .int(Int(programID))),
            ("first_deploy", .bool(isFirstDeploy)),
            ("segments", .object([("added", names(segmentsAdded)), ("changed", names(segmentsChanged)), ("unchanged", names(segmentsUnchanged))])),
            ("rules", .object([("added", names(rulesAdded)), ("changed", names(rulesChanged)), ("unchanged", names(rulesUnchanged)),
                               ("paused", names(rulesPaused))])),
        ])
    }
}
