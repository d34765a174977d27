import Foundation
import Planning
import Store

/// The options every data command shares (RULEC.md): `--db`, `--user`, `--now`,
/// resolved from flags, then the environment, then defaults; and the mapping
/// of store failures to exit code 2 with a readable message.
///
/// A data command reads them once with `read`, takes its positionals, then
/// calls `open` for a `StoreSession`: the one preamble every command shares.
struct StoreOptions {
    static let names = ["--db", "--user", "--now"]

    /// The store's file, absolute (or `:memory:`).
    let databasePath: String
    /// `--user`, else `$RULEC_USER`; nil only where the command allows it.
    let user: String?
    /// `--now` as typed (known to parse); read in the creator's zone once the store is open.
    let nowText: String?

    /// Reads `--db`, `--user` and `--now` from the arguments and environment.
    /// A missing user (when `userRequired`) and an unreadable `--now` are usage errors.
    static func read(_ arguments: inout Arguments, _ context: CommandContext, userRequired: Bool = true) throws -> StoreOptions {
        let path = try databasePath(&arguments, context)
        let user = try userID(&arguments, context, required: userRequired)
        let text = try arguments.option("--now")
        let options = StoreOptions(databasePath: path, user: user, nowText: text)
        if let text {
            guard let parsed = TimestampText(parsing: text) else { throw CLIError.usage(unreadableClock(text, name: "--now")) }
            // A time with its zone can be checked before any file is touched.
            if !parsed.needsZone { _ = try options.clock(zone: TimeZone(identifier: "UTC")!, context) }
        }
        return options
    }

    /// The preamble of every data command that has a creator: opens the store
    /// without ever creating it (read-only for `.read`), refuses a creator the
    /// store does not know, and fixes the clock in the creator's zone.
    func open(_ access: StoreSession.Access, _ context: CommandContext) throws -> StoreSession {
        guard let user else { throw CLIError.usage(Self.userRequiredMessage) }
        let store: Store
        do { store = try EngineStore.openExisting(path: databasePath, readOnly: access == .read) } catch {
            throw Self.cliError(error, path: databasePath)
        }
        try Self.requireCreator(user, in: store, path: databasePath)
        if store.database.readsFileWithoutLog, let size = try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int,
           size > 0 {
            context.standardError.print("rulec: note: \(databasePath)-wal holds changes that cannot be read here (the folder cannot be "
                                        + "written, so SQLite cannot index them); the answer is from the main file without them")
        }
        let creator = store.creator(user)
        let zone: TimeZone
        do { zone = try CreatorTimeZone.load(from: creator) } catch { throw Self.cliError(error, path: databasePath) }
        return StoreSession(store: store, creator: creator, path: databasePath, zone: zone,
                            fixedNow: try clock(zone: zone, context), clock: context.clock)
    }

    /// `--now` in `zone`, checked against the system clock; nil without `--now`.
    func clock(zone: TimeZone, _ context: CommandContext) throws -> Int64? {
        guard let nowText else { return nil }
        return try Self.resolveClock(nowText, zone: zone, systemClock: context.clock(), name: "--now")
    }

    // MARK: The parts, for the commands that create a store (db init, db seed, demo)

    /// `--db FILE`, else `$RULEC_DB`, else `./crm.sqlite` in the working directory.
    static func databasePath(_ arguments: inout Arguments, _ context: CommandContext) throws -> String {
        let path = try arguments.option("--db") ?? context.environment["RULEC_DB"] ?? "crm.sqlite"
        guard !path.isEmpty else { throw CLIError.usage("--db needs a file name") }
        return resolve(path, context)
    }

    /// A path as given, made absolute against the working directory.
    static func resolve(_ path: String, _ context: CommandContext) -> String {
        if path.hasPrefix("/") || path == ":memory:" || Database.isPostgresURL(path) { return path }
        return URL(fileURLWithPath: context.workingDirectory).appendingPathComponent(path).path
    }

    static let userRequiredMessage = "--user ID is required (or set RULEC_USER): the creator whose data is touched"

