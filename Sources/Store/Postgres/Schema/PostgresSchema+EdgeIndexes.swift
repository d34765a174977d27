/// Migration 22 on PostgreSQL, mirroring `Schema+EdgeIndexes.swift`: the
/// window-edge time indexes hold `fan_id`, so an edge query can be an
/// index-only scan.
extension PostgresSchema {
    static let edgeIndexes = """
        DROP INDEX fan_transactions_by_time;
        CREATE INDEX fan_transactions_by_time ON fan_transactions (user_id, occurred_at, fan_id);
        DROP INDEX fan_messages_by_time;
        CREATE INDEX fan_messages_by_time ON fan_messages (user_id, sent_at, fan_id);
        DROP INDEX fan_subscription_events_by_time;
        CREATE INDEX fan_subscription_events_by_time ON fan_subscription_events (user_id, occurred_at, fan_id);
        DROP INDEX fan_subscriptions_by_renews_at;
        CREATE INDEX fan_subscriptions_by_renews_at ON fan_subscriptions (user_id, renews_at, fan_id);

        """
}
