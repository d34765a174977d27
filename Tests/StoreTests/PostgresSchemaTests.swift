import Foundation
import Testing
@testable import Store

/// The PostgreSQL schema against SQLite's, with no server: both stores must
/// have the same tables and columns (STORE.md "PostgreSQL"), so the two
/// migration lists cannot drift apart unnoticed.
@Suite struct PostgresSchemaTests {
    @Test func sameTablesAndColumnsAsSQLite() throws {
        let store = try Store.open(path: ":memory:")
        var sqlite: [String: [String]] = [:]
        for row in try store.database.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'") {
            let table = row[0].string ?? ""
            sqlite[table] = try store.database.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
                .map { $0[0].string ?? "" }
        }
        let postgres = PostgresDDL.columns(of: PostgresSchema.migrations.map(\.sql))
            .filter { !PostgresSchema.sharedTables.contains($0.key) }
        #expect(Set(postgres.keys) == Set(sqlite.keys))
        for (table, columns) in sqlite.sorted(by: { $0.key < $1.key }) {
            #expect(postgres[table] == columns, "columns of \(table)")
        }
    }

    @Test func numbersAndNamesMatchSQLite() {
        // Every SQLite migration has its PostgreSQL mirror, by number and name
        // (16 and 17 may not have one yet); numbers never repeat.
        let postgres = Dictionary(uniqueKeysWithValues: PostgresSchema.migrations.map { ($0.version, $0.name) })
        for migration in Migration.all where migration.version <= 15 || postgres[migration.version] != nil {
            #expect(postgres[migration.version] == migration.name, "migration \(migration.version)")
        }
        #expect(PostgresSchema.migrations.map(\.version) == PostgresSchema.migrations.map(\.version).sorted())
    }

    @Test func everyCreatorOwnedTableHasTheKeyThePolicyAndTheIdFollower() {
        let all = PostgresSchema.migrations.map(\.sql).joined(separator: "\n")
        #expect(PostgresSchema.creatorOwnedTables.count == Set(PostgresSchema.creatorOwnedTables).count)
        for table in PostgresSchema.creatorOwnedTables {
            #expect(all.contains("ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;"), "\(table)")
            #expect(all.contains("ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;"), "\(table)")
            #expect(all.contains("CREATE POLICY creator_isolation ON \(table) USING (user_id = current_setting('rulec.user_id', true));"))
            // A refresh mark is keyed by its segment (migration 16); every other table by its id.
            let key = table == "fan_segment_refresh_marks" ? "PRIMARY KEY (user_id, segment_id)" : "PRIMARY KEY (user_id, id)"
            #expect(PostgresDDL.body(of: table, in: all)?.contains(key) == true, "\(table)")
        }
    }

    @Test func everyKeyAndReferenceStartsWithTheCreator() {
        let all = PostgresSchema.migrations.map(\.sql).joined(separator: "\n")
        for line in all.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            for keyword in ["PRIMARY KEY (", "UNIQUE (", "FOREIGN KEY ("] where text.contains(keyword) {
                let after = text.components(separatedBy: keyword)[1]
                #expect(after.hasPrefix("user_id"), "\(text)")
            }
            if text.contains("REFERENCES ") {
                #expect(text.contains("(user_id, id)"), "\(text)")
            }
        }
        // The one unique index outside a table body (migration 14).
        #expect(PostgresSchema.firingsByPerson.contains("(user_id, rule_id, fan_id, fired_at, run_id)"))
    }

    @Test func enumChecksComeFromStoreEnums() {
        let all = PostgresSchema.migrations.map(\.sql).joined(separator: "\n")
        for list in StoreEnums.catalog {
            let quoted = list.values.map { "'\($0)'" }.joined(separator: ", ")
            #expect(all.contains(quoted), "\(list.name)")
        }
    }
}

/// Reads the tables and columns out of our own PostgreSQL DDL (its layout is
/// ours: one column per line, table constraints in capitals).
enum PostgresDDL {
    static func columns(of migrations: [String]) -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for sql in migrations {
            var current: String?
            for raw in sql.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                let words = line.split(separator: " ").map(String.init)
                if words.count >= 3, words[0] == "CREATE", words[1] == "TABLE" {
                    tables[words[2]] = []
                    // A one-line table (`CREATE TABLE t (name text PRIMARY KEY);`) is not read column by column.
                    current = line.hasSuffix(");") ? nil : words[2]
                } else if line.hasPrefix(");") {
                    current = nil
                } else if let table = current, let first = words.first,
                          !["PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT", "--"].contains(first) {
                    tables[table, default: []].append(first.trimmingCharacters(in: CharacterSet(charactersIn: ",")))
                } else if words.count >= 6, words[0] == "ALTER", words[1] == "TABLE", words[3] == "ADD", words[4] == "COLUMN" {
                    tables[words[2], default: []].append(words[5])
                }
            }
        }
        return tables
    }

    /// The text between `CREATE TABLE name (` and its closing `);`.
    static func body(of table: String, in sql: String) -> String? {
        guard let start = sql.range(of: "CREATE TABLE \(table) (\n") else { return nil }
        guard let end = sql.range(of: "\n);", range: start.upperBound..<sql.endIndex) else { return nil }
        return String(sql[start.upperBound..<end.lowerBound])
    }
}

/// The Citus statements: every creator-owned table once, referenced tables
/// first, and docs/SCALE.md showing exactly this text.
@Suite struct CitusDistributionTests {
    @Test func everyCreatorOwnedTableIsDistributedAfterTheTablesItReferences() {
        let order = PostgresSchema.distributionOrder
        #expect(order.first == "creator_profiles")
        #expect(Set(order) == Set(PostgresSchema.creatorOwnedTables))
        #expect(order.count == PostgresSchema.creatorOwnedTables.count)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for key in PostgresSchema.creatorForeignKeys where key.table != PostgresSchema.cycleBreakingKey.table {
            #expect(position[key.references]! < position[key.table]!, "\(key.table) → \(key.references)")
        }
        #expect(PostgresSchema.creatorForeignKeys.count > 60)
    }

    @Test func scaleDocShowsTheStatements() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/SCALE.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        #expect(text.contains("```sql\n" + PostgresSchema.citusDistribution + "\n```"),
                "docs/SCALE.md must show PostgresSchema.citusDistribution")
    }
}
