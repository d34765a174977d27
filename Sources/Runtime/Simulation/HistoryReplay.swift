import Foundation
import Store

/// Puts hidden history back into the shadow store, one second at a time
/// (docs/SIMULATE.md), so that when the engine runs at that second every
/// event sees the rows of its moment and nothing later.
final class HistoryReplay {
    private let store: CreatorStore
    private let to: Int64
    private var columns: [String: [String]] = [:]
    private let spend: ShadowSpend

    /// `store`: the shadow, rewound; the replay keeps its fans' spend from here on (`ShadowSpend`).
    init(store: CreatorStore, to: Int64) throws {
        self.store = store
        self.to = to
        spend = try ShadowSpend(store: store)
        for table in HistoryTable.all {
            var names: [String] = []
            let rows = try store.database.cursor("SELECT name FROM pragma_table_info('\(table.table)')")
            while let row = try rows.next() { names.append(row.string(0)) }
            columns[table.table] = names
        }
    }

    /// Every row to put back, in the order it goes back: by second, then
    /// `HistoryTable.all` order, then original id. Read once, so a second's
    /// replay costs no query to find its rows.
    private var arrivals: [(time: Int64, table: Int, id: Int64, fan: Int64)] = []
    private var nextArrival = 0

    /// What comes back at one second: the replay's unit (docs/SIMULATE.md,
    /// "Several seconds in one batch").
    struct Second: Sendable, Equatable {
        let time: Int64
        /// The fans the second's rows belong to (a new fan's own id).
        var fans: Set<Int64> = []
        /// Rows coming back.
        var rows = 0
        /// The ids of the `fan_profiles` rows coming back, lowest and highest
        /// (they keep their ids, so the reader meets them in id order).
        var profileIDs: ClosedRange<Int64>?
    }

    /// Reads what comes back in `(from, to]`; returns the seconds at which rows do.
    func times(after from: Int64) throws -> [Int64] {
        try seconds(after: from).map(\.time)
    }

    /// Reads what comes back in `(from, to]`, second by second, in time order.
    func seconds(after from: Int64) throws -> [Second] {
        arrivals = []
        for (index, table) in HistoryTable.all.enumerated() {
            let fan = table.table == "fan_profiles" ? "id" : "fan_id"
            try store.forEachRow("""
                SELECT simulate_time, id, \(fan) FROM \(table.pendingTable)
                WHERE user_id = :user AND simulate_replayed AND simulate_time > ? AND simulate_time <= ?
                """, [.integer(from), .integer(to)]) { arrivals.append(($0.int64(0), index, $0.int64(1), $0.int64(2))) }
        }
        arrivals.sort { ($0.time, $0.table, $0.id) < ($1.time, $1.table, $1.id) }
        nextArrival = 0
        let profiles = HistoryTable.all.firstIndex { $0.table == "fan_profiles" }
        var seconds: [Second] = []
        for arrival in arrivals {
            if seconds.last?.time != arrival.time { seconds.append(Second(time: arrival.time)) }
            seconds[seconds.count - 1].fans.insert(arrival.fan)
            seconds[seconds.count - 1].rows += 1
            if arrival.table == profiles {
                let range = seconds[seconds.count - 1].profileIDs
                seconds[seconds.count - 1].profileIDs = min(range?.lowerBound ?? arrival.id, arrival.id)...max(range?.upperBound ?? arrival.id, arrival.id)
            }
        }
        return seconds
    }

    /// Where the replay stands, to go back to when a transaction that put rows back is rolled back.
    var position: Int {
        get { nextArrival }
        set { nextArrival = newValue }
    }

    /// Puts back the rows dated up to `time` not yet back, table by table in
    /// `HistoryTable.all` order, each table's rows in one statement, by time
    /// and original id: they get new ids in that order, so the engine's
    /// cursor meets them as they happened.
    func putBack(through time: Int64) throws {
        let start = nextArrival
        while nextArrival < arrivals.count, arrivals[nextArrival].time <= time { nextArrival += 1 }
        guard nextArrival > start else { return }
        let lower = start > 0 ? arrivals[start - 1].time : Int64.min
        var idsByTable = [[Int64]](repeating: [], count: HistoryTable.all.count)
        // Arrivals are by time, then table, then id: each table's list is by time and id.
        for arrival in arrivals[start..<nextArrival] { idsByTable[arrival.table].append(arrival.id) }
        for (index, table) in HistoryTable.all.enumerated() where !idsByTable[index].isEmpty {
            let ids = idsByTable[index]
            if table.keepsIDs { try keepCursorBehind(ids.min()!, of: table, at: time) }
            try putBack(ids, of: table, after: lower, through: time)
            if table.table == "fan_transactions" { try spend.addPutBack(after: lower, through: time) }
            if table.table == "fan_segment_member_events" { try applyMemberships(ids, at: time) }
        }
    }

    /// Tables whose put-back rows others point at: their new ids are kept.
    private static let referenced = Set(HistoryTable.all.flatMap { $0.references.map(\.table) })

