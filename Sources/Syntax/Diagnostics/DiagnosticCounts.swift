/// How many diagnostics of each severity a report holds; every output format
/// ends with these numbers (the text summary line, JSON's `errors`/`warnings`).
public struct DiagnosticCounts: Hashable, Sendable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// `2 errors, 1 warning`; zero counts are left out, and a clean report has
    /// no summary at all (`nil`), so that silence means success.
    public var summary: String? {
        let parts = [(errors, "error"), (warnings, "warning"), (notes, "note")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension Array where Element == Diagnostic {
    /// `--strict`: every warning becomes an error, in the counts, the exit code
    /// and the printed severity alike, so the output never disagrees with the
    /// exit status. The code keeps its `W` id, which still says what it is.
    public func promotingWarningsToErrors() -> [Diagnostic] {
        map { diagnostic in
            var promoted = diagnostic
            if promoted.severity == .warning { promoted.severity = .error }
            return promoted
        }
    }
}
