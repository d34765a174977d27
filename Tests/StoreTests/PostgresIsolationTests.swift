import Foundation
import Testing
@testable import Store

/// Isolation by the database itself (RULEC.md "More than one creator"):
/// connected as the engine's role, which owns nothing, with `rulec.user_id`
/// set to one creator, a query without any `user_id` filter sees only that
/// creator's rows, and a row of another creator cannot be written.
@Suite(.enabled(if: PostgresTestServer.url != nil, "RULEC_TEST_PG_URL is not set"))
struct PostgresIsolationTests {
    @Test func theEngineRoleSeesAndWritesOnlyItsCreatorsRows() throws {
        try PostgresTestServer.withEngineRole { db, role in
            // Written by the owner's superuser session, which row-level security does not filter.
            try db.psql("""
                INSERT INTO fan_profiles (user_id, display_name) VALUES ('creator_a', 'Ann'), ('creator_b', 'Bob'),
                    ('creator_a', 'Amy'), ('creator_b', 'Ben'), ('creator_b', 'Bea');
                """)
            let asA = "BEGIN; SET LOCAL rulec.user_id = 'creator_a';\n"
            let names = try db.psql(asA + "SELECT string_agg(display_name, ',' ORDER BY display_name) FROM fan_profiles; COMMIT;", user: role)
            #expect(names == "Amy,Ann")
            let owners = try db.psql(asA + "SELECT string_agg(DISTINCT user_id, ',') FROM (SELECT * FROM fan_profiles) f; COMMIT;", user: role)
            #expect(owners == "creator_a")
            // No creator set: nothing at all.
            #expect(try db.psql("SELECT count(*) FROM fan_profiles", user: role) == "0")
            // SET LOCAL ends with its transaction.
            #expect(try db.psql(asA + "COMMIT; SELECT count(*) FROM fan_profiles;", user: role) == "0")

            let refused = try #require(throws: PostgresTestServer.Failure.self) {
                try db.psql(asA + "INSERT INTO fan_profiles (user_id, display_name) VALUES ('creator_b', 'Intruder'); COMMIT;", user: role)
            }
            #expect(refused.message.contains("row-level security"), "\(refused.message)")
            let moved = try #require(throws: PostgresTestServer.Failure.self) {
                try db.psql(asA + "UPDATE fan_profiles SET user_id = 'creator_b'; COMMIT;", user: role)
            }
            #expect(moved.message.contains("row-level security"), "\(moved.message)")
            // Another creator's rows cannot be changed or deleted either: they are not there.
            try db.psql(asA + "DELETE FROM fan_profiles WHERE user_id = 'creator_b'; UPDATE fan_profiles SET display_name = 'X' WHERE user_id = 'creator_b'; COMMIT;", user: role)
            #expect(try db.psql("SELECT string_agg(display_name, ',' ORDER BY display_name) FROM fan_profiles WHERE user_id = 'creator_b'") == "Bea,Ben,Bob")
            // A creator's own rows are written normally.
            try db.psql(asA + "INSERT INTO fan_profiles (user_id, display_name) VALUES ('creator_a', 'Ava'); COMMIT;", user: role)
            #expect(try db.psql("SELECT count(*) FROM fan_profiles WHERE user_id = 'creator_a'") == "3")
        }
    }

    @Test func aRowCannotPointAtAnotherCreatorsFan() throws {
        try PostgresTestServer.withEngineRole { db, role in
            let fanOfB = try db.psql("INSERT INTO fan_profiles (user_id) VALUES ('creator_b') RETURNING id")
            let refused = try #require(throws: PostgresTestServer.Failure.self) {
                try db.psql("""
                    BEGIN; SET LOCAL rulec.user_id = 'creator_a';
                    INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents) VALUES ('creator_a', \(fanOfB), 'x', 'tip', 500);
                    COMMIT;
                    """, user: role)
            }
            #expect(refused.message.contains("fan_transactions: the fan belongs to another creator"), "\(refused.message)")
            // Even the owner (no row-level security for a superuser) cannot: the composite key refuses it.
            let owner = try #require(throws: PostgresTestServer.Failure.self) {
                try db.psql("ALTER TABLE fan_transactions DISABLE TRIGGER fan_transactions_same_creator;"
                    + "INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents) VALUES ('creator_a', \(fanOfB), 'x', 'tip', 500);")
            }
            #expect(owner.message.contains("foreign key"), "\(owner.message)")
            #expect(try db.psql("SELECT lifetime_spend_cents FROM fan_profiles WHERE id = \(fanOfB)") == "0")
        }
    }

    @Test func theSpendTriggerAndExplicitIdsWorkUnderTheEngineRole() throws {
        try PostgresTestServer.withEngineRole { db, role in
            let out = try db.psql("""
                BEGIN; SET LOCAL rulec.user_id = 'creator_a';
                INSERT INTO fan_profiles (id, user_id) VALUES (40, 'creator_a');
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents) VALUES
                    ('creator_a', 40, 'x', 'tip', 500), ('creator_a', 40, 'x', 'ppv', 250);
                INSERT INTO fan_profiles (user_id) VALUES ('creator_a');
                SELECT string_agg(id || ':' || lifetime_spend_cents, ',' ORDER BY id) FROM fan_profiles;
                COMMIT;
                """, user: role)
            // The explicit id 40 moved the identity on: the next fan is 41, not 1.
            #expect(out == "40:750,41:0")
        }
    }
}

extension PostgresTestServer {
    /// A migrated scratch database and a login role in it that owns nothing,
    /// granted what `PostgresSchema.engineGrants` grants the engine.
    static func withEngineRole(_ body: (Database, String) throws -> Void) throws {
        let role = "rulec_engine_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try psql(url: url!.string!, "CREATE ROLE \(role) LOGIN")
        defer { _ = try? psql(url: url!.string!, "DROP ROLE IF EXISTS \(role)") }
        try withDatabase { db in
            try db.psql(PostgresMigrator.script())
            try db.psql(PostgresSchema.engineGrants(role: role))
            try body(db, role)
        }
    }
}
