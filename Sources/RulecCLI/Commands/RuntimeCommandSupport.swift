/// What `deploy`, `pause`, `resume` and `hitl` share: the store session of
/// every data command (`StoreSession`), opened straight from the arguments,
/// and how a refusal is reported (a message on stderr, exit code 1).
typealias RuntimeCommandSupport = StoreSession

extension StoreSession {
    /// Reads `--db`, `--user` (required) and `--now`, then opens the store as
    /// `StoreOptions.open` does (never creating it; read-only for `.read`).
    static func open(_ arguments: inout Arguments, _ context: CommandContext, access: Access = .write) throws -> StoreSession {
        try StoreOptions.read(&arguments, context).open(access, context)
    }

    /// Prints why the input was refused and returns exit code 1.
    static func refuse(_ message: String, _ context: CommandContext) -> ExitCode {
        context.standardError.print("rulec: " + message)
        return .inputErrors
    }

    static let commonOptions = StoreOptions.names
}
