import Foundation
import Store

/// The options every data command shares (RULEC.md): `--db`, `--user`, `--now`,
/// resolved from flags, then the environment, then defaults; and the mapping
/// of store failures to exit code 2 with a readable message.
struct StoreOptions {
    static let names = ["--db", "--user", "--now"]

    /// `--db FILE`, else `$RULEC_DB`, else `./crm.sqlite` in the working directory.
    static func databasePath(_ arguments: inout Arguments, _ context: CommandContext) throws -> String {
        let path = try arguments.option("--db") ?? context.environment["RULEC_DB"] ?? "crm.sqlite"
        guard !path.isEmpty else { throw CLIError.usage("--db needs a file name") }
        if path.hasPrefix("/") || path == ":memory:" { return path }
        return URL(fileURLWithPath: context.workingDirectory).appendingPathComponent(path).path
    }

    /// `--user ID`, else `$RULEC_USER`; a usage error when required and missing.
    static func userID(_ arguments: inout Arguments, _ context: CommandContext, required: Bool = true) throws -> String? {
        let user = try arguments.option("--user") ?? context.environment["RULEC_USER"]
        if let user, !user.isEmpty { return user }
        if required { throw CLIError.usage("--user ID is required (or set RULEC_USER): the creator whose data is touched") }
        return nil
    }

    /// `--now T` as Unix seconds, or nil when not given.
    static func now(_ arguments: inout Arguments) throws -> Int64? {
        guard let text = try arguments.option("--now") else { return nil }
        guard let seconds = parseTimestamp(text) else {
            throw CLIError.usage("--now takes ISO 8601 with Z or an offset (2026-11-24T09:00:00Z) or Unix seconds, not '\(text)'")
        }
        return seconds
    }

    /// ISO 8601 date-time with `Z` or an offset (fractional seconds allowed), or whole Unix seconds.
    static func parseTimestamp(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// Opens (creating or migrating) the store, turning failures into CLI errors.
    static func openStore(at path: String) throws -> Store {
        do { return try Store.open(path: path) } catch { throw cliError(error, path: path) }
    }

    /// Store and SQLite failures as exit-code-2 errors with a message a user can act on.
    static func cliError(_ error: Error, path: String) -> Error {
        switch error {
        case let error as StoreError:
            return CLIError.io(error.description)
        case let error as SQLiteError where error.isBusy:
            return CLIError.io("database \(path) is locked by another process (gave up after the busy timeout); try again")
        case let error as SQLiteError:
            return CLIError.io("database \(path): \(error.message)")
        default:
            return error
        }
    }
}
