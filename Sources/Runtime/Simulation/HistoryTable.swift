import Store

/// A table whose rows are history with a time: what a backtest hides after
/// `from` and puts back, second by second, as the replay reaches their time
/// (docs/SIMULATE.md). In the order rows are put back within one second:
/// a new fan before the rows that name it, a subscription event before the
/// renewal payment that points at it.
struct HistoryTable: Sendable {
    /// The table, e.g. `fan_transactions`.
    let table: String
    /// The SQL expression of a row's time.
    let time: String
    /// Rows put back when the replay reaches them; the others (what rules
    /// wrote in reality: drafts, rule tags, rule notes) are left out, because
    /// the simulated rules write their own.
    let replayed: String
    /// Whether a row keeps its id when put back. Only `fan_profiles` does (every
    /// table names fans by id, and the engine never writes fans); other rows get
    /// new ids, above every id the engine wrote so far, so the engine's cursor,
    /// which only moves forward, reaches them in the order they are put back.
    let keepsIDs: Bool
    /// Columns naming another history row by id, re-pointed at its new id.
    let references: [(column: String, table: String)]

    static let all: [HistoryTable] = [
        HistoryTable(table: "fan_profiles", time: "created_at", replayed: "1", keepsIDs: true, references: []),
        HistoryTable(table: "fan_subscription_events", time: "occurred_at", replayed: "1", keepsIDs: false, references: []),
        HistoryTable(table: "fan_transactions", time: "occurred_at", replayed: "1", keepsIDs: false,
                     references: [("subscription_event_id", "fan_subscription_events")]),
        HistoryTable(table: "fan_messages", time: "coalesce(sent_at, created_at)", replayed: "rule_id IS NULL", keepsIDs: false,
                     references: [("in_reply_to_id", "fan_messages")]),
        HistoryTable(table: "fan_custom_requests", time: "created_at", replayed: "1", keepsIDs: false, references: []),
        HistoryTable(table: "fan_segment_member_events", time: "occurred_at", replayed: "1", keepsIDs: false, references: []),
        HistoryTable(table: "fan_tag_values", time: "created_at", replayed: "source <> 'rule' AND rule_id IS NULL", keepsIDs: false, references: []),
        HistoryTable(table: "fan_notes", time: "created_at", replayed: "rule_id IS NULL", keepsIDs: false, references: []),
    ]

    /// Where the hidden rows wait in the shadow store.
    var pendingTable: String { "simulate_pending_\(table)" }
}