    /// Puts back `ids` of `table`: its replayed rows dated in `(lower, upper]`,
    /// in that order.
    private func putBack(_ ids: [Int64], of table: HistoryTable, after lower: Int64, through upper: Int64) throws {
        let names = (columns[table.table] ?? []).filter { table.keepsIDs || $0 != "id" }
        let values = names.map { name -> String in
            // `:user` binds the creator; the copied row's own user_id is the same.
            if name == "user_id" { return ":user" }
            guard let reference = table.references.first(where: { $0.column == name }) else { return "p.\(name)" }
            let target = "simulate_pending_\(reference.table)"
            return "coalesce((SELECT r.simulate_new_id FROM \(target) r WHERE r.id = p.\(name)), p.\(name))"
        }
        let conflict = table.table == "fan_tag_values" ? "OR IGNORE " : ""
        let window = "p.user_id = :user AND p.simulate_replayed AND p.simulate_time > ? AND p.simulate_time <= ?"
        let inserted = try store.execute("""
            INSERT \(conflict)INTO \(table.table) (\(names.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(table.pendingTable) p WHERE \(window) ORDER BY p.simulate_time, p.id
            """, [.integer(lower), .integer(upper)])
        guard Self.referenced.contains(table.table) else { return }
        // One INSERT gives its rows consecutive new ids, in its order.
        guard inserted == ids.count else { throw HistoryReplayError.unexpectedCount(table: table.table, expected: ids.count, inserted: inserted) }
        // Numbered in the INSERT's order, in one statement (not an UPDATE per row).
        let first = store.database.lastInsertRowID - Int64(ids.count) + 1
        try store.execute("""
            UPDATE \(table.pendingTable) SET simulate_new_id = ? - 1 + numbered.n
            FROM (SELECT p.id, row_number() OVER (ORDER BY p.simulate_time, p.id) AS n FROM \(table.pendingTable) p WHERE \(window)) AS numbered
            WHERE \(table.pendingTable).id = numbered.id
            """, [.integer(first), .integer(lower), .integer(upper)])
        // A row pointing at an earlier row of the same statement kept its old id: point it at the new one.
        for reference in table.references where reference.table == table.table {
            var pairs: [(row: Int64, target: Int64)] = []
            try store.forEachRow("""
                SELECT p.simulate_new_id, r.simulate_new_id FROM \(table.pendingTable) p JOIN \(table.pendingTable) r ON r.id = p.\(reference.column)
                WHERE \(window) AND r.simulate_replayed AND r.simulate_time > ? AND (r.simulate_time, r.id) < (p.simulate_time, p.id)
                """, [.integer(lower), .integer(upper), .integer(lower)]) { pairs.append(($0.int64(0), $0.int64(1))) }
            for pair in pairs {
                try store.execute("UPDATE \(table.table) SET \(reference.column) = ? WHERE user_id = :user AND id = ?",
                                  [.integer(pair.target), .integer(pair.row)])
            }
        }
    }

    /// A row put back under its own id below the source's cursor would never
    /// be read: the cursor steps back below it, and the rows in between that
    /// were already handled are listed as handled ahead of it (the engine's
    /// `automation_events_ahead`), so none is read twice.
    private func keepCursorBehind(_ lowest: Int64, of table: HistoryTable, at time: Int64) throws {
        guard let cursor = try store.scalar("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = ?",
                                            [.text(table.table)]).int64,
              lowest <= cursor else { return }
        try store.execute("""
            INSERT OR IGNORE INTO automation_events_ahead (user_id, source, event_id, handled_at)
            SELECT :user, ?, id, ? FROM \(table.table) WHERE user_id = :user AND id >= ? AND id <= ?
            """, [.text(table.table), .integer(time), .integer(lowest), .integer(cursor)])
        try store.execute("UPDATE automation_cursors SET last_id = ? WHERE user_id = :user AND source = ?",
                          [.integer(lowest - 1), .text(table.table)])
    }

    /// A membership event put back changes the membership it records.
    private func applyMemberships(_ ids: [Int64], at time: Int64) throws {
        for id in ids {
            try store.execute("""
                INSERT OR IGNORE INTO fan_segment_members (user_id, segment_id, fan_id, added_at)
                SELECT :user, segment_id, fan_id, simulate_time FROM simulate_pending_fan_segment_member_events
                WHERE user_id = :user AND id = ? AND change = 'entered'
                """, [.integer(id)])
            try store.execute("""
                DELETE FROM fan_segment_members WHERE user_id = :user AND EXISTS (
                    SELECT 1 FROM simulate_pending_fan_segment_member_events p WHERE p.user_id = :user AND p.id = ?
                    AND p.change = 'exited' AND p.segment_id = fan_segment_members.segment_id AND p.fan_id = fan_segment_members.fan_id)
                """, [.integer(id)])
        }
    }
}

enum HistoryReplayError: Error, CustomStringConvertible {
    case unexpectedCount(table: String, expected: Int, inserted: Int)

    var description: String {
        switch self {
        case .unexpectedCount(let table, let expected, let inserted):
            "backtest: \(inserted) rows of \(table) went back, \(expected) were expected"
        }
    }
}
