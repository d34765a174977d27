import Foundation
import Store

/// Puts hidden history back into the shadow store, one second at a time
/// (docs/SIMULATE.md), so that when the engine runs at that second every
/// event sees the rows of its moment and nothing later.
final class HistoryReplay {
    private let store: CreatorStore
    private let to: Int64
    private var columns: [String: [String]] = [:]

    init(store: CreatorStore, to: Int64) throws {
        self.store = store
        self.to = to
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
    private var arrivals: [(time: Int64, table: Int, id: Int64)] = []
    private var nextArrival = 0

    /// Reads what comes back in `(from, to]`; returns the seconds at which rows do.
    func times(after from: Int64) throws -> [Int64] {
        arrivals = []
        for (index, table) in HistoryTable.all.enumerated() {
            try store.forEachRow("""
                SELECT simulate_time, id FROM \(table.pendingTable)
                WHERE user_id = :user AND simulate_replayed AND simulate_time > ? AND simulate_time <= ?
                """, [.integer(from), .integer(to)]) { arrivals.append(($0.int64(0), index, $0.int64(1))) }
        }
        arrivals.sort { ($0.time, $0.table, $0.id) < ($1.time, $1.table, $1.id) }
        nextArrival = 0
        var times: [Int64] = []
        for arrival in arrivals where times.last != arrival.time { times.append(arrival.time) }
        return times
    }

    /// Puts back the rows dated up to `time` not yet back, table by table in
    /// `HistoryTable.all` order and by original id within a table.
    func putBack(through time: Int64) throws {
        while nextArrival < arrivals.count, arrivals[nextArrival].time <= time {
            let tableIndex = arrivals[nextArrival].table
            var ids: [Int64] = []
            while nextArrival < arrivals.count, arrivals[nextArrival].time <= time, arrivals[nextArrival].table == tableIndex {
                ids.append(arrivals[nextArrival].id)
                nextArrival += 1
            }
            let table = HistoryTable.all[tableIndex]
            if table.keepsIDs { try keepCursorBehind(ids, of: table, at: time) }
            for id in ids { try putBack(id, of: table) }
            if table.table == "fan_segment_member_events" { try applyMemberships(ids, at: time) }
        }
    }

    private func putBack(_ id: Int64, of table: HistoryTable) throws {
        let names = (columns[table.table] ?? []).filter { table.keepsIDs || $0 != "id" }
        let values = names.map { name -> String in
            // `:user` binds the creator; the copied row's own user_id is the same.
            if name == "user_id" { return ":user" }
            guard let reference = table.references.first(where: { $0.column == name }) else { return "p.\(name)" }
            let target = "simulate_pending_\(reference.table)"
            return "coalesce((SELECT r.simulate_new_id FROM \(target) r WHERE r.id = p.\(name)), p.\(name))"
        }
        let conflict = table.table == "fan_tag_values" ? "OR IGNORE " : ""
        let inserted = try store.execute("""
            INSERT \(conflict)INTO \(table.table) (\(names.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(table.pendingTable) p WHERE p.id = ?
            """, [.integer(id)])
        guard inserted > 0 else { return }
        try store.execute("UPDATE \(table.pendingTable) SET simulate_new_id = ? WHERE user_id = :user AND id = ?",
                          [.integer(store.database.lastInsertRowID), .integer(id)])
    }

    /// A row put back under its own id below the source's cursor would never
    /// be read: the cursor steps back below it, and the rows in between that
    /// were already handled are listed as handled ahead of it (the engine's
    /// `automation_events_ahead`), so none is read twice.
    private func keepCursorBehind(_ ids: [Int64], of table: HistoryTable, at time: Int64) throws {
        guard let lowest = ids.first,
              let cursor = try store.scalar("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = ?",
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
