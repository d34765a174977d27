import Store

/// Lifetime spend in a backtest's shadow store (docs/SIMULATE.md). The store
/// keeps `lifetime_spend_cents` the sum of a fan's transactions by a trigger
/// per inserted or deleted row; the rewind hides a window's transactions in
/// one statement and the replay puts them back a batch at a time, so one
/// update per statement, with each fan's total, does the same work without an
/// UPDATE per row. Only the shadow's triggers are dropped: the user's store
/// keeps the store's own rule, and the shadow's update trigger (no backtest
/// statement moves a transaction) stays.
struct ShadowSpend {
    let store: CreatorStore

    /// Takes over from the insert and delete triggers of `store`, a shadow store.
    init(store: CreatorStore) throws {
        self.store = store
        try store.database.execute("DROP TRIGGER IF EXISTS fan_transactions_add_spend")
        try store.database.execute("DROP TRIGGER IF EXISTS fan_transactions_remove_spend")
    }

    /// Takes from each fan's spend the transactions the rewind has just copied
    /// into the pending table (before it deletes them): the fan's spend at `from`.
    func removeHidden() throws {
        try store.execute("""
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - hidden.total
            FROM (SELECT fan_id, sum(amount_cents) AS total FROM simulate_pending_fan_transactions
                  WHERE user_id = :user GROUP BY fan_id) AS hidden
            WHERE fan_profiles.user_id = :user AND fan_profiles.id = hidden.fan_id
            """)
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
