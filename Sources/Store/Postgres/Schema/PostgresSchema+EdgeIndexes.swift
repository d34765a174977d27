/// Migration 22 on PostgreSQL: the same statements as SQLite's
/// (`Schema+EdgeIndexes.swift`); the window-edge time indexes hold `fan_id`,
/// so an edge query can be an index-only scan.
extension PostgresSchema {
    static let edgeIndexes = Schema.edgeIndexes
}
