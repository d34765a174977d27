/// Migration 15: a row about a fan points at the fan *and its creator*, with a
/// foreign key on `(fan_id, user_id)` → `fan_profiles(id, user_id)`, instead of
/// a foreign key on `fan_id` plus migration 11's trigger comparing creators.
///
/// The guarantee is the same (a row filed under another creator than its
/// fan's is refused; a missing fan is refused; a NULL `fan_id` is not
/// checked), and slightly stronger: a fan's creator can no longer change while
/// rows about the fan exist. The difference is cost. The trigger ran a
/// sub-program per row written (a frame allocated, a subquery on
/// `fan_profiles`) on top of the foreign key's own lookup; the composite key
/// is one lookup in `fan_profiles_by_creator_key`. `run` writes a row into
/// several of these tables per firing (drafts, tags, notes, action rows,
/// firings): dropping the triggers was about 8% of its time on the run
/// benchmark. The error is SQLite's `FOREIGN KEY constraint failed`
/// (`SQLITE_CONSTRAINT_FOREIGNKEY`).
///
/// Like migration 13, the tables are not rebuilt: a foreign key clause does
/// not change how rows are stored, so the table text is rewritten in
/// `sqlite_schema` under `writable_schema` (SQLite's documented procedure for
/// such changes), and the rows already there satisfied the triggers.
extension Schema {
    static var creatorKeys: String {
        let rewrites = fanOwnedTables.map { table -> String in
            let only = "WHERE type = 'table' AND name = '\(table)';"
            // The single-column key goes: the composite one implies the fan exists.
            let single = "UPDATE sqlite_schema SET sql = replace(replace(sql, "
                + "'fan_id INTEGER NOT NULL REFERENCES fan_profiles(id)', 'fan_id INTEGER NOT NULL'), "
                + "'fan_id INTEGER REFERENCES fan_profiles(id)', 'fan_id INTEGER') " + only
            // Every fan-owned table is STRICT, so its text ends in `) STRICT…` once.
            let composite = "UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', "
                + "', FOREIGN KEY (fan_id, user_id) REFERENCES fan_profiles(id, user_id)) STRICT') " + only
            return single + "\n" + composite
        }
        let triggers = fanOwnedTables.map { table -> String in
            let onUpdate = appendOnlyFanTables.contains(table) ? "" : "\nDROP TRIGGER \(table)_same_creator_on_update;"
            return "DROP TRIGGER \(table)_same_creator;" + onUpdate
        }
        return ([
            // The parent key a composite foreign key needs: unique on exactly its columns.
            "CREATE UNIQUE INDEX fan_profiles_by_creator_key ON fan_profiles(id, user_id);",
        ] + triggers + ["PRAGMA writable_schema = ON;"] + rewrites + [
            "PRAGMA writable_schema = RESET;",
            // Any DDL moves the schema version on, so other connections reload theirs.
            "CREATE TABLE schema_creator_keys_written (id INTEGER PRIMARY KEY) STRICT;",
            "DROP TABLE schema_creator_keys_written;",
        ]).joined(separator: "\n")
    }
}
