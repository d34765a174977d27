import Syntax

/// Why a deploy (or loading what was deployed) did not happen.
public enum DeployError: Error, CustomStringConvertible {
    /// The program has errors; nothing was written. The diagnostics are those
    /// `rulec check` would print, warnings included.
    case programHasErrors(diagnostics: [Diagnostic])
    /// The source checks, but not together with the declarations the deployed
    /// program keeps (a kept rule uses a name the source now declares as
    /// something else). `files` are the source's files, then the kept ones, for
    /// rendering; deploy the kept files too, or `--prune` them.
    case keptDeclarationsHaveErrors(diagnostics: [Diagnostic], files: [SourceFile])
    /// The text kept in `automation_programs` no longer checks (a newer rulec
    /// changed the language); deploy again to fix it.
    case deployedProgramInvalid(programID: Int64, diagnostics: [Diagnostic])
    /// `files_json` of a deployed program is not the JSON deploy writes.
    case corruptProgramText(programID: Int64?, reason: String)
    /// A rule of the deployed program has no `automation_rules` row (edited by hand?).
    case ruleRowMissing(String)

    public var description: String {
        switch self {
        case .programHasErrors(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "the program has \(Plural.noun(errors, "error")); nothing was deployed"
        case .keptDeclarationsHaveErrors(let diagnostics, _):
            return "the rules kept from the deployed program no longer check with this source (\(Plural.noun(diagnostics.count, "error"))); "
                + "deploy their files too, or use --prune; nothing was deployed"
        case .deployedProgramInvalid(let id, let diagnostics):
            return "the deployed program (#\(id)) no longer checks (\(diagnostics.count) diagnostics); deploy it again"
        case .corruptProgramText(let id, let reason):
            return "the deployed program\(id.map { " (#\($0))" } ?? "") cannot be read: \(reason)"
        case .ruleRowMissing(let name):
            return "rule \"\(name)\" is in the deployed program but has no automation_rules row; deploy again"
        }
    }
}
