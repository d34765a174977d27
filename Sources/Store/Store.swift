import Foundation

/// The CRM store: a database file opened, migrated to the latest schema, and
/// ready to hand out creator-scoped handles.
///
/// Two ways in (RULEC.md "Safety of everyday use"): `open` creates a missing
/// file (for `db init`, `db seed`, `demo`); `openExisting` never does, and
/// with `readOnly` never writes either, so reading commands work on a file or
/// folder the user cannot write.
public final class Store {
    public let database: Database

    /// Opens the store at `path`, creating the file or migrating an older one.
    /// A file written by a newer rulec throws `StoreError.newerSchema`.
    public static func open(path: String, options: Database.Options = Database.Options()) throws -> Store {
        let database = try Database(path: path, options: options)
        try Migrator.migrate(database)
        return Store(database: database)
    }

    /// Opens a store that must already exist: a missing file is `StoreError.noStore`,
    /// a file without rulec's schema `StoreError.notAStore`. Read-write, an older
    /// file is migrated. Read-only, the connection never writes; an older file is
    /// migrated through a short read-write connection first if the file can be
    /// written, and is otherwise `StoreError.needsMigration`.
    public static func openExisting(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32 = 5_000) throws -> Store {
        guard path == ":memory:" || Database.isPostgresURL(path) || FileManager.default.fileExists(atPath: path) else {
            throw StoreError.noStore(path: path)
        }
        let access: Database.Access = readOnly ? .readOnly : .readWrite
        let database = try Database(path: path, options: Database.Options(busyTimeoutMilliseconds: busyTimeoutMilliseconds, access: access))
        let found = try Migrator.currentVersion(of: database)
        let supported = Migration.all(for: database.dialect).last?.version ?? 0
        if found == 0 { throw StoreError.notAStore(path: database.path) }
        if found > supported { throw StoreError.newerSchema(path: database.path, found: found, supported: supported) }
        guard found < supported else { return Store(database: database) }
        guard readOnly else {
            try Migrator.migrate(database)
            return Store(database: database)
        }
        do {
            let writer = try Database(path: path, options: Database.Options(busyTimeoutMilliseconds: busyTimeoutMilliseconds, access: .readWrite))
            // SQLite opens a write-protected file read-only without saying so; ask before trying.
            guard !writer.isReadOnly else { throw StoreError.needsMigration(path: database.path, found: found, supported: supported, reason: "the file is read-only") }
            try Migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw StoreError.needsMigration(path: database.path, found: found, supported: supported, reason: error.message)
        }
        return try openExisting(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private init(database: Database) { self.database = database }

    /// A handle that can only touch `userID`'s rows.
    public func creator(_ userID: String) -> CreatorStore {
        CreatorStore(database: database, userID: userID)
    }

    /// The creators the store knows (`creator_profiles.user_id`), sorted.
    ///
    /// On PostgreSQL row-level security hides every creator but the current
    /// one from the engine's role, so the list comes from
    /// `rulec_creator_directory`, which the schema keeps beside
    /// `creator_profiles` (PostgresSchema+CreatorDirectory.swift).
    public func creatorIDs() throws -> [String] {
        if database.dialect == .postgres {
            return try database.rows(#"SELECT user_id FROM rulec_creator_directory ORDER BY user_id COLLATE "C""#).compactMap { $0[0].string }
        }
        return try database.rows("SELECT user_id FROM creator_profiles ORDER BY user_id").compactMap { $0[0].string }
    }

    /// Whether `userID` has a `creator_profiles` row: the test of a real creator.
    /// Asked as that creator, so row-level security lets the row be seen.
    public func hasCreator(_ userID: String) throws -> Bool {
        try creator(userID).scalar("SELECT 1 FROM creator_profiles WHERE user_id = :user").int64 == 1
    }

    public var schemaVersion: Int { (try? Migrator.currentVersion(of: database)) ?? 0 }
    /// The latest schema this build knows for SQLite files (PostgreSQL's has the same numbers).
    public static var latestSchemaVersion: Int { Migration.latestVersion }
}
