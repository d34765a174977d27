/// The CRM store: a database file opened, migrated to the latest schema, and
/// ready to hand out creator-scoped handles.
public final class Store {
    public let database: Database

    /// Opens the store at `path`, creating the file or migrating an older one.
    /// A file written by a newer rulec throws `StoreError.newerSchema`.
    public static func open(path: String, options: Database.Options = Database.Options()) throws -> Store {
        let database = try Database(path: path, options: options)
        try Migrator.migrate(database)
        return Store(database: database)
    }

    private init(database: Database) { self.database = database }

    /// A handle that can only touch `userID`'s rows.
    public func creator(_ userID: String) -> CreatorStore {
        CreatorStore(database: database, userID: userID)
    }

    public var schemaVersion: Int { (try? Migrator.currentVersion(of: database)) ?? 0 }
    public static var latestSchemaVersion: Int { Migration.latestVersion }
}
