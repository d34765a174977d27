/// Writes planned fans through statements prepared once and reused for every
/// row (the seed's hot path: millions of inserts in one transaction).
final class FanWriter {
    private let userID: SQLValue
    private let templateIDs: [String: Int64]
    private let fan, account, link, subscription, subscriptionEvent, transaction, customRequest,
                message, score, tag, memory, note: Statement
    private(set) var rowsByTable: [String: Int] = [:]

    init(database: Database, userID: String, templateIDs: [String: Int64]) throws {
        self.userID = .text(userID)
        self.templateIDs = templateIDs
        func insert(_ table: String, _ columns: String) throws -> Statement {
            let count = columns.split(separator: ",").count
            return try database.prepare("INSERT INTO \(table) (\(columns)) VALUES (" + Array(repeating: "?", count: count).joined(separator: ", ") + ")")
        }
        fan = try insert("fan_profiles", "user_id, display_name, timezone, lifecycle_stage, engagement_score, created_at, last_active_at, updated_at")
        account = try insert("fan_platform_accounts", "user_id, fan_id, platform, platform_fan_id, username, display_name, is_primary, linked_at")
        link = try insert("fan_identity_links", "user_id, account_a_id, account_b_id, method, confidence, confirmed_at, created_at")
        subscription = try insert("fan_subscriptions", "user_id, fan_id, account_id, platform, tier, status, auto_renew, price_cents, started_at, renews_at, cancelled_at, ended_at, updated_at")
        subscriptionEvent = try insert("fan_subscription_events", "user_id, fan_id, account_id, subscription_id, platform, event_type, tier, price_cents, occurred_at")
        transaction = try insert("fan_transactions", "user_id, fan_id, account_id, platform, kind, amount_cents, custom_request_id, subscription_event_id, occurred_at")
        customRequest = try insert("fan_custom_requests", "user_id, fan_id, account_id, platform, description, stage, status, offered_price_cents, agreed_price_cents, payout_cents, delivered_at, created_at, updated_at")
        message = try insert("fan_messages", "user_id, fan_id, account_id, platform, direction, body, sentiment, template_id, status, response_time_seconds, scheduled_at, sent_at, created_at")
        score = try insert("fan_scores", "user_id, fan_id, dimension, value, computed_at")
        tag = try insert("fan_tag_values", "user_id, fan_id, tag, source, created_at")
        memory = try insert("fan_memories", "user_id, fan_id, kind, key, value, source, created_at")
        note = try insert("fan_notes", "user_id, fan_id, body, created_at")
    }

    /// Inserts one fan and all their rows; returns the fan's id.
    @discardableResult
    func write(_ plan: FanPlan, computedAt: Int64) throws -> Int64 {
        let fanID = try fan.insert([userID, .text(plan.displayName), .optional(plan.timezone), .text(plan.lifecycleStage),
                                    .real(plan.engagementScore), .integer(plan.createdAt), .optional(plan.lastActiveAt),
                                    .optional(plan.lastActiveAt)])
        let id = SQLValue.integer(fanID)
        count("fan_profiles")

        var accountIDs: [Int64] = []
        for (index, a) in plan.accounts.enumerated() {
            accountIDs.append(try account.insert([userID, id, .text(a.platform), .text(a.platformFanID), .text(a.username),
                                                  .text(plan.displayName), .bool(index == 0), .integer(a.linkedAt)]))
            count("fan_platform_accounts")
        }
        // The person's first account is confirmed as the same person as each other one.
        for (index, other) in accountIDs.enumerated().dropFirst() {
            let confirmed = plan.accounts[index].linkedAt
            try link.execute([userID, .integer(accountIDs[0]), .integer(other), .text("manual"), .real(1), .integer(confirmed), .integer(confirmed)])
            count("fan_identity_links")
        }

        var eventIDs: [[Int64]] = []
        for s in plan.subscriptions {
            let platform = SQLValue.text(plan.accounts[s.account].platform)
            let accountID = SQLValue.integer(accountIDs[s.account])
            let subID = try subscription.insert([userID, id, accountID, platform, .text(s.tier), .text(s.status), .bool(s.autoRenew),
                                                 .integer(s.priceCents), .integer(s.startedAt), .optional(s.renewsAt),
                                                 .optional(s.cancelledAt), .optional(s.endedAt), .optional(s.events.last?.occurredAt)])
            count("fan_subscriptions")
            eventIDs.append(try s.events.map { e in
                count("fan_subscription_events")
                return try subscriptionEvent.insert([userID, id, accountID, .integer(subID), platform, .text(e.type), .text(s.tier),
                                                     .integer(s.priceCents), .integer(e.occurredAt)])
            })
        }

        var requestIDs: [Int64] = []
        for r in plan.customRequests {
            requestIDs.append(try customRequest.insert([userID, id, .integer(accountIDs[r.account]), .text(plan.accounts[r.account].platform),
                                                        .text(r.description), .text(r.stage), .text(r.status), .integer(r.offeredCents),
                                                        .optional(r.agreedCents), .optional(r.deliveredAt.flatMap { _ in r.agreedCents.map { $0 * 4 / 5 } }),
                                                        .optional(r.deliveredAt), .integer(r.createdAt), .integer(r.deliveredAt ?? r.createdAt)]))
            count("fan_custom_requests")
        }

        for t in plan.transactions {
            try transaction.execute([userID, id, .integer(accountIDs[t.account]), .text(plan.accounts[t.account].platform), .text(t.kind),
                                     .integer(t.amountCents), .optional(t.customRequest.map { requestIDs[$0] }),
                                     .optional(t.subscriptionEvent.map { eventIDs[$0.subscription][$0.event] }), .integer(t.occurredAt)])
            count("fan_transactions")
        }

        for m in plan.messages {
            try message.execute([userID, id, .integer(accountIDs[m.account]), .text(plan.accounts[m.account].platform), .text(m.direction),
                                 .text(m.body), .optional(m.sentiment), .optional(m.template.flatMap { templateIDs[$0] }), .text(m.status),
                                 .optional(m.responseTimeSeconds), .optional(m.scheduledAt), .optional(m.sentAt), .integer(m.createdAt)])
            count("fan_messages")
        }
        for s in plan.scores {
            try score.execute([userID, id, .text(s.dimension), .real(s.value), .integer(computedAt)])
            count("fan_scores")
        }
        for t in plan.tags {
            try tag.execute([userID, id, .text(t.name), .text("creator"), .integer(t.createdAt)])
            count("fan_tag_values")
        }
        for m in plan.memories {
            try memory.execute([userID, id, .text(m.kind), .text(m.key), .text(m.value), .text("conversation"), .integer(m.createdAt)])
            count("fan_memories")
        }
        for n in plan.notes {
            try note.execute([userID, id, .text(n.body), .integer(n.createdAt)])
            count("fan_notes")
        }
        return fanID
    }

    private func count(_ table: String) { rowsByTable[table, default: 0] += 1 }
}
