import Foundation

/// A statement on PostgreSQL, stepped like a SQLite one: the parameters are
/// collected by `bind`, the first `step` runs the statement (prepared once per
/// text and parameter types by the connection), and later steps walk the rows
/// of its result.
///
/// SQLite hands back the id of the row an INSERT added (`last_insert_rowid`);
/// PostgreSQL has `RETURNING`. An INSERT into a table with an `id` column and
/// no `RETURNING` of its own gets `RETURNING id` appended here, and the rows it
/// returns are read into `lastInsertRowID` instead of being stepped, so every
/// caller of `insert` and `lastInsertRowID` works unchanged.
final class PostgresStatement {
    let connection: PostgresConnection
    let placeholders: Placeholders
    /// The SQL as written (SQLite's parameter syntax), for errors.
    let sql: String
    /// The text sent to the server (`$n` parameters, maybe `RETURNING id`).
    let text: String
    private let returnsInsertedID: Bool
    private var values: [SQLValue]
    private(set) var result: PostgresResult?
    private(set) var row = -1

    init(connection: PostgresConnection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        placeholders = Placeholders(translating: sql)
        var text = placeholders.text
        var returnsID = false
        if let table = Self.insertTarget(text), text.range(of: "RETURNING", options: .caseInsensitive) == nil,
           try connection.hasIDColumn(table) {
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasSuffix(";") { text.removeLast() }
            text += " RETURNING id"
            returnsID = true
        }
        self.text = text
        returnsInsertedID = returnsID
        values = Array(repeating: .null, count: placeholders.count)
    }

    /// The table of `INSERT INTO name …` (lowercased, unquoted), or nil for any other statement.
    static func insertTarget(_ sql: String) -> String? {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).prefix(3)
        guard words.count == 3, words[0].uppercased() == "INSERT", words[1].uppercased() == "INTO" else { return nil }
        return words[2].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
    }

    var isBusy: Bool { result != nil && row < (result?.rowCount ?? 0) }

    func bind(_ value: SQLValue, at index: Int32) { values[Int(index) - 1] = value }

    func reset() {
        result = nil
        row = -1
        for i in values.indices { values[i] = .null }
    }

    /// Runs the statement on the first call; then advances one row.
    func step() throws -> Bool {
        if result == nil {
            let result = try connection.run(text, values, reportedSQL: sql)
            self.result = result
            if returnsInsertedID {
                if result.rowCount > 0 { connection.lastInsertRowID = result.value(row: result.rowCount - 1, column: 0).int64 ?? 0 }
                row = result.rowCount
                return false
            }
        }
        guard let result else { return false }
        row += 1
        return row < result.rowCount
    }

    var columnCount: Int32 { result?.columnCount ?? 0 }
    func columnName(_ index: Int32) -> String { result?.columnName(index) ?? "" }

    func value(_ index: Int32) -> SQLValue {
        guard let result, row >= 0, row < result.rowCount else { return .null }
        return result.value(row: row, column: index)
    }
}
