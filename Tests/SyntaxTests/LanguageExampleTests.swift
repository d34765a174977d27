import RulecTestSupport
import Testing
@testable import Syntax

@Suite struct LanguageExampleTests {
    /// The "taste" program of LANGUAGE.md §1, parsed whole.
    static var taste: String { Fixtures.languageTour }

    @Test func tasteParsesToTheExpectedTree() {
        let expected = """
        (let vip_min $500)
        (segment whales "Top spenders" (>= fan.lifetime_spend vip_min))
        (segment at_risk "Likely to churn" (and (>= fan.score.churn_risk 0.7) (exists fan.subscriptions (where (and (and (== status "active") (== auto_renew false)) (< renews_at (+ now 3d)))))))
        (rule "Thank big tippers" (on transaction.tip) (when (and (>= event.amount $20) (not (paren (in "big_tipper" fan.tags))))) (priority 10) (cooldown 1d) (then (send "tip_thanks" (with (amount event.amount))) (tag "big_tipper")))
        (rule "Win back lapsed whales" (on subscription.cancelled) (when (and (in fan whales) (> (count fan.messages (within 30d) (where (== direction "inbound"))) 0))) (limit 1 (per 90d)) (then (send "winback_offer" (with (discount 30)) (after 2d) approval) (note "win-back offer queued")))
        (rule "Daily churn save" (on schedule daily 09:00) (when (in fan at_risk)) (limit 1 (per 14d)) (then (send "we_miss_you" approval)))
        """
        #expect(dumpFile(Self.taste) == expected)
    }

    @Test func commentsAreKeptWithTheirRanges() {
        let result = parse(Self.taste)
        #expect(result.syntax.comments.map(\.text) == [" Rules/retention.rules"])
        #expect(result.syntax.comments.first?.range.start == 0)
    }

    @Test func expressionIDsAreUniqueWithinAFile() {
        let result = parse(Self.taste)
        var ids = Set<ExprID>()
        var count = 0
        func visit(_ e: Expr) {
            ids.insert(e.id); count += 1
            switch e.kind {
            case .member(let b, _): visit(b)
            case .call(_, let args): args.forEach(visit)
            case .aggregate(let a): visit(a.source); a.window.map(visit); a.filter.map(visit)
            case .unary(_, let x), .ago(let x), .parenthesized(let x), .isNull(let x, _): visit(x)
            case .binary(_, let l, let r), .comparison(_, let l, let r), .within(let l, let r): visit(l); visit(r)
            case .list(let xs): xs.forEach(visit)
            default: break
            }
        }
        for declaration in result.syntax.declarations {
            switch declaration {
            case .constant(let c): visit(c.value)
            case .segment(let s): visit(s.condition)
            case .policy: break
            case .rule(let r):
                r.condition.map(visit); r.priority.map(visit); r.cooldown.map(visit)
                r.limit.map { visit($0.count); $0.window.map(visit) }
                r.actions?.forEach { a in
                    a.after.map(visit)
                    if case .send(_, let with, let via) = a.kind { with.forEach { visit($0.value) }; via.map(visit) }
                }
            case .test(let t): t.expressions.forEach(visit)
            }
        }
        #expect(count > 40)
        #expect(ids.count == count)
    }
}
