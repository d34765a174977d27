/// The statements that shard the schema by creator with Citus
/// (docs/SCALE.md "Citus distribution" shows them, and a test keeps the page
/// equal to this text). Every creator-owned table is distributed on
/// `user_id`, all of them co-located with `creator_profiles`, so a creator's
/// rows, keys and foreign keys live on one shard; the tables every creator
/// shares are reference tables (a copy on every node). NOT tested here: the
/// machine has plain PostgreSQL 15 and no Citus.
extension PostgresSchema {
    /// Foreign keys between creator-owned tables, as (table, referenced table), self-references left out.
    static var creatorForeignKeys: [(table: String, references: String)] {
        var keys: [(String, String)] = []
        for sql in migrations.map(\.sql) {
            var current: String?
            // `ALTER TABLE t ADD FOREIGN KEY (…)` may name its table on the next line.
            var altered: String?
            for raw in sql.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                let words = line.split(separator: " ").map(String.init)
                if words.count >= 3, words[0] == "CREATE", words[1] == "TABLE" { current = words[2] }
                if line.hasPrefix(");") { current = nil }
                if words.count >= 3, words[0] == "ALTER", words[1] == "TABLE" { altered = line.contains("FOREIGN KEY") ? words[2] : nil }
                guard let table = altered ?? current, let at = words.firstIndex(of: "REFERENCES"), at + 1 < words.count else { continue }
                if line.hasSuffix(";") { altered = nil }
                let referenced = words[at + 1]
                if referenced != table { keys.append((table, referenced)) }
            }
        }
        return keys
    }

    /// The one cycle of keys (an idea promoted to a post, a post made from an
    /// idea): this key is dropped while the tables are distributed, then made again.
    static let cycleBreakingKey = (table: "content_ideas", constraint: "content_ideas_user_id_promoted_post_id_fkey",
                                   definition: "FOREIGN KEY (user_id, promoted_post_id) REFERENCES content_posts (user_id, id) ON DELETE SET NULL (promoted_post_id)")

    /// Creator-owned tables with every referenced table before the tables referring to it
    /// (Citus distributes a table only after the tables its keys point at).
    public static var distributionOrder: [String] {
        let tables = creatorOwnedTables
        let keys = creatorForeignKeys.filter { !($0.table == cycleBreakingKey.table && $0.references == "content_posts") }
        var placed: [String] = [], done: Set<String> = []
        // creator_profiles first: every other table is co-located with it.
        var pending = ["creator_profiles"] + tables.filter { $0 != "creator_profiles" }
        while !pending.isEmpty {
            guard let next = pending.first(where: { table in
                keys.filter { $0.table == table }.allSatisfy { done.contains($0.references) }
            }) else { preconditionFailure("a cycle of foreign keys besides content_ideas ↔ content_posts") }
            placed.append(next)
            done.insert(next)
            pending.removeAll { $0 == next }
        }
        return placed
    }

    /// The statements, run once on the coordinator as the schema's owner, on
    /// an empty database that `rulec db init` has migrated.
    public static var citusDistribution: String {
        var lines = ["CREATE EXTENSION IF NOT EXISTS citus;"]
        lines += sharedTables.map { "SELECT create_reference_table('\($0)');" }
        lines.append("ALTER TABLE \(cycleBreakingKey.table) DROP CONSTRAINT \(cycleBreakingKey.constraint);")
        for table in distributionOrder {
            lines.append(table == "creator_profiles"
                ? "SELECT create_distributed_table('creator_profiles', 'user_id');"
                : "SELECT create_distributed_table('\(table)', 'user_id', colocate_with => 'creator_profiles');")
        }
        lines.append("ALTER TABLE \(cycleBreakingKey.table) ADD CONSTRAINT \(cycleBreakingKey.constraint)")
        lines.append("    \(cycleBreakingKey.definition);")
        return lines.joined(separator: "\n")
    }
}
