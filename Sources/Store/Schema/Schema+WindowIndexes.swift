/// Migration 15: indexes for time windows read across all of a creator's fans.
///
/// A segment like `count(fan.messages within 30d) == 0` or
/// `exists(fan.subscription_events within 7d where …)`, planned as one set over
/// every fan, reads the rows of the window and groups them by fan. Transactions
/// had `(user_id, occurred_at)` for that; messages and subscription events had
/// only `(user_id, id)` and per-fan indexes, so such a window scanned the whole
/// table. Each index here is used by a plan (PlanningTests' `WindowIndexTests`
/// checks with EXPLAIN QUERY PLAN that the grouped window is a range search of
/// it). Per-fan (correlated) windows already have `(user_id, fan_id, …, time)`.
extension Schema {
    static let windowIndexes = """
        CREATE INDEX fan_messages_by_time ON fan_messages(user_id, sent_at);
        CREATE INDEX fan_subscription_events_by_time ON fan_subscription_events(user_id, occurred_at);
        """
}
