import Foundation
import Planning
import Store

/// What `deploy`, `pause`, `resume` and `hitl` share: the creator-scoped
/// engine store (with the SQL functions plans call), the clock, and how a
/// refusal is reported (a message on stderr, exit code 1).
struct RuntimeCommandSupport {
    let store: Store
    let creator: CreatorStore
    let path: String
    let now: Int64

    /// Reads `--db`, `--user` (required) and `--now` (default: the system clock), then opens the store.
    static func open(_ arguments: inout Arguments, _ context: CommandContext) throws -> RuntimeCommandSupport {
        let path = try StoreOptions.databasePath(&arguments, context)
        let user = try StoreOptions.userID(&arguments, context)!
        let now = try StoreOptions.now(&arguments) ?? context.clock()
        let store: Store
        do { store = try EngineStore.open(path: path) } catch { throw StoreOptions.cliError(error, path: path) }
        return RuntimeCommandSupport(store: store, creator: store.creator(user), path: path, now: now)
    }

    /// Runs `body`, turning store failures into exit-code-2 errors.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SQLiteError { throw StoreOptions.cliError(error, path: path) }
        catch let error as StoreError { throw StoreOptions.cliError(error, path: path) }
    }

    /// Prints why the input was refused and returns exit code 1.
    static func refuse(_ message: String, _ context: CommandContext) -> ExitCode {
        context.standardError.print("rulec: " + message)
        return .inputErrors
    }

    static let commonOptions = ["--db", "--user", "--now"]
}
