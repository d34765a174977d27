import Store

/// Writes a batch's `automation_rule_runs` rows, most of them several to a
/// statement.
///
/// Most runs are `no_match` (or `stale`, `cascade_limit`, `failed`): rows
/// nothing else in the batch refers to. Each was its own `INSERT`, and with
/// the table's constraints every statement opened and closed a statement
/// journal: about a fifth of `run`'s time went to these inserts. They now wait
/// in memory and go in `rowsPerInsert` at a time; a `matched` run, which the
/// firings and actions rows that follow point to, is inserted at once.
///
/// Ids stay what one insert per run gave: the writer hands them out itself,
/// in the order runs happen, from where the table's `AUTOINCREMENT` sequence
/// stood when the batch began. The batch holds the write lock (`BEGIN
/// IMMEDIATE`), so no other writer takes ids meanwhile, and an explicit id
/// moves the sequence on as an automatic one does. Nothing in a batch reads
/// runs back, and `flush` runs before the batch commits.
final class RunRowWriter {
    private let store: CreatorStore
    private var nextID: Int64
    private var waiting: [SQLValue] = []
    private var waitingCount = 0

    static let rowsPerInsert = 64
    private static let columns = """
        INSERT INTO automation_rule_runs (id, user_id, rule_id, rule_version, trigger, event_source, event_id,
            triggered_at, matched_fan_count, outcome, error, duration_ms) VALUES
        """
    private static let rowPlaceholder = "(?, :user, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    private static let singleSQL = columns + " " + rowPlaceholder
    private static let manySQL = columns + " " + Array(repeating: rowPlaceholder, count: rowsPerInsert).joined(separator: ", ")

    init(store: CreatorStore) throws {
        self.store = store
        // The next id AUTOINCREMENT would give: past both the sequence and the
        // largest id, of any creator (the table is shared).
        let sequence = try store.database.scalar(
            "SELECT seq FROM sqlite_sequence WHERE name = 'automation_rule_runs'").int64 ?? 0
        let largest = try store.database.scalar("SELECT max(id) FROM automation_rule_runs").int64 ?? 0
        self.nextID = max(sequence, largest) + 1
    }

    /// Takes the row's id now; writes the row now when `referenced` (other
    /// rows will point to it), else with the next full statement or `flush`.
    /// `values` are the columns after `id` and `user_id`, in `columns` order.
    func insert(_ values: [SQLValue], referenced: Bool) throws -> Int64 {
        let id = nextID
        nextID += 1
        if referenced {
            try store.execute(Self.singleSQL, [.integer(id)] + values)
            return id
        }
        waiting.append(.integer(id))
        waiting.append(contentsOf: values)
        waitingCount += 1
        if waitingCount == Self.rowsPerInsert {
            try store.execute(Self.manySQL, waiting)
            waiting.removeAll(keepingCapacity: true)
            waitingCount = 0
        }
        return id
    }

    /// Writes every row still waiting.
    func flush() throws {
        let width = waiting.count / max(waitingCount, 1)
        for row in 0..<waitingCount {
            try store.execute(Self.singleSQL, Array(waiting[(row * width)..<((row + 1) * width)]))
        }
        waiting.removeAll(keepingCapacity: true)
        waitingCount = 0
    }
}
