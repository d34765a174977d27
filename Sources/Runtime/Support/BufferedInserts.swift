import Store

/// Appends a batch's audit rows (`automation_rule_runs`,
/// `automation_rule_actions`) several to an `INSERT`.
///
/// Both tables are append-only and nothing in a batch reads them back; most
/// of their rows are not referenced by anything else either (a `no_match`
/// run, any action row). One `INSERT` per row, each opening and closing a
/// statement journal for the tables' constraints, was about a fifth of
/// `run`'s time; rows now wait in memory and go in `rowsPerInsert` at a time.
/// A row that later rows point to (a `matched` run, which firings and actions
/// refer to) is written at once.
///
/// Ids stay what one insert per row gave: the writer hands them out itself,
/// in the order rows are asked for, from where the table's `AUTOINCREMENT`
/// sequence stood at the first one. The batch holds the write lock (`BEGIN
/// IMMEDIATE`), and every row of the table the batch writes after that goes
/// through this writer, so nobody else takes ids meanwhile; an explicit id
/// moves the sequence on as an automatic one does. `flush` runs before the
/// batch commits. (PostgreSQL: one row per `INSERT`, see `insert`.)
final class BufferedInserts {
    private let store: CreatorStore
    private let table: String
    private let singleSQL: String
    /// PostgreSQL's single-row insert, the id left to the table's identity.
    private let identitySQL: String
    private let manySQL: String
    private var nextID: Int64?
    private var waiting: [SQLValue] = []
    private var waitingRows = 0

    static let rowsPerInsert = 64

    /// `columns`: the table's columns after `id` and `user_id`, in the order
    /// `insert` receives their values.
    init(store: CreatorStore, table: String, columns: [String]) {
        self.store = store
        self.table = table
        let head = "INSERT INTO \(table) (id, user_id, \(columns.joined(separator: ", "))) VALUES "
        let row = "(?, :user" + String(repeating: ", ?", count: columns.count) + ")"
        self.singleSQL = head + row
        self.identitySQL = "INSERT INTO \(table) (user_id, \(columns.joined(separator: ", "))) VALUES (:user"
            + String(repeating: ", ?", count: columns.count) + ")"
        self.manySQL = head + Array(repeating: row, count: Self.rowsPerInsert).joined(separator: ", ")
    }

    /// Takes the row's id now; writes the row now when `referenced` (other
    /// rows will point to it), else with the next full statement or `flush`.
    func insert(_ values: [SQLValue], referenced: Bool) throws -> Int64 {
        // On PostgreSQL other processes write the same tables at the same time
        // (other creators' batches), so ids cannot be handed out here from
        // max(id) + 1: each row goes in at once and the identity gives its id,
        // in the order rows are asked for, as on SQLite.
        if store.database.dialect == .postgres { return try store.insert(identitySQL, values) }
        let id = try takeID()
        if referenced {
            try store.execute(singleSQL, [.integer(id)] + values)
            return id
        }
        waiting.append(.integer(id))
        waiting.append(contentsOf: values)
        waitingRows += 1
        if waitingRows == Self.rowsPerInsert {
            try store.execute(manySQL, waiting)
            waiting.removeAll(keepingCapacity: true)
            waitingRows = 0
        }
        return id
    }

    /// Writes every row still waiting.
    func flush() throws {
        guard waitingRows > 0 else { return }
        let width = waiting.count / waitingRows
        for row in 0..<waitingRows {
            try store.execute(singleSQL, Array(waiting[(row * width)..<((row + 1) * width)]))
        }
        waiting.removeAll(keepingCapacity: true)
        waitingRows = 0
    }

    /// The next id AUTOINCREMENT would give: past both the sequence and the
    /// largest id, of any creator (the tables are shared).
    private func takeID() throws -> Int64 {
        if nextID == nil {
            let sequence = try store.database.scalar("SELECT seq FROM sqlite_sequence WHERE name = ?", [.text(table)]).int64 ?? 0
            let largest = try store.database.scalar("SELECT max(id) FROM \(table)").int64 ?? 0
            nextID = max(sequence, largest) + 1
        }
        defer { nextID! += 1 }
        return nextID!
    }
}
