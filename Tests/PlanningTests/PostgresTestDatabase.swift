import Foundation
import Store

/// A database of its own on the test server (RULEC_TEST_PG_URL), created
/// migrated and dropped with this value, for planning tests that run the same
/// plans on PostgreSQL as on SQLite.
final class PostgresTestDatabase {
    static let serverURL: String? = {
        guard let text = ProcessInfo.processInfo.environment["RULEC_TEST_PG_URL"], !text.isEmpty else { return nil }
        return text
    }()

    let name: String
    let store: Store
    private let server: Database

    init() throws {
        guard let serverURL = Self.serverURL, var components = URLComponents(string: serverURL) else {
            throw StoreError.noStore(path: "RULEC_TEST_PG_URL")
        }
        name = "rulec_plans_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        server = try Database(path: serverURL)
        try server.execute("CREATE DATABASE \(name)")
        components.path = "/" + name
        store = try Store.open(path: components.string!)
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

    deinit {
        try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
