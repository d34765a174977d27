/// Brings a PostgreSQL database up to the latest schema, as `Migrator` does a
/// SQLite file: the same `schema_migrations` ledger (version, name,
/// applied_at), every migration the database lacks applied in order, each
/// recorded, and a database from a newer rulec refused.
///
/// It is one SQL script, so the connection layer sends it as one simple query
/// (one round trip, one transaction) and `psql -f` can run it too:
/// - `pg_advisory_xact_lock` first, so two processes running `db init` on a new
///   database wait for each other instead of both creating tables (the lock is
///   released when the transaction ends);
/// - each migration is a `DO` block that runs its SQL only if the ledger does
///   not record its version, so running the script again changes nothing;
/// - a ledger that records a version this build does not know raises SQLSTATE
///   `newerSchemaSQLState` before anything is applied.
/// A migration applies when it is not recorded (SQLite compares with the
/// highest recorded version): a number left free for another branch and added
/// later still runs on a database that already has the ones after it.
public enum PostgresMigrator {
    /// The advisory lock key of schema changes ("rulec" in ASCII).
    public static let lockKey: Int64 = 0x72_75_6C_65_63
    /// Raised (as the SQLSTATE of the error) when the database is newer than this build.
    public static let newerSchemaSQLState = "RL001"

    public static let createLedger = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
        version bigint PRIMARY KEY,
        name text COLLATE "C" NOT NULL,
        applied_at bigint NOT NULL \(PostgresSchema.now)
    );
    """

    /// The highest version the ledger records (0 for a new database).
    public static let currentVersionQuery = """
    SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0
                ELSE (SELECT coalesce(max(version), 0) FROM schema_migrations) END
    """

    /// The whole migration as one script. With `transaction`, it opens and
    /// commits its own transaction; without, the caller's transaction holds it.
    public static func script(_ migrations: [Migration] = PostgresSchema.migrations, transaction: Bool = true) -> String {
        let supported = migrations.last?.version ?? 0
        var parts: [String] = []
        if transaction { parts.append("BEGIN;") }
        parts.append("DO $rulec_lock$ BEGIN PERFORM pg_advisory_xact_lock(\(lockKey)); END $rulec_lock$;")
        parts.append(createLedger)
        parts.append("""
        DO $rulec_newer$
        DECLARE found bigint;
        BEGIN
            SELECT coalesce(max(version), 0) INTO found FROM schema_migrations;
            IF found > \(supported) THEN
                RAISE EXCEPTION 'the database has schema version %, newer than this rulec supports (\(supported)); upgrade rulec', found
                    USING ERRCODE = '\(newerSchemaSQLState)';
            END IF;
        END
        $rulec_newer$;
        """)
        for migration in migrations {
            let tag = "rulec_migration_\(migration.version)"
            precondition(!migration.sql.contains("$\(tag)$") && !migration.sql.contains("$\(tag)_sql$"),
                         "migration \(migration.version) uses the script's own quote tag")
            parts.append("""
            DO $\(tag)$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = \(migration.version)) THEN
                    EXECUTE $\(tag)_sql$
            \(migration.sql)
            $\(tag)_sql$;
                    INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), '\(migration.name)');
                END IF;
            END
            $\(tag)$;
            """)
        }
        if transaction { parts.append("COMMIT;") }
        return parts.joined(separator: "\n") + "\n"
    }

    /// Runs the script through the connection layer's one-query call (for
    /// example `PQexec`, which accepts several statements) and returns the
    /// versions it applied; `scalar` runs one query and returns its one integer.
    @discardableResult
    public static func migrate(execute: (String) throws -> Void, scalar: (String) throws -> Int64?) throws -> [Int] {
        let before = Int(try scalar(currentVersionQuery) ?? 0)
        try execute(script())
        let after = Int(try scalar(currentVersionQuery) ?? 0)
        return PostgresSchema.migrations.map(\.version).filter { $0 > before && $0 <= after }
    }
}
