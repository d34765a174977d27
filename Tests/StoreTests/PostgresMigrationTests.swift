import Foundation
import Testing
@testable import Store

/// The PostgreSQL migrations on a real server (RULEC_TEST_PG_URL; skipped when
/// unset). Each test works in a database of its own, created and dropped here.
@Suite(.enabled(if: PostgresTestServer.url != nil, "RULEC_TEST_PG_URL is not set"))
struct PostgresMigrationTests {
    @Test func applyToAnEmptyDatabaseAndAgainChangeNothing() throws {
        try PostgresTestServer.withDatabase { db in
            let script = PostgresMigrator.script()
            try db.psql(script)
            let recorded = try db.psql("SELECT string_agg(version::text || ':' || name, ',' ORDER BY version) FROM schema_migrations")
            #expect(recorded == PostgresSchema.migrations.map { "\($0.version):\($0.name)" }.joined(separator: ","))
            let before = try db.psql("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
            try db.psql(script)
            #expect(try db.psql("SELECT count(*) FROM schema_migrations") == "\(PostgresSchema.migrations.count)")
            #expect(try db.psql("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace") == before)
        }
    }

    /// The server's own catalog agrees with the columns the no-server test
    /// reads out of the DDL (so that test's reading can be trusted).
    @Test func theServerHasTheColumnsTheDDLDeclares() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            let listed = try db.psql("""
                SELECT table_name || ' ' || string_agg(column_name, ',' ORDER BY ordinal_position)
                FROM information_schema.columns WHERE table_schema = 'public'
                  AND table_name NOT IN ('schema_migrations', \(PostgresSchema.sharedTables.map { "'\($0)'" }.joined(separator: ", ")))
                GROUP BY table_name ORDER BY table_name
                """)
            // The shared tables (one-line DDL) are not read by the DDL reader.
            let declared = PostgresDDL.columns(of: PostgresSchema.migrations.map(\.sql))
                .filter { !PostgresSchema.sharedTables.contains($0.key) }
                .sorted { $0.key < $1.key }.map { "\($0.key) " + $0.value.joined(separator: ",") }
            #expect(listed.split(separator: "\n").map(String.init) == declared)
        }
    }

    /// The foreign keys the Citus order is computed from are the server's.
    @Test func theForeignKeysReadFromTheDDLAreTheServers() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            let listed = try db.psql("""
                SELECT conrelid::regclass || '>' || confrelid::regclass FROM pg_constraint
                WHERE contype = 'f' AND conrelid <> confrelid ORDER BY 1
                """)
            let declared = PostgresSchema.creatorForeignKeys.map { "\($0.table)>\($0.references)" }.sorted()
            #expect(listed.split(separator: "\n").map(String.init) == declared)
        }
    }

    @Test func aNewerDatabaseIsRefused() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            try db.psql("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future')")
            #expect(throws: PostgresTestServer.Failure.self) { try db.psql(PostgresMigrator.script()) }
        }
    }

    @Test func everyCreatorOwnedTableHasForcedRowLevelSecurity() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            let unsecured = try db.psql("""
                SELECT coalesce(string_agg(relname, ','), '') FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname NOT IN ('schema_migrations', \(PostgresSchema.sharedTables.map { "'\($0)'" }.joined(separator: ", ")))
                  AND NOT (relrowsecurity AND relforcerowsecurity)
                """)
            #expect(unsecured == "")
            let policies = try db.psql("SELECT count(*) FROM pg_policies WHERE schemaname = 'public' AND policyname = 'creator_isolation'")
            #expect(policies == "\(PostgresSchema.creatorOwnedTables.count)")
        }
    }

    @Test func appendOnlyTablesRefuseUpdateAndDelete() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            try db.psql("""
                INSERT INTO subscription_events (user_id, event_type) VALUES ('u1', 'started');
                INSERT INTO content_posts (user_id) VALUES ('u1');
                INSERT INTO post_performance_snapshots (user_id, post_id, platform)
                    VALUES ('u1', (SELECT max(id) FROM content_posts), 'x');
                """)
            for table in ["subscription_events", "post_performance_snapshots"] {
                for statement in ["UPDATE \(table) SET user_id = user_id", "DELETE FROM \(table)", "TRUNCATE \(table) CASCADE"] {
                    let error = try #require(throws: PostgresTestServer.Failure.self) { try db.psql(statement) }
                    #expect(error.message.contains("\(table) is append-only"), "\(statement): \(error.message)")
                }
            }
        }
    }
}
