import Foundation

/// Migration 13: CHECK constraints spell an enum's values as `=` comparisons
/// joined by OR instead of `column IN ('a', 'b', 'c', ...)`.
///
/// Why: SQLite (3.40, the system library) turns an `IN` list of more than two
/// constants into a temporary B-tree, and in a CHECK constraint it builds that
/// tree again for every row written (constraint code runs per row and cannot
/// use the once-per-statement guard a WHERE clause gets). `run` writes several
/// rows per event into tables with such lists (`automation_rule_runs.outcome`,
/// `event_source`, action types, message platform and status...), and building
/// those throwaway trees was about a fifth of its time on the run benchmark.
/// A chain of comparisons accepts and refuses exactly the same values (NULL
/// included: both give NULL, which a CHECK lets through), and the error is
/// still `SQLITE_CONSTRAINT_CHECK`; only the message quotes the new text.
///
/// How: SQLite's documented way to change a CHECK without rebuilding the table
/// (https://sqlite.org/lang_altertable.html, "otheralter"): rewrite the table's
/// text in `sqlite_schema` under `writable_schema`; no row's storage changes and
/// every existing row already satisfies the (equivalent) constraint. `RESET`
/// reloads the schema on this connection, and the DDL after it bumps the
/// schema version so other connections reload theirs.
extension Schema {
    /// The rewrite of every quoted-value `IN` list of three or more values that
    /// the earlier migrations wrote into a CREATE TABLE (their text is what the
    /// file holds, and it never changes once released).
    static func checkLists(rewriting earlier: [String]) -> String {
        let lists = earlier.flatMap(enumLists(in:))
        var seen: Set<String> = []
        let updates = lists.filter { seen.insert($0.written).inserted }.map { list in
            "UPDATE sqlite_schema SET sql = replace(sql, \(literal(list.written)), \(literal(list.comparisons))) "
                + "WHERE type = 'table' AND instr(sql, \(literal(list.written))) > 0;"
        }
        return (["PRAGMA writable_schema = ON;"] + updates + [
            "PRAGMA writable_schema = RESET;",
            // Any DDL moves the schema version on; this one also says what was done.
            "CREATE TABLE schema_check_lists_rewritten (id INTEGER PRIMARY KEY) STRICT;",
            "DROP TABLE schema_check_lists_rewritten;",
        ]).joined(separator: "\n")
    }

    /// One `column IN ('a', 'b', ...)` as written and as comparisons.
    struct EnumList: Equatable {
        let written: String
        let comparisons: String
    }

    /// `column IN ('a', 'b', 'c')` lists (not `NOT IN`) with at least three
    /// quoted values; shorter lists SQLite already checks by comparison.
    static func enumLists(in sql: String) -> [EnumList] {
        let pattern = #"(?<![A-Za-z_])(?<!NOT )([a-z_]+) IN \(('[^']*'(?:, '[^']*'){2,})\)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let text = sql as NSString
        return regex.matches(in: sql, range: NSRange(location: 0, length: text.length)).map { match in
            let column = text.substring(with: match.range(at: 1))
            let values = text.substring(with: match.range(at: 2)).components(separatedBy: ", ")
            return EnumList(written: text.substring(with: match.range),
                            comparisons: "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")")
        }
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
