import Foundation
import Testing
@testable import Planning

/// Disagreements the differential test found between the SQL plans and the
/// evaluator, each pinned to the rule of LANGUAGE.md it broke.
@Suite struct CompilerRegressionTests {
    /// §6 Time: `x within D` is `now - D <= x <= now` for whatever duration D
    /// is, including one computed from the fan's own data. Such a window is
    /// different for each fan, so it cannot be a single bound parameter.
    @Test func windowComputedFromTheFansData() throws {
        let now: Int64 = 1_773_671_400
        let regression = RegressionCase(
            program: """
                segment target {
                  count(fan.transactions within (now - fan.created_at)) >= 1
                    and fan.last_active_at within (now - fan.created_at)
                }
                """,
            rows: [
                // Fan 1 joined 10 days ago: a purchase 5 days ago is inside its window.
                fanRow(1, created: now - 10 * 86_400, lastActive: "\(now - 86_400)"),
                "INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, 1, 'x', 'tip', 500, \(now - 5 * 86_400))",
                // Fan 2 joined 2 days ago: the same purchase is outside.
                fanRow(2, created: now - 2 * 86_400, lastActive: "\(now - 86_400)"),
                "INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, 2, 'x', 'tip', 500, \(now - 5 * 86_400))",
            ],
            now: now)
        for (path, fans) in try regression.answers() {
            #expect(fans == [1], "\(path)")
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Functions: `abs(x)` of a present score is that score, never null.
    /// A function's arguments that carry bound values (a score's dimension,
    /// a filter's `true`) must bind in the order their `?` appear, after the
    /// call's own `now` and zone.
    @Test func functionArgumentsWithBoundValues() throws {
        let regression = RegressionCase(
            program: """
                segment target {
                  abs(fan.score.churn_risk) is not null
                    and lower(max(fan.accounts.username where true)) == "anna"
                }
                """,
            rows: [
                fanRow(1),
                "INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES (:user, 1, 'churn_risk', 0.3)",
                "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username) VALUES (:user, 1, 'x', 'a1', 'ANNA')",
                fanRow(2),
                "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username) VALUES (:user, 2, 'x', 'a2', 'ANNA')",
            ],
            zone: "Asia/Kolkata")
        for (path, fans) in try regression.answers() {
            #expect(fans == [1], "\(path)")
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Null and `in`: `x not in L` is false for a null x, and otherwise
    /// true exactly when x equals no item; `in` compares like `==`, so a null
    /// item equals nothing and cannot turn the answer unknown (SQL's NOT IN
    /// would). The left side may hold bound values (an aggregate's window).
    @Test func notInWithNullItemsAndABoundLeftSide() throws {
        let regression = RegressionCase(
            program: """
                segment target {
                  min(fan.accounts.username within 30d) not in [null, "Anna"]
                    and fan.display_name not in ["Bob", null]
                }
                """,
            rows: [
                fanRow(1, name: "Cleo"),
                "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at) VALUES (:user, 1, 'x', 'a1', 'cleo', 1773671400)",
                fanRow(2, name: "Dee"),
                "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at) VALUES (:user, 2, 'x', 'a2', 'Anna', 1773671400)",
                // No account in the window: min is null, so `not in` is false.
                fanRow(3, name: "Eve"),
                fanRow(4, name: "Bob"),
                "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at) VALUES (:user, 4, 'x', 'a4', 'bob', 1773671400)",
            ])
        for (path, fans) in try regression.answers() {
            #expect(fans == [1], "\(path)")
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Integer overflow gives null, and §9 bad input never crashes: a
    /// timestamp whose wall-clock reading overflows Int64 (the store holds
    /// any INTEGER) gives a null hour, weekday and month-day instead of a trap.
    @Test func wallClockOfAnExtremeTimestampIsNull() throws {
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        #expect(Time.hourOfDay(.max, zone: kolkata) == nil)
        #expect(Time.dayOfWeek(.max, zone: kolkata) == nil)
        #expect(Time.monthDay(.max, zone: kolkata) == nil)
        #expect(Time.hourOfDay(.min, zone: TimeZone(identifier: "America/New_York")!) == nil)
        let regression = RegressionCase(
            program: """
                segment target {
                  hour_of_day(fan.created_at) is null and month_day(fan.created_at) is null
                    and day_of_week(fan.created_at, "Asia/Kolkata") is null
                }
                """,
            rows: [fanRow(1, created: .max), fanRow(2)],
            zone: "Asia/Kolkata")
        for (path, fans) in try regression.answers() {
            #expect(fans == [1], "\(path)")
        }
    }
}

extension CompilerRegressionTests {
    /// §5: `fan.score.predicted_ltv` is money, and money is whole minor units
    /// (§2), so the stored REAL is read rounded half away from zero (100.49
    /// cents is $1.00, 100.5 is $1.01) and one too large for Int64 is null.
    /// Every SQL form must read it so: a value, a comparison, a null test.
    @Test func moneyScoreIsReadInWholeCents() throws {
        func score(_ fan: Int64, _ value: String) -> String {
            "INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES (:user, \(fan), 'predicted_ltv', \(value))"
        }
        let rows = [fanRow(1), score(1, "100.49"), fanRow(2), score(2, "100.5"), fanRow(3), score(3, "1e19"), fanRow(4)]
        let expectations: [(String, [Int64])] = [
            ("fan.score.predicted_ltv > $1", [2]),
            ("$1 < fan.score.predicted_ltv", [2]),
            ("fan.score.predicted_ltv == $1", [1]),
            // Two-valued logic: for a null score the comparison is false, so `not` holds.
            ("not (fan.score.predicted_ltv >= $1.01)", [1, 3, 4]),
            ("fan.score.predicted_ltv + $0 == $1.01", [2]),
            ("fan.score.predicted_ltv is null", [3, 4]),
            ("fan.score.predicted_ltv is not null", [1, 2]),
        ]
        for (condition, expected) in expectations {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Types: int mixes with number and the result is a number, so
    /// `coalesce(number, int)` is a number even when the int is chosen:
    /// `0 - coalesce(score, -9223372036854775808)` is number arithmetic (no
    /// overflow), and 9007199254740993 as a number is 9007199254740992.0.
    @Test func coalesceOfNumberAndIntIsANumber() throws {
        let rows = [fanRow(1), "INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES (:user, 1, 'loyalty', 0.5)", fanRow(2)]
        let expectations: [(String, [Int64])] = [
            ("0 - coalesce(fan.score.loyalty, -9223372036854775808) > 0", [2]),
            ("coalesce(fan.score.loyalty, 9007199254740993) == 9007199254740992", [2]),
            ("coalesce(fan.score.loyalty, 2) / 4 == 0.5", [2]),
        ]
        for (condition, expected) in expectations {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}

extension CompilerRegressionTests {
    /// §5: `fan.platforms` is the *distinct* platforms of the fan's accounts,
    /// so two accounts on one platform make a list of length 1.
    @Test func platformsAreDistinct() throws {
        func account(_ fan: Int64, _ platform: String, _ id: String) -> String {
            "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id) VALUES (:user, \(fan), '\(platform)', '\(id)')"
        }
        let regression = RegressionCase(
            program: "segment target { length(fan.platforms) == 1 }",
            rows: [fanRow(1), account(1, "x", "a"), account(1, "x", "b"), fanRow(2), account(2, "x", "c"), account(2, "fansly", "d"), fanRow(3)])
        for (path, fans) in try regression.answers() {
            #expect(fans == [1], "\(path)")
        }
    }
}

extension CompilerRegressionTests {
    /// §6: number arithmetic that IEEE 754 leaves without a value
    /// (`inf - inf`) is null, like every other undefined result: every
    /// comparison with it is false and `is null` holds, in SQL as in the
    /// evaluator. (A REAL column may hold infinity; 9e999 is how SQL writes it.)
    @Test func notANumberIsNull() throws {
        #expect(Arithmetic.subtract(.number(.infinity), .number(.infinity)) == .null)
        #expect(Arithmetic.multiply(.number(0), .number(.infinity)) == .null)
        #expect(Comparison.order(.number(.nan), .number(1)) == nil)
        let rows = [fanRow(1), "UPDATE fan_profiles SET engagement_score = 9e999 WHERE id = 1 AND user_id = :user", fanRow(2)]
        let expectations: [(String, [Int64])] = [
            ("fan.engagement_score - fan.engagement_score > 0.5", []),
            ("fan.engagement_score - fan.engagement_score != 0.5", [2]),
            ("fan.engagement_score - fan.engagement_score is null", [1]),
            ("fan.engagement_score * 2 > 1.5", [1]),
        ]
        for (condition, expected) in expectations {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Time: `date("2026-03-16")` is a time in the creator's zone, in a
    /// list constant as anywhere else (midnight in New York is 04:00 UTC).
    @Test func datesInAListConstantAreInTheCreatorsZone() throws {
        let newYorkMidnight: Int64 = 1_773_633_600, utcMidnight: Int64 = 1_773_619_200
        let rows = [fanRow(1, created: newYorkMidnight), fanRow(2, created: utcMidnight)]
        let expectations: [(String, [Int64])] = [
            ("fan.created_at in k_days", [1]),
            ("fan.created_at not in k_days", [2]),
            ("not (fan.created_at in k_days)", [2]),
        ]
        for (condition, expected) in expectations {
            let program = "let k_days = [date(\"2026-03-16\"), date(\"0005-01-01 09:30\")]\nsegment target { \(condition) }"
            let regression = RegressionCase(program: program, rows: rows, zone: "America/New_York")
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }

    /// The checker accepts list items that read the fan (LANGUAGE.md §2 says
    /// lists hold literals; reported to the checker's owner). The evaluator
    /// gives them a meaning, so the SQL plan must give the same one rather
    /// than fail to bind them.
    @Test func listItemsThatReadTheFan() throws {
        let rows = [fanRow(1, name: "Fan"), fanRow(2, name: "Other")]
        let expectations: [(String, [Int64])] = [
            ("\"Fan\" in [fan.display_name, \"x\"]", [1]),
            ("\"Fan\" not in [fan.display_name]", [2]),
        ]
        for (condition, expected) in expectations {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}

extension CompilerRegressionTests {
    /// §6: integer overflow gives null — when the *sum* overflows, not when
    /// some running total along the way does. Tips of $max, $0.10 and -$0.10
    /// sum to $max in any order; the evaluator must not depend on row order
    /// (SQL adds them in index order, which here is by time, not by id).
    @Test func moneySumOverflowsOnlyWhenItsValueDoes() throws {
        func tip(_ fan: Int64, _ amount: Int64, _ at: Int64, kind: String = "tip") -> String {
            "INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, \(fan), 'x', '\(kind)', \(amount), \(at))"
        }
        // Row by row the store's running lifetime spend never overflows (the ppv keeps it in range).
        let rows = [fanRow(1), tip(1, .max, 1), tip(1, -10, 2, kind: "ppv"), tip(1, 10, 4), tip(1, -10, 3),
                    fanRow(2), tip(2, .max, 1), tip(2, -10, 2, kind: "ppv"), tip(2, 10, 3)]
        let expectations: [(String, [Int64])] = [
            ("sum(fan.transactions.amount where kind == \"tip\") == $92233720368547758.07", [1]),
            ("sum(fan.transactions.amount where kind == \"tip\") is null", [2]),
        ]
        for (condition, expected) in expectations {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}

extension CompilerRegressionTests {
    /// §6 Numbers are IEEE doubles and a sum of them depends on the order of
    /// its terms: (0.1 + 0.2) + 0.3 is 0.6000000000000001, (0.3 + 0.2) + 0.1
    /// is 0.6. The evaluator adds in row order; SQL reads rows in index order
    /// (here by time, the reverse), so number sums and averages must run in
    /// the evaluator to give one answer.
    @Test func numberSumsDoNotDependOnTheSQLPlansRowOrder() throws {
        func message(_ sentiment: Double, _ at: Int64) -> String {
            "INSERT INTO fan_messages (user_id, fan_id, platform, direction, sentiment, sent_at) VALUES (:user, 1, 'x', 'inbound', \(sentiment), \(at))"
        }
        let rows = [fanRow(1), message(0.1, 3), message(0.2, 2), message(0.3, 1), fanRow(2)]
        // In row (id) order the sum is not 0.6, so neither condition holds.
        #expect(Evaluator.reduce(.sum, [.number(0.1), .number(0.2), .number(0.3)], type: .number) != .number(0.6))
        let expected: [Int64] = []
        for condition in ["sum(fan.messages.sentiment) == 0.6", "avg(fan.messages.sentiment) * 3 == 0.6"] {
            let regression = RegressionCase(program: "segment target { \(condition) }", rows: rows)
            for (path, fans) in try regression.answers() {
                #expect(fans == expected, "\(condition): \(path)")
            }
        }
    }
}
