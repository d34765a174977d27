/// Failures of the store above SQLite itself (those are `SQLiteError`).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file was written by a newer rulec: its schema has migrations this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A creator-scoped statement lacked the `:user` parameter.
    case unscopedQuery(sql: String)
    /// Seeding refuses to add a second synthetic CRM on top of a creator's existing rows.
    case creatorAlreadySeeded(userID: String)
    /// A command that never creates a store was pointed at a file that does not exist.
    case noStore(path: String)
    /// The file exists but holds no rulec schema (an empty or foreign file).
    case notAStore(path: String)
    /// A read-only open met an older schema and the file cannot be written to migrate it.
    case needsMigration(path: String, found: Int, supported: Int, reason: String)
    /// A caller passed a value the store cannot accept (a negative fan count, an empty user id).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            "\(path) has schema version \(found), newer than this rulec supports (\(supported)); upgrade rulec to open it"
        case .unscopedQuery(let sql):
            "creator-scoped SQL must bind :user, and this does not: \(sql)"
        case .creatorAlreadySeeded(let userID):
            "creator '\(userID)' already has fans in this store; seed another --user or a new --db file"
        case .noStore(let path):
            "no store at \(path); create one with `rulec db init --db \(path)` (or `rulec db seed`)"
        case .notAStore(let path):
            "\(path) is not a rulec store (it has no schema); `rulec db init --db \(path)` makes it one"
        case .needsMigration(let path, let found, let supported, let reason):
            "\(path) has schema version \(found) and this rulec needs \(supported), but it cannot be migrated here (\(reason)); "
                + "run `rulec db init --db \(path)` where the file can be written"
        case .invalidArgument(let message):
            message
        }
    }
}
