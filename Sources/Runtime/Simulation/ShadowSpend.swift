import Store

/// Lifetime spend in a backtest's shadow store (docs/SIMULATE.md). The store
/// keeps `lifetime_spend_cents` the sum of a fan's transactions by a trigger
/// per inserted row; the replay puts transactions back a batch at a time, so
/// one update per batch adding each fan's put-back total does the same work
/// without an UPDATE per row. Only the shadow's trigger is dropped: the user's
/// store, and the rewind (`HistoryRewind`, which lowers spend through the
/// delete trigger), keep the store's own rule.
struct ShadowSpend {
    let store: CreatorStore

    /// Takes over from the insert trigger of `store`, a shadow store.
    init(store: CreatorStore) throws {
        self.store = store
        try store.database.execute("DROP TRIGGER IF EXISTS fan_transactions_add_spend")
    }

    /// Adds to each fan's spend the transactions just put back from the
    /// pending table: the replayed ones dated in `(lower, upper]`. Every
    /// event of the batch runs after this, and a fan's rows of one batch all
    /// date from one second (`ReplayBatch`), so each event sees the sum of
    /// its fan's transactions up to its moment, as with the trigger.
    func addPutBack(after lower: Int64, through upper: Int64) throws {
        try store.execute("""
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + added.total
            FROM (SELECT fan_id, sum(amount_cents) AS total FROM simulate_pending_fan_transactions
                  WHERE user_id = :user AND simulate_replayed AND simulate_time > ? AND simulate_time <= ? GROUP BY fan_id) AS added
            WHERE fan_profiles.user_id = :user AND fan_profiles.id = added.fan_id
            """, [.integer(lower), .integer(upper)])
    }
}
