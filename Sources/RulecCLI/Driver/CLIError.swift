/// Failures of the command line itself, as typed values; `Exit` maps them to
/// the exit codes of RULEC.md (2 for usage and I/O).
public enum CLIError: Error, Equatable {
    case usage(String)
    case io(String)
    /// The input had errors that were already reported (diagnostics, failed checks).
    case inputHasErrors

    public var message: String {
        switch self {
        case .usage(let m): "usage: \(m)"
        case .io(let m): m
        case .inputHasErrors: "the input has errors"
        }
    }
}

/// Exit codes are part of the contract (RULEC.md).
public enum ExitCode: Int32 {
    case success = 0
    case inputErrors = 1
    case usageOrIO = 2
}
