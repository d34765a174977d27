import Foundation
import RulecTestSupport
import Store

/// A migrated store in a database of its own on the test server
/// (`PostgresTestDatabase`), for planning tests that run the same plans on
/// PostgreSQL as on SQLite.
final class PostgresPlanningDatabase {
    let database: PostgresTestDatabase
    let store: Store

    init() throws {
        database = try PostgresTestDatabase("plans")
        store = try Store.open(path: database.url)
    }

    /// Empties every creator-owned table and restarts the identities, so the
    /// next rows get the ids they would get in a new store. The append-only
    /// triggers refuse TRUNCATE, so triggers are off for that one statement
    /// (`session_replication_role`, a superuser's setting: the test server's role).
    func reset() throws {
        let tables = PostgresSchema.creatorOwnedTables.joined(separator: ", ")
        try store.database.execute("SET session_replication_role = replica")
        try store.database.execute("TRUNCATE \(tables) RESTART IDENTITY")
        try store.database.execute("SET session_replication_role = DEFAULT")
    }
}
