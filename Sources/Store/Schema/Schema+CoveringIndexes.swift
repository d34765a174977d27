/// Migration 20: per-fan indexes that hold every column a segment plan reads.
///
/// A segment over all fans reads a collection through its `(user_id, fan_id, …)`
/// index: grouped in fan order (`INDEXED BY <table>_by_fan`) or correlated, a
/// sub-query per fan. A column the index lacks costs a table fetch per row read:
/// `sum(fan.transactions.amount within 90d) >= $100` on 100,000 fans fetched
/// 462,000 rows for `amount_cents` (docs/PLANS.md, "Covering per-fan indexes").
/// Each index is dropped and made again under the same name, so the plans'
/// `INDEXED BY` still names it; the columns are appended, so every search the
/// old index served is the same search of the new one. The planner learns the
/// coverage from the store (`PlanEstimator.perFanIndexCovers`).
///
/// - `fan_transactions_by_fan` gains `amount_cents` (`sum`, `min`, `max`, `avg`
///   of `fan.transactions.amount`, and `amount` in a `where`).
/// - `fan_subscriptions_by_fan` gains `auto_renew` and `renews_at`
///   (`exists(fan.subscriptions where status == "active" and auto_renew == false
///   and renews_at < now + 3d)`, Rules/retention.rules).
///
/// The other per-fan indexes already hold what conditions read: messages
/// `(direction, sent_at)`, subscription events `(event_type, occurred_at)`,
/// custom requests `(created_at)`, accounts `(platform)`. Filters on the
/// remaining fields (a message's sentiment, a transaction's platform, a
/// price) fetch rows, and the shape chooser counts that cost.
/// PlanningTests' `CoveringIndexTests` checks each index with EXPLAIN QUERY PLAN.
extension Schema {
    static let coveringIndexes = """
        DROP INDEX fan_transactions_by_fan;
        CREATE INDEX fan_transactions_by_fan ON fan_transactions(user_id, fan_id, kind, occurred_at, amount_cents);
        DROP INDEX fan_subscriptions_by_fan;
        CREATE INDEX fan_subscriptions_by_fan ON fan_subscriptions(user_id, fan_id, status, auto_renew, renews_at);
        """
}
