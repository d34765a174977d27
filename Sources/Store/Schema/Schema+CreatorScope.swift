/// Migration 11: a row about a fan belongs to that fan's creator. Every query
/// the engine builds binds `user_id`, but the data itself must not be able to
/// disagree: a transaction filed under creator B for creator A's fan would
/// otherwise raise A's lifetime spend. The database refuses such rows, and the
/// spend triggers match on `user_id` as well as the fan.
extension Schema {
    /// Tables whose rows name a fan (`fan_id`), all of them creator-owned.
    static let fanOwnedTables = [
        "fan_platform_accounts", "fan_subscriptions", "fan_subscription_events", "fan_memories", "fan_notes",
        "fan_scores", "fan_segment_members", "fan_transactions", "fan_custom_requests", "fan_tag_values",
        "fan_messages", "automation_rule_actions", "hitl_action_queue", "automation_scheduled_actions",
        "automation_rule_firings", "fan_segment_member_events", "message_broadcast_deliveries",
    ]

    /// Of those, the ones whose rows cannot be updated at all (their append-only
    /// triggers already refuse, with the clearer message).
    static let appendOnlyFanTables: Set<String> = ["fan_subscription_events", "automation_rule_actions", "fan_segment_member_events"]

    static var creatorScope: String {
        fanOwnedTables.map(creatorGuards(for:)).joined() + """

        DROP TRIGGER fan_transactions_add_spend;
        DROP TRIGGER fan_transactions_move_spend;
        DROP TRIGGER fan_transactions_remove_spend;
        CREATE TRIGGER fan_transactions_add_spend AFTER INSERT ON fan_transactions
        BEGIN
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + NEW.amount_cents
            WHERE id = NEW.fan_id AND user_id = NEW.user_id;
        END;
        CREATE TRIGGER fan_transactions_move_spend AFTER UPDATE OF amount_cents, fan_id, user_id ON fan_transactions
        BEGIN
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - OLD.amount_cents
            WHERE id = OLD.fan_id AND user_id = OLD.user_id;
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + NEW.amount_cents
            WHERE id = NEW.fan_id AND user_id = NEW.user_id;
        END;
        CREATE TRIGGER fan_transactions_remove_spend AFTER DELETE ON fan_transactions
        BEGIN
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - OLD.amount_cents
            WHERE id = OLD.fan_id AND user_id = OLD.user_id;
        END;
        """
    }

    /// The triggers that keep one table's rows with their fan's creator (a
    /// table rebuilt by a later migration recreates them).
    static func creatorGuards(for table: String) -> String {
        var ddl = guardTrigger(table, name: "\(table)_same_creator", event: "INSERT")
        if !appendOnlyFanTables.contains(table) {
            ddl += guardTrigger(table, name: "\(table)_same_creator_on_update", event: "UPDATE OF fan_id, user_id")
        }
        return ddl
    }

    private static func guardTrigger(_ table: String, name: String, event: String) -> String {
        """
        CREATE TRIGGER \(name) BEFORE \(event) ON \(table)
        WHEN NEW.fan_id IS NOT NULL AND (SELECT user_id FROM fan_profiles WHERE id = NEW.fan_id) IS NOT NEW.user_id
        BEGIN SELECT RAISE(ABORT, '\(table): the fan belongs to another creator'); END;

        """
    }
}
