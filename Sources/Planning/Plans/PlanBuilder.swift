import Foundation
import Semantics
import Syntax

/// Builds condition plans: splits the condition into its top-level conjuncts
/// (inlining segments used positively, so their conjuncts plan like the
/// rule's own), compiles each to SQL, and leaves to the evaluator each
/// conjunct SQL cannot reproduce exactly.
public enum PlanBuilder {
    /// With an `estimator` (a store and the time of execution), each conjunct
    /// over all fans that reads a collection gets the cheaper of the grouped
    /// and the correlated shape (`PlanShape`), and the conjuncts are ordered
    /// fan-level first, grouped sets next, correlated sub-queries last. Without
    /// one (deploy, which stores the plan, and `explain` without a store) every
    /// such conjunct is grouped and the conjuncts keep their written order, so
    /// a stored plan depends on the program only.
    ///
    /// `forcing` gives every such conjunct one shape (and a grouped set the
    /// order `order`) without estimating: the differential tests run every
    /// form against the evaluator.
    ///
    /// With estimates, selective fan-level conjuncts carry the share of fans
    /// they were estimated to leave (`likelihood()` in SQLite), so SQLite's
    /// planner drives from their index instead of scanning every fan in id
    /// order: "correlated over the candidates" is what runs.
    ///
    /// `candidates` (with `.oneFan`) names a table of fan ids (`fan_id`) and
    /// runs the one-fan plan for each of them at once: `f.id IN (SELECT fan_id
    /// FROM candidates)` instead of `f.id = ?`, every collection read a
    /// per-fan sub-query, on SQLite through the collection's `_by_fan` index
    /// by name. An incremental refresh evaluates the fans whose data or
    /// windows changed this way (`SegmentRefresher`).
    public static func plan(_ condition: Expr?, program: CheckedProgram, scope: FanScope,
                            estimator: PlanEstimator? = nil, forcing forced: PlanShape? = nil,
                            order forcedOrder: GroupedOrder? = nil,
                            candidates: String? = nil, dialect: PlanDialect? = nil) -> ConditionPlan {
        // A plan runs on one engine: the one named, else the estimator's store's.
        let dialect = dialect ?? estimator?.store.planDialect ?? .sqlite
        let compiler = SQLCompiler(program: program, scope: scope, dialect: .named(dialect))
        compiler.perFanIndexes = candidates != nil && dialect == .sqlite
        let estimator = scope == .allFans ? estimator : nil
        let forced = scope == .allFans ? forced : nil
        let choosing = estimator != nil || forced != nil
        var clauses: [(clause: PlanSQL, conjunct: Expr?, reads: [CollectionRead])] = []
        var residual: [ResidualConjunct] = []
        if scope == .oneFan, let candidates {
            clauses.append(("\(PlanSQL.outer("id")) IN (SELECT fan_id FROM \(raw: candidates))", nil, []))
        } else if scope == .oneFan {
            clauses.append(("\(PlanSQL.outer("id")) = \(PlanSQL.parameter(.fanID))", nil, []))
        }
        for conjunct in condition.map({ conjuncts(of: $0, program: program) }) ?? [] {
            do {
                // A conjunct's parameters are inside its fragment: one that
                // fails to compile leaves nothing behind to unbind.
                let clause = try compiler.condition(conjunct, .positive)
                clauses.append((clause, conjunct, choosing ? CollectionRead.all(in: conjunct, compiler: compiler) : []))
            } catch let reason as ResidualReason {
                residual.append(ResidualConjunct(expr: conjunct, reason: reason.message))
            } catch {
                residual.append(ResidualConjunct(expr: conjunct, reason: "\(error)"))
            }
        }
        var decisions: [ShapeDecision] = []
        if choosing, clauses.contains(where: { !$0.reads.isEmpty }) {
            let fanLevel = clauses.filter { $0.reads.isEmpty }.map(\.clause)
            // Counted once, and only if some conjunct's grouped set is not small.
            var counted: PlanEstimator.Estimate?
            let candidates = { () -> PlanEstimator.Estimate in
                if let counted { return counted }
                let estimate = estimator!.candidates(fanLevel)
                counted = estimate
                return estimate
            }
            if let estimator, estimator.isPostgres {
                let entries = clauses.filter { !$0.reads.isEmpty }.map { (reads: $0.reads, set: $0.clause.fanSet) }
                estimator.prefetch(ShapeChooser.questions(entries, fanLevel: fanLevel, compiler: compiler))
            }
            var grouped: [PlanSQL] = [], correlated: [PlanSQL] = []
            for entry in clauses where !entry.reads.isEmpty {
                guard let conjunct = entry.conjunct else { continue }
                var decision = if let estimator {
                    ShapeChooser.decide(conjunct, reads: entry.reads, set: entry.clause.fanSet, fanLevel: fanLevel, candidates: candidates, estimator: estimator, compiler: compiler)
                } else {
                    ShapeDecision.forced(conjunct, forced ?? .grouped, order: forcedOrder)
                }
                if decision.shape == .correlated,
                   let clause = try? compiler.withCorrelatedSets({ try compiler.condition(conjunct, .positive) }) {
                    correlated.append(clause)
                } else {
                    decision.shape = .grouped
                    if decision.order == .fanOrder,
                       let clause = try? compiler.withFanOrderSets({ try compiler.condition(conjunct, .positive) }) {
                        grouped.append(clause)
                    } else {
                        grouped.append(entry.clause)
                    }
                }
                if estimator != nil { decisions.append(decision) }
            }
            var hinted = fanLevel
            if let counted, let estimator, let likelihood = compiler.dialect.likelihood, !fanLevel.isEmpty,
               counted.value < estimator.fans * selectiveShare {
                // One share for all the fan-level conjuncts: each gets its k-th root.
                let share = pow(counted.value / estimator.fans, 1 / Double(fanLevel.count))
                hinted = fanLevel.map { likelihood($0, share) }
            }
            clauses = hinted.map { ($0, nil, []) } + grouped.map { ($0, nil, []) } + correlated.map { ($0, nil, []) }
        }
        let query: PlanSQL
        let sets = clauses.compactMap(\.clause.fanSet)
        if scope == .allFans, residual.isEmpty, !clauses.isEmpty, sets.count == clauses.count {
            // Every conjunct is a set of fan ids read from an index (tags, scores,
            // grouped aggregates…): intersect them there. Their rows name fans of
            // this creator only (foreign keys and the store's creator-scope
            // triggers), so fan_profiles need not be visited to confirm it.
            query = sets.count == 1
                ? "SELECT DISTINCT fan_id FROM \(compiler.dialect.derivedTable(sets[0])) ORDER BY fan_id"
                : PlanSQL.joined(sets.map { "SELECT fan_id FROM \(compiler.dialect.derivedTable($0))" }, separator: " INTERSECT ") + " ORDER BY 1"
        } else {
            let filters = PlanSQL.joined(clauses.map { " AND " + $0.clause }, separator: "")
            // Over a candidates table SQLite must look the candidates up by id:
            // left to itself it may drive from a fan-level range instead (an
            // activity or creation window holding most of the fans) and probe
            // the candidates for each, 0.27 s of CPU against 0.03 for 1,000 of
            // 1,000,000 fans (BENCHMARKS.md, "Incremental refresh";
            // `CandidatePlanTests`). `NOT INDEXED` leaves it the rowid lookups.
            let notIndexed = candidates != nil ? compiler.dialect.notIndexed : ""
            query = "SELECT \(PlanSQL.outer("id")) FROM fan_profiles \(raw: compiler.dialect.outerAlias)\(notIndexed) WHERE \(PlanSQL.outer("user_id")) = \(PlanSQL.creator)\(filters) ORDER BY \(PlanSQL.outer("id"))"
        }
        var plan = ConditionPlan(scope: scope, sql: query.rendered(in: compiler.dialect), bindings: query.bindings,
                                 residual: residual, condition: condition)
        plan.dialect = dialect
        plan.isFanIndependent = condition.map { !compiler.dependsOnFan($0) } ?? true
        plan.shapes = decisions
        return plan
    }

    /// Below this share of the fans, the fan-level conjuncts are hinted as
    /// selective. Above it SQLite's own choice (every fan in id order, which
    /// reads the per-fan indexes in order too) is as fast or faster: driving
    /// from a spend index visits the candidates in spend order, each
    /// sub-query a seek to a page far from the last (BENCHMARKS.md).
    static let selectiveShare = 0.03

    /// Top-level `and` operands, looking through parentheses and into segments
    /// named by `fan in S` (the checker has ruled out cycles).
    static func conjuncts(of expr: Expr, program: CheckedProgram) -> [Expr] {
        switch expr.kind {
        case .parenthesized(let inner):
            return conjuncts(of: inner, program: program)
        case .binary(.and, let lhs, let rhs):
            return conjuncts(of: lhs, program: program) + conjuncts(of: rhs, program: program)
        case .comparison(.in, _, let rhs):
            if case .segment(let name)? = program.resolution(of: rhs), let segment = program.segment(named: name) {
                return conjuncts(of: segment.condition, program: program)
            }
            return [expr]
        default:
            return [expr]
        }
    }
}
