import Store

/// Where a segment's last refresh left off (fan_segment_refresh_marks,
/// migration 16): its clock, the last fan_changes id it had seen, and the
/// fingerprint of what it evaluated.
struct RefreshMark {
    var segmentID: Int64
    /// The `now` of the last refresh.
    var refreshedAt: Int64
    var changeID: Int64
    var fingerprint: String

    static func load(_ segmentID: Int64, from store: CreatorStore) throws -> RefreshMark? {
        guard let row = try store.rows("""
            SELECT refreshed_at, change_id, fingerprint FROM fan_segment_refresh_marks WHERE user_id = :user AND segment_id = ?
            """, [.integer(segmentID)]).first,
            let refreshedAt = row[0].int64, let changeID = row[1].int64, case .text(let fingerprint) = row[2] else { return nil }
        return RefreshMark(segmentID: segmentID, refreshedAt: refreshedAt, changeID: changeID, fingerprint: fingerprint)
    }

    func save(to store: CreatorStore) throws {
        // An update, else an insert: the same statements on both engines, whose
        // keys differ (`segment_id` here, `(user_id, segment_id)` on PostgreSQL).
        let updated = try store.execute("""
            UPDATE fan_segment_refresh_marks SET refreshed_at = ?, change_id = ?, fingerprint = ?
            WHERE user_id = :user AND segment_id = ?
            """, [.integer(refreshedAt), .integer(changeID), .text(fingerprint), .integer(segmentID)])
        if updated == 0 {
            try store.execute("""
                INSERT INTO fan_segment_refresh_marks (segment_id, user_id, refreshed_at, change_id, fingerprint)
                VALUES (?, :user, ?, ?, ?)
                """, [.integer(segmentID), .integer(refreshedAt), .integer(changeID), .text(fingerprint)])
        }
    }

    /// Drops the change log rows every mark of the program's segments has
    /// passed. A mark of a segment no longer in the program would keep the
    /// log growing: when it is behind, it is dropped instead (that segment,
    /// if it comes back, is refreshed in full).
    static func pruneChanges(of store: CreatorStore, keeping names: [String]) throws {
        guard !names.isEmpty else { return }
        let list = names.map { _ in "?" }.joined(separator: ", ")
        let inProgram = "SELECT id FROM fan_segments WHERE user_id = :user AND name IN (\(list))"
        let values = names.map(SQLValue.text)
        guard let oldest = try store.scalar("""
            SELECT min(change_id) FROM fan_segment_refresh_marks WHERE user_id = :user AND segment_id IN (\(inProgram))
            """, values).int64 else { return }
        try store.execute("""
            DELETE FROM fan_segment_refresh_marks WHERE user_id = :user AND change_id < ? AND segment_id NOT IN (\(inProgram))
            """, [.integer(oldest)] + values)
        try store.execute("DELETE FROM fan_changes WHERE id <= ? AND user_id = :user", [.integer(oldest)])
    }
}
