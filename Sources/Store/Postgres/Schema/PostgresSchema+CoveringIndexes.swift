/// Migration 20 on PostgreSQL, mirroring `Schema+CoveringIndexes.swift`: the
/// per-fan indexes of transactions and subscriptions hold the columns segment
/// plans read, so a per-fan read can be an index-only scan.
///
/// What differs from SQLite, and why: the added columns are `INCLUDE`d, not
/// keys. Nothing searches or orders by them; stored in the leaf pages only,
/// they keep the inner pages as small as before, and the keys (what every
/// search reads) are the same as SQLite's.
extension PostgresSchema {
    static let coveringIndexes = """
    DROP INDEX fan_transactions_by_fan;
    CREATE INDEX fan_transactions_by_fan ON fan_transactions (user_id, fan_id, kind, occurred_at) INCLUDE (amount_cents);
    DROP INDEX fan_subscriptions_by_fan;
    CREATE INDEX fan_subscriptions_by_fan ON fan_subscriptions (user_id, fan_id, status) INCLUDE (auto_renew, renews_at);
    """
}
