import Foundation
import Store

/// Copies template creators' rows to new creators on the PostgreSQL server, in
/// SQL, so the `platform` benchmark can prepare 1,000 creators in minutes: a
/// creator seeded and deployed through the seeder and the deployer costs
/// seconds of round trips, where `INSERT … SELECT` copies every creator's
/// rows of a table in one statement.
///
/// A copy is the template's rows with `user_id` rewritten and every other
/// column as it is, ids included. On PostgreSQL every creator-owned key is
/// `(user_id, id)` and every foreign key `(user_id, x_id) → (user_id, id)`
/// (docs/SCALE.md), so the same ids under another creator are new keys and
/// every reference, declared or not (cursors' `last_id`, ids inside
/// `plan_json`, a refresh mark's `change_id`), still points at the copy's own
/// rows: nothing is remapped, so nothing can be remapped wrongly. Identities
/// are already past these ids (`rulec_follow_explicit_id`), so rows the run
/// writes later get new ids, as for a seeded creator.
///
/// The database keeps every guarantee while the copy is made: foreign keys are
/// checked (tables are filled parents first; a cycle, `content_posts` ↔
/// `content_ideas`, is broken by inserting the column NULL and setting it once
/// both tables are in), the triggers run (the creator directory lists every
/// copy; what a trigger adds to a row already copied, such as the spend
/// `fan_transactions` adds to `fan_profiles`, is set back to the template's
/// value), every table of the copies is compared with its template's before
/// the commit (a difference fails the preparation), and row-level security is lifted only for the schema's owner, inside
/// the one transaction that copies everything (FORCE is restored before it
/// commits; a superuser bypasses it anyway).
enum PlatformReplicator {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Tables the change-log triggers consult or fill, copied last: a copy's
    /// refresh marks written before its fan rows would make every copied fan
    /// row log a change the template never logged.
    static let copiedLast = ["fan_changes", "fan_segment_refresh_marks"]

    /// Copies each `(template, creator)` pair's rows in one transaction, then
    /// refreshes the planner's statistics. Returns the rows inserted.
    @discardableResult
    static func replicate(_ database: Database, copies: [(template: String, creator: String)]) throws -> Int {
        guard !copies.isEmpty else { return 0 }
        let tables = PostgresSchema.creatorOwnedTables
        let columns = try columnsByTable(database)
        let references = try foreignKeys(database, among: Set(tables))
        let (order, deferred) = try fillOrder(tables, references: references, nullable: columns)
        var inserted = 0
        try database.transaction {
            try database.execute("""
                CREATE TEMP TABLE rulec_bench_copies (template text COLLATE "C" NOT NULL, user_id text COLLATE "C" PRIMARY KEY)
                    ON COMMIT DROP
                """)
            try database.execute("""
                INSERT INTO rulec_bench_copies (template, user_id)
                SELECT * FROM unnest(string_to_array(?, ','), string_to_array(?, ','))
                """, [.text(copies.map(\.template).joined(separator: ",")), .text(copies.map(\.creator).joined(separator: ","))])
            for table in tables { try database.execute("ALTER TABLE \(table) NO FORCE ROW LEVEL SECURITY") }
            for table in order {
                guard let list = columns[table] else { throw Failure(description: "no columns for \(table)") }
                let names = list.map(\.name)
                let values = names.map { name in
                    name == "user_id" ? "copies.user_id" : deferred[table, default: []].contains(name) ? "NULL" : "source.\(name)"
                }
                inserted += try database.execute("""
                    INSERT INTO \(table) (\(names.joined(separator: ", ")))
                    SELECT \(values.joined(separator: ", ")) FROM \(table) AS source
                    JOIN rulec_bench_copies AS copies ON source.user_id = copies.template
                    ORDER BY copies.user_id\(names.contains("id") ? ", source.id" : "")
                    """, [])
                if table == order.last(where: { !copiedLast.contains($0) }) {
                    // Every table is in but the change log's: set the cycle's columns now,
                    // and undo what triggers added to rows already copied.
                    for (cyclic, names) in deferred.sorted(by: { $0.key < $1.key }) {
                        try setFromTemplate(database, cyclic, columns: names)
                    }
                    for table in order where !copiedLast.contains(table) {
                        guard try differing(database, table, columns[table] ?? []) > 0 else { continue }
                        try setFromTemplate(database, table, columns: (columns[table] ?? []).map(\.name).filter { $0 != "id" && $0 != "user_id" })
                    }
                }
            }
            // The proof that every copy is its template: each table's rows, user_id aside, equal.
            for table in order {
                let count = try differing(database, table, columns[table] ?? [])
                guard count == 0 else { throw Failure(description: "\(count) copied rows of \(table) differ from their template's") }
            }
            for table in tables { try database.execute("ALTER TABLE \(table) FORCE ROW LEVEL SECURITY") }
        }
        try database.execute("ANALYZE")
        return inserted
    }

