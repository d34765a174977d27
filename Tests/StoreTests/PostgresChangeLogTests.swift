import Foundation
import Testing
@testable import Store

/// Migration 16 on a PostgreSQL server (RULEC_TEST_PG_URL; skipped when
/// unset): the change-log triggers write nothing for a creator without a
/// refresh mark, and for one with a mark log every insert, update (both fans
/// when a row moves) and delete, by `fan_id` or, on fan_profiles, by `id`.
@Suite(.enabled(if: PostgresTestServer.url != nil, "RULEC_TEST_PG_URL is not set"))
struct PostgresChangeLogTests {
    @Test func triggersLogChangesOnlyForMarkedCreators() throws {
        try PostgresTestServer.withDatabase { db in
            try db.psql(PostgresMigrator.script())
            try db.psql("""
                SET rulec.user_id = 'u1';
                INSERT INTO fan_profiles (id, user_id) VALUES (1, 'u1'), (2, 'u1');
                INSERT INTO fan_tag_values (user_id, fan_id, tag) VALUES ('u1', 1, 'vip');
                """)
            #expect(try db.psql("SELECT count(*) FROM fan_changes") == "0")
            try db.psql("""
                SET rulec.user_id = 'u1';
                INSERT INTO fan_segments (id, user_id, name) VALUES (1, 'u1', 's');
                INSERT INTO fan_segment_refresh_marks (segment_id, user_id, refreshed_at, change_id, fingerprint) VALUES (1, 'u1', 0, 0, '');
                INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES ('u1', 1, 'loyalty', 0.5);
                UPDATE fan_scores SET value = 0.9 WHERE user_id = 'u1' AND fan_id = 1;
                UPDATE fan_tag_values SET fan_id = 2 WHERE user_id = 'u1' AND fan_id = 1;
                DELETE FROM fan_tag_values WHERE user_id = 'u1';
                UPDATE fan_profiles SET engagement_score = 2 WHERE user_id = 'u1' AND id = 2;
                """)
            let logged = try db.psql("SET rulec.user_id = 'u1'; SELECT string_agg(fan_id::text, ',' ORDER BY id) FROM fan_changes")
            // insert 1; update 1; move 1 → 2; delete 2; profile 2.
            #expect(logged == "1,1,1,2,2,2")
            // Deleting the segment drops its mark, and the triggers stop writing.
            try db.psql("""
                SET rulec.user_id = 'u1';
                DELETE FROM fan_segments WHERE user_id = 'u1';
                INSERT INTO fan_tag_values (user_id, fan_id, tag) VALUES ('u1', 1, 'gold');
                """)
            #expect(try db.psql("SET rulec.user_id = 'u1'; SELECT count(*) FROM fan_changes") == "6")
        }
    }
}
