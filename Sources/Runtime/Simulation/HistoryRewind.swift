import Store

/// Turns the shadow store back to the moment `from` (docs/SIMULATE.md): rows of
/// history dated after it move to pending tables, the engine's own records
/// after it are dropped, segment memberships are rebuilt from their events,
/// and every cursor is put at the current end, so only what the replay puts
/// back is new. Lifetime spend drops by the hidden transactions' totals, and
/// the replay adds them back (`ShadowSpend`).
struct HistoryRewind {
    let store: CreatorStore
    let from: Int64

    func apply() throws {
        let database = store.database
        // The copy is private: its append-only guards would refuse the rewind.
        let guards = try database.cursor("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_no_delete' OR name LIKE '%_no_update')")
        var names: [String] = []
        while let row = try guards.next() { names.append(row.string(0)) }
        for name in names { try database.execute("DROP TRIGGER \"\(name)\"") }

        let spend = try ShadowSpend(store: store)
        try store.transaction {
            // Transactions leave first, so the fans' spend drops before their rows are kept aside.
            let spendFirst = HistoryTable.all.filter { $0.table == "fan_transactions" }
                + HistoryTable.all.filter { $0.table != "fan_transactions" }
            for table in spendFirst {
                try hide(table)
                if table.table == "fan_transactions" { try spend.removeHidden() }
            }
            try rebuildSegmentMemberships()
            try dropEngineRecords()
            try startCursorsAtTheEnd()
        }
    }

    /// Moves the table's rows dated after `from` to its pending table.
    private func hide(_ table: HistoryTable) throws {
        try store.database.execute("DROP TABLE IF EXISTS \(table.pendingTable)")
        try store.execute("""
            CREATE TABLE \(table.pendingTable) AS SELECT *, NULL AS simulate_new_id, \(table.time) AS simulate_time,
                (\(table.replayed)) AS simulate_replayed FROM \(table.table) WHERE user_id = :user AND \(table.time) > ?
            """, [.integer(from)])
        try store.database.execute("CREATE INDEX \(table.pendingTable)_by_time ON \(table.pendingTable)(simulate_time, id)")
        try store.database.execute("CREATE INDEX \(table.pendingTable)_by_id ON \(table.pendingTable)(id)")
        try store.execute("DELETE FROM \(table.table) WHERE user_id = :user AND \(table.time) > ?", [.integer(from)])
    }

    /// Membership at `from`: a pair whose first later event is `entered` was
    /// not a member then, one whose first later event is `exited` was.
    private func rebuildSegmentMemberships() throws {
        let pending = "simulate_pending_fan_segment_member_events"
        let first = "p.id = (SELECT min(q.id) FROM \(pending) q WHERE q.segment_id = p.segment_id AND q.fan_id = p.fan_id)"
        try store.execute("""
            DELETE FROM fan_segment_members WHERE user_id = :user AND EXISTS (
                SELECT 1 FROM \(pending) p WHERE p.segment_id = fan_segment_members.segment_id
                AND p.fan_id = fan_segment_members.fan_id AND p.change = 'entered' AND \(first))
            """)
        try store.execute("""
            INSERT OR IGNORE INTO fan_segment_members (user_id, segment_id, fan_id, added_at)
            SELECT :user, p.segment_id, p.fan_id, ? FROM \(pending) p WHERE p.change = 'exited' AND \(first)
            """, [.integer(from)])
    }

    /// What the engine recorded after `from` did not happen yet; approvals and
    /// delayed actions decided after it are open again.
    private func dropEngineRecords() throws {
        let later = [SQLValue.integer(from)]
        let laterRuns = "SELECT id FROM automation_rule_runs WHERE user_id = :user AND triggered_at > ?"
        try store.execute("DELETE FROM automation_rule_actions WHERE user_id = :user AND (executed_at > ? OR run_id IN (\(laterRuns)))", later + later)
        try store.execute("DELETE FROM automation_rule_firings WHERE user_id = :user AND fired_at > ?", later)
        try store.execute("DELETE FROM automation_scheduled_actions WHERE user_id = :user AND run_id IN (\(laterRuns))", later)
        try store.execute("UPDATE automation_scheduled_actions SET status = 'pending' WHERE user_id = :user AND status = 'done' AND due_at > ?", later)
        try store.execute("DELETE FROM hitl_action_queue WHERE user_id = :user AND created_at > ?", later)
        try store.execute("""
            UPDATE hitl_action_queue SET status = 'pending', decided_at = NULL, decided_by = NULL, reason = NULL
            WHERE user_id = :user AND decided_at > ?
            """, later)
        try store.execute("DELETE FROM automation_rule_runs WHERE user_id = :user AND triggered_at > ?", later)
        try store.execute("DELETE FROM automation_events_ahead WHERE user_id = :user")
    }

    private func startCursorsAtTheEnd() throws {
        for source in EventSource.allCases {
            let end = try store.scalar("SELECT coalesce(max(id), 0) FROM \(source.table) WHERE user_id = :user").int64 ?? 0
            try store.execute("""
                INSERT INTO automation_cursors (user_id, source, last_id, updated_at) VALUES (:user, ?, ?, ?)
                ON CONFLICT (user_id, source) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at
                """, [.text(source.rawValue), .integer(end), .integer(from)])
        }
    }
}