    struct Column { let name: String; let nullable: Bool }

    /// Sets `columns` of every copied row to its template row's values.
    /// Needed where a trigger writes a row already copied: inserting the
    /// copy's `fan_transactions` adds each amount to its fan's
    /// `lifetime_spend_cents`, which the copied profile already counts.
    static func setFromTemplate(_ database: Database, _ table: String, columns: [String]) throws {
        try database.execute("""
            UPDATE \(table) AS target SET \(columns.map { "\($0) = source.\($0)" }.joined(separator: ", "))
            FROM \(table) AS source, rulec_bench_copies AS copies
            WHERE source.user_id = copies.template AND target.user_id = copies.user_id AND target.id = source.id
            """, [])
    }

    /// Rows of the copies that are not their template's (user_id aside), counted both ways.
    static func differing(_ database: Database, _ table: String, _ columns: [Column]) throws -> Int {
        let names = columns.map(\.name).filter { $0 != "user_id" }
        let list = names.map { "rows.\($0)" }.joined(separator: ", ")
        let templates = "SELECT copies.user_id, \(list) FROM \(table) AS rows JOIN rulec_bench_copies AS copies ON rows.user_id = copies.template"
        let copied = "SELECT rows.user_id, \(list) FROM \(table) AS rows JOIN rulec_bench_copies AS copies ON rows.user_id = copies.user_id"
        let count = try database.scalar("""
            SELECT (SELECT count(*) FROM (\(templates) EXCEPT ALL \(copied)) AS missing)
                 + (SELECT count(*) FROM (\(copied) EXCEPT ALL \(templates)) AS extra)
            """)
        return Int(count.int64 ?? -1)
    }

    static func columnsByTable(_ database: Database) throws -> [String: [Column]] {
        var result: [String: [Column]] = [:]
        for row in try database.rows("""
            SELECT table_name, column_name, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """) {
            guard let table = row[0].string, let name = row[1].string else { continue }
            result[table, default: []].append(Column(name: name, nullable: row[2].string == "YES"))
        }
        return result
    }

    /// (table, referenced table, referencing columns other than user_id), from the server's catalog.
    static func foreignKeys(_ database: Database, among tables: Set<String>) throws -> [(table: String, parent: String, columns: [String])] {
        try database.rows("""
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, a.attname
            FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) AS k(number)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.number
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND a.attname <> 'user_id'
            ORDER BY 1, 2, c.conname, 3
            """).reduce(into: []) { result, row in
            guard let table = row[0].string, let parent = row[1].string, let column = row[2].string,
                  tables.contains(table), tables.contains(parent), table != parent else { return }
            if let last = result.last, last.table == table, last.parent == parent {
                result[result.count - 1].columns.append(column)
            } else {
                result.append((table, parent, [column]))
            }
        }
    }

    /// Parents before children, in creation order where the keys allow; a
    /// cycle is broken at its first table in creation order, whose columns
    /// pointing at tables not yet filled are inserted NULL and set afterwards
    /// (they must be nullable, and the table not append-only).
    static func fillOrder(_ tables: [String], references: [(table: String, parent: String, columns: [String])],
                          nullable columns: [String: [Column]]) throws -> ([String], [String: [String]]) {
        var done = Set<String>(), order: [String] = [], deferred: [String: [String]] = [:]
        var remaining = tables.filter { !copiedLast.contains($0) }
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { table in
                references.allSatisfy { $0.table != table || done.contains($0.parent) }
            }
            let index = ready ?? 0
            let table = remaining.remove(at: index)
            if ready == nil {
                let pending = references.filter { $0.table == table && !done.contains($0.parent) }.flatMap(\.columns)
                // (An append-only table's UPDATE would fail below, with the trigger's message.)
                for name in pending where !(columns[table]?.first { $0.name == name }?.nullable ?? false) {
                    throw Failure(description: "cannot break the foreign-key cycle at \(table).\(name)")
                }
                deferred[table] = pending
            }
            order.append(table)
            done.insert(table)
        }
        return (order + copiedLast.filter(tables.contains), deferred)
    }
}
