/// STORE.md's lists, written out again here on purpose: the tests check the
/// schema against the contract, not against the code that builds the schema.
enum PinnedSchema {
    static let allCollections = [
        "fan_profiles", "fan_platform_accounts", "fan_subscriptions", "fan_subscription_events",
        "fan_identity_links", "fan_memories", "fan_notes", "fan_scores", "fan_segments",
        "fan_segment_members", "fan_transactions", "fan_custom_requests", "fan_tag_values", "fan_messages",
        "content_posts", "content_series", "content_ideas", "scheduled_posts", "post_performance_snapshots",
        "media_assets", "media_collections", "media_asset_usages", "media_jobs", "media_presets",
        "campaigns", "campaign_platform_performance", "creator_earnings", "creator_goals", "platform_stats_snapshots",
        "creator_profiles", "platform_connections", "platform_health_checks", "subscription_events", "user_usage_counts",
        "automation_rules", "automation_rule_runs", "automation_rule_actions", "message_templates",
        "message_broadcasts", "message_broadcast_deliveries", "hitl_action_queue",
        "fan_import_runs", "creator_goal_snapshots", "campaign_content_performance",
        "automation_cursors", "fan_segment_member_events", "automation_scheduled_actions",
    ]

    static let appendOnly = [
        "subscription_events", "fan_subscription_events", "automation_rule_runs", "automation_rule_actions",
        "post_performance_snapshots", "platform_stats_snapshots", "fan_segment_member_events",
    ]

    static let eventSourcesWithAutoincrement = [
        "fan_subscription_events", "fan_transactions", "fan_messages", "fan_custom_requests",
        "fan_profiles", "fan_tag_values", "fan_segment_member_events",
    ]

    /// The pinned columns of STORE.md, table by table.
    static let columns: [String: [String]] = [
        "creator_profiles": ["id", "user_id", "display_name", "timezone", "currency", "onboarding_state", "created_at"],
        "fan_profiles": ["id", "user_id", "display_name", "timezone", "lifecycle_stage", "lifetime_spend_cents",
                         "engagement_score", "created_at", "last_active_at"],
        "fan_platform_accounts": ["id", "user_id", "fan_id", "platform", "platform_fan_id", "username", "linked_at"],
        "fan_identity_links": ["id", "user_id", "account_a_id", "account_b_id", "confirmed_at"],
        "fan_subscriptions": ["id", "user_id", "fan_id", "account_id", "platform", "tier", "status", "auto_renew",
                              "price_cents", "started_at", "renews_at"],
        "fan_subscription_events": ["id", "user_id", "fan_id", "account_id", "platform", "event_type", "tier",
                                    "price_cents", "occurred_at"],
        "fan_transactions": ["id", "user_id", "fan_id", "account_id", "platform", "kind", "amount_cents", "occurred_at"],
        "fan_messages": ["id", "user_id", "fan_id", "account_id", "platform", "direction", "body", "sentiment",
                         "template_id", "status", "scheduled_at", "sent_at", "created_at"],
        "fan_scores": ["id", "user_id", "fan_id", "dimension", "value", "computed_at"],
        "fan_tag_values": ["id", "user_id", "fan_id", "tag", "created_at"],
        "fan_memories": ["id", "user_id", "fan_id", "kind", "key", "value", "created_at"],
        "fan_notes": ["id", "user_id", "fan_id", "body", "created_at"],
        "fan_custom_requests": ["id", "user_id", "fan_id", "description", "stage", "status", "offered_price_cents",
                                "agreed_price_cents", "created_at"],
        "fan_segments": ["id", "user_id", "name", "display_name", "definition", "plan_json", "member_count",
                         "evaluated_at", "updated_at"],
        "fan_segment_members": ["id", "user_id", "segment_id", "fan_id", "added_at"],
        "message_templates": ["id", "user_id", "name", "body", "platform_variants_json", "tone", "created_at"],
        "automation_rules": ["id", "user_id", "name", "source", "trigger", "priority", "status", "version",
                             "plan_json", "created_at", "updated_at"],
        "automation_rule_runs": ["id", "user_id", "rule_id", "rule_version", "trigger", "event_source", "event_id",
                                 "triggered_at", "matched_fan_count", "outcome", "error", "duration_ms"],
        "automation_rule_actions": ["id", "user_id", "run_id", "rule_id", "fan_id", "action_index", "action_type",
                                    "params_json", "outcome", "reason", "hitl_id", "executed_at"],
        "hitl_action_queue": ["id", "user_id", "rule_id", "run_id", "fan_id", "action_index", "action_type",
                              "params_json", "preview", "status", "reason", "created_at", "expires_at",
                              "decided_at", "decided_by"],
        "automation_cursors": ["id", "user_id", "source", "last_id", "updated_at"],
        "fan_segment_member_events": ["id", "user_id", "segment_id", "fan_id", "change", "occurred_at"],
        "automation_scheduled_actions": ["id", "user_id", "rule_id", "run_id", "fan_id", "action_index", "action_type",
                                         "params_json", "due_at", "status", "hitl_id", "created_at"],
    ]
}