    /// `--user ID`, else `$RULEC_USER`; a usage error when required and missing.
    static func userID(_ arguments: inout Arguments, _ context: CommandContext, required: Bool = true) throws -> String? {
        let user = try arguments.option("--user") ?? context.environment["RULEC_USER"]
        if let user, !user.isEmpty { return user }
        if required { throw CLIError.usage(userRequiredMessage) }
        return nil
    }

    /// `--now T` for a command without a creator: a time without a zone is UTC.
    static func now(_ arguments: inout Arguments, _ context: CommandContext) throws -> Int64? {
        guard let text = try arguments.option("--now") else { return nil }
        return try resolveClock(text, zone: TimeZone(identifier: "UTC")!, systemClock: context.clock(), name: "--now")
    }

    // MARK: Clock texts (`--now`, the REPL's `:now`)

    /// `text` as Unix seconds in `zone`, or a usage error worded for `name`.
    static func resolveClock(_ text: String, zone: TimeZone, systemClock: Int64, name: String) throws -> Int64 {
        switch TimestampText.resolve(text, zone: zone, systemClock: systemClock) {
        case .success(let seconds): return seconds
        case .failure(let problem): throw CLIError.usage(clockMessage(problem, text: text, name: name, systemClock: systemClock))
        }
    }

    static func unreadableClock(_ text: String, name: String) -> String {
        "\(name) takes an ISO 8601 date or time (2026-11-25, 2026-11-25T10:00, 2026-11-25T10:00:00Z, "
            + "2026-11-25T10:00:00+01:00) or Unix seconds, not '\(text)'"
    }

    static func clockMessage(_ problem: TimestampText.Problem, text: String, name: String, systemClock: Int64) -> String {
        switch problem {
        case .unreadable:
            return unreadableClock(text, name: name)
        case .looksLikeMilliseconds(let seconds):
            return "\(name) \(text) looks like milliseconds: as Unix seconds it is thousands of years away; "
                + "in seconds it is \(seconds) (\(Time.iso8601(seconds)))"
        case .tooFar(let seconds):
            let (distance, overflow) = seconds.subtractingReportingOverflow(systemClock)
            let years = overflow ? "billions of" : String(distance.magnitude / UInt64(Time.secondsPerDay * 365))
            return "\(name) \(text) is \(years) years from the system clock (\(Time.iso8601(systemClock))); "
                + "a clock more than 100 years away is refused as a mistake"
        }
    }

    // MARK: Creators and failures

    /// Refuses a creator without a `creator_profiles` row: exit 2, with a
    /// did-you-mean, and the store's creators when they are few.
    static func requireCreator(_ user: String, in store: Store, path: String) throws {
        let path = Database.shown(path)
        let known: [String]
        do {
            if try store.hasCreator(user) { return }
            known = try store.creatorIDs()
        } catch { throw cliError(error, path: path) }
        var message = "creator '\(user)' is not in \(path) (it has no creator_profiles row)"
        if known.isEmpty {
            message += "; the store has no creators yet: `rulec db seed --user ID` adds one"
        } else {
            if let guess = Suggest.closest(to: user, among: known) { message += ". Did you mean '\(guess)'?" }
            message += known.count <= 10
                ? "\nCreators in this store: " + known.joined(separator: ", ")
                : "\nThe store has \(known.count) creators"
        }
        throw CLIError.io(message)
    }

    /// Opens (creating or migrating) the store, turning failures into CLI errors.
    /// Only `db init`, `db seed` and `demo` may create a store.
    static func openStore(at path: String) throws -> Store {
        do { return try Store.open(path: path) } catch { throw cliError(error, path: path) }
    }

    /// Store and SQLite failures as exit-code-2 errors with a message a user can act on.
    static func cliError(_ error: Error, path: String) -> Error {
        let path = Database.shown(path)
        switch error {
        case let error as StoreError:
            return CLIError.io(error.description)
        case let error as SQLiteError where error.isBusy:
            return CLIError.io("database \(path) is locked by another process (gave up after the busy timeout); try again")
        case let error as SQLiteError where error.isReadOnly:
            return CLIError.io("database \(path) cannot be written (read-only file or folder), and this command writes: \(error.message)")
        case let error as SQLiteError:
            return CLIError.io("database \(path): \(error.message)")
        default:
            return error
        }
    }
}
