/// Campaigns, goals, earnings rollups and broadcasts of a seeded creator.
extension CreatorCatalog {
    mutating func writeCampaigns() throws {
        let campaigns: [(name: String, start: Int64, end: Int64, status: String, target: Int64)] = [
            ("Spring relaunch", 170, 140, "completed", 500_000), ("Summer bundle push", 110, 80, "completed", 800_000),
            ("Black Friday", 6, -4, "active", 1_500_000), ("Holiday countdown", -10, -35, "planned", 1_000_000),
        ]
        for campaign in campaigns {
            campaignIDs.append(try insert("campaigns", [
                "name": .text(campaign.name), "goal": .text("Revenue push: \(campaign.name.lowercased())"), "status": .text(campaign.status),
                "starts_at": .integer(daysAgo(campaign.start)), "ends_at": .integer(daysAgo(campaign.end)),
                "revenue_target_cents": .integer(campaign.target), "attribution_window_days": 7,
                "created_at": .integer(daysAgo(max(campaign.start, 0) + 14)),
            ]))
        }
    }

    mutating func writeGoals() throws {
        let goals: [(kind: String, title: String, target: Double, current: Double, status: String)] = [
            ("revenue", "Reach $20k this quarter", 2_000_000, 1_340_000, "active"),
            ("subscribers", "5,000 active subscribers", 5_000, 5_120, "achieved"),
            ("engagement", "Reply to 90% of DMs within a day", 0.9, 0.82, "active"),
        ]
        for goal in goals {
            let id = try insert("creator_goals", [
                "kind": .text(goal.kind), "title": .text(goal.title), "target_value": .real(goal.target),
                "current_value": .real(goal.current), "starts_at": .integer(daysAgo(90)), "due_at": .integer(daysAgo(-10)),
                "status": .text(goal.status), "created_at": .integer(daysAgo(90)), "updated_at": .integer(now - Seconds.day),
            ])
            for week in stride(from: Int64(12), through: 0, by: -1) {
                let value = goal.current * (1 - Double(week) / 14)
                try insert("creator_goal_snapshots", ["goal_id": .integer(id), "value": .real(value),
                                                      "progress": .real(value / goal.target), "captured_at": .integer(daysAgo(week * 7))])
            }
        }
    }

    /// Monthly earnings per platform and kind, summed from the fans' real
    /// transactions, so the rollup agrees with the ledger. Fees are 20%.
    func writeEarnings() throws {
        let dialect = creator.database.dialect
        let gross = dialect.integerSum("amount_cents")
        try creator.execute("""
            INSERT INTO creator_earnings (user_id, period_kind, period_start_at, period_end_at, platform, content_type,
                                          transaction_count, gross_cents, fees_cents, net_cents, computed_at)
            SELECT :user, 'month', month_start, \(dialect.plusOneMonth("month_start")), platform, kind,
                   count(*), \(gross), \(gross) / 5, \(gross) - \(gross) / 5, ?
            FROM (SELECT \(dialect.startOfMonth("occurred_at")) AS month_start, platform, kind, amount_cents
                  FROM fan_transactions WHERE user_id = :user) AS t
            GROUP BY month_start, platform, kind
            ORDER BY month_start, platform, kind
            """, [.integer(now - Seconds.hour)])
        for (index, campaign) in campaignIDs.enumerated() {
            for platform in ["onlyfans", "fansly", "instagram"] {
                let impressions = Int64(10_000 * (index + 1) + platform.count * 1_000)
                try insert("campaign_platform_performance", [
                    "campaign_id": .integer(campaign), "platform": .text(platform), "impressions": .integer(impressions),
                    "clicks": .integer(impressions / 20), "conversions": .integer(impressions / 400),
                    "attributed_revenue_cents": .integer(impressions / 400 * 1_299), "updated_at": .integer(now - Seconds.hour),
                ])
            }
        }
        for (index, post) in postIDs.enumerated() where index % 5 == 1 {
            try insert("campaign_content_performance", [
                "campaign_id": .integer(campaignIDs[index % campaignIDs.count]), "post_id": .integer(post), "platform": "onlyfans",
                "impressions": .int(2_000 + index * 150), "conversions": .int(10 + index),
                "attributed_revenue_cents": .int((10 + index) * 999), "updated_at": .integer(now - Seconds.hour),
            ])
        }
    }

    /// Two sent broadcasts to the creator's first fans, with per-fan delivery
    /// records, and one scheduled for tomorrow.
    func writeBroadcasts() throws {
        var recipients: [(fan: Int64, account: Int64?)] = []
        try creator.forEachRow("""
            SELECT f.id, (SELECT min(a.id) FROM fan_platform_accounts a WHERE a.fan_id = f.id)
            FROM fan_profiles f WHERE f.user_id = :user ORDER BY f.id LIMIT 60
            """) { recipients.append(($0.int64(0), $0.optionalInt64(1))) }
        let template = { (name: String) throws -> SQLValue in
            try creator.scalar("SELECT id FROM message_templates WHERE user_id = :user AND name = ?", [.text(name)])
        }
        let broadcasts: [(name: String, template: String, sentDaysAgo: Int64?)] = [
            ("October re-engagement", "reengage", 40), ("Black Friday teaser", "ppv_followup", 3), ("Holiday hello", "welcome", nil),
        ]
        for (index, broadcast) in broadcasts.enumerated() {
            let sent = broadcast.sentDaysAgo.map(daysAgo)
            let audience = sent == nil ? [] : Array(recipients.dropFirst(index * 20).prefix(40))
            let snapshot = "[" + audience.map { String($0.fan) }.joined(separator: ",") + "]"
            let id = try insert("message_broadcasts", [
                "name": .text(broadcast.name), "template_id": try template(broadcast.template), "segment_snapshot_json": .text(snapshot),
                "status": .text(sent == nil ? "scheduled" : "sent"), "scheduled_at": .integer(sent ?? daysAgo(-1)),
                "sent_at": .optional(sent), "recipient_count": .int(audience.count),
                "delivered_count": .int(audience.count - audience.count / 20), "read_count": .int(audience.count / 2),
                "conversion_count": .int(audience.count / 10), "created_at": .integer((sent ?? now) - Seconds.day),
            ])
            for (position, recipient) in audience.enumerated() {
                let failed = position % 20 == 19, read = position % 2 == 0, converted = position % 10 == 0
                try insert("message_broadcast_deliveries", [
                    "broadcast_id": .integer(id), "fan_id": .integer(recipient.fan), "account_id": .optional(recipient.account),
                    "status": .text(failed ? "failed" : read ? "read" : "delivered"),
                    "delivered_at": failed ? .null : .integer(sent! + 60), "read_at": read && !failed ? .integer(sent! + 3_600) : .null,
                    "converted_at": converted && !failed ? .integer(sent! + 7_200) : .null,
                ])
            }
        }
    }
}
