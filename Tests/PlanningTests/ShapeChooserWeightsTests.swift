@testable import Planning
import Testing

/// The chooser's decisions from fixed figures, per engine: the figures are
/// those of the 20,000-fan seed (BENCHMARKS.md, "Segment matrix on
/// PostgreSQL"): 132,700 transactions, 14,100 of them in the last 7 days,
/// and a spend filter leaving 0.1%, 10% or 90% of the fans.
@Suite struct ShapeChooserWeightsTests {
    static let fans = 20_000.0

    /// `(grouped, correlated)` costs of one aggregate read for `candidates` fans.
    static func costs(_ figures: ShapeChooser.AggregateFigures, candidates: Double, rowsPerCandidate: Double,
                      _ weights: ShapeChooser.Weights) -> (grouped: Double, correlated: Double) {
        let (perCandidate, fanOrder, timeIndex) = figures.costs(weights)
        return ShapeChooser.compare(groupedRead: min(fanOrder, timeIndex ?? fanOrder), perCandidate: [perCandidate],
                                    rowsPerCandidate: [rowsPerCandidate], candidates: candidates, fans: fans, weights: weights)
    }

    /// `max(fan.transactions.amount within 365d)`: every row in the window.
    static let wholeYear = ShapeChooser.AggregateFigures(total: 132_700, window: 132_700, fans: fans, covered: false,
                                                         stops: false, timeIndexUsable: true)

    @Test func theDialectPicksItsWeights() {
        #expect(ShapeChooser.Weights.of(.sqlite) == .sqlite)
        #expect(ShapeChooser.Weights.of(.postgres) == .postgres)
        #expect(ShapeChooser.Weights.postgres != ShapeChooser.Weights.sqlite)
    }

    /// At 90% of the fans, PostgreSQL's hashed grouped set beats a sub-plan
    /// call per candidate (measured 37 against 126 ms), where SQLite's
    /// correlated look-ups in id order are the cheaper form.
    @Test func mostFansAreGroupedOnPostgresButCorrelatedOnSQLite() {
        let postgres = Self.costs(Self.wholeYear, candidates: 18_000, rowsPerCandidate: 4, .postgres)
        #expect(postgres.grouped < postgres.correlated)
        let sqlite = Self.costs(Self.wholeYear, candidates: 18_000, rowsPerCandidate: 4, .sqlite)
        #expect(sqlite.correlated < sqlite.grouped)
    }

    /// At 10% and 0.1% a sub-query per candidate is cheaper on both engines
    /// (measured on PostgreSQL: 27.8 against 34.9 ms, 1.0 against 31.6 ms).
    @Test func selectiveFiltersAreCorrelatedOnBothEngines() {
        for weights in [ShapeChooser.Weights.postgres, .sqlite] {
            for (candidates, rows) in [(2_000.0, 6.6), (20.0, 60.0)] {
                let cost = Self.costs(Self.wholeYear, candidates: candidates, rowsPerCandidate: rows, weights)
                #expect(cost.correlated < cost.grouped, "\(candidates) candidates, \(weights)")
            }
        }
    }

    /// `count(fan.transactions within 7d) < 2`: a narrow window is read through
    /// the time index on PostgreSQL (a bitmap scan of 14,100 rows is cheaper
    /// than reading all 132,700), and at 90% the set wins.
    @Test func aNarrowWindowIsReadThroughItsIndex() {
        let week = ShapeChooser.AggregateFigures(total: 132_700, window: 14_100, fans: Self.fans, covered: true,
                                                 stops: false, timeIndexUsable: true)
        let (_, fanOrder, timeIndex) = week.costs(.postgres)
        #expect(timeIndex! < fanOrder)
        let most = Self.costs(week, candidates: 18_000, rowsPerCandidate: 6.6, .postgres)
        #expect(most.grouped < most.correlated)
        let few = Self.costs(week, candidates: 20, rowsPerCandidate: 60, .postgres)
        #expect(few.correlated < few.grouped)
    }

    /// PostgreSQL's sub-plan call costs the same whether the candidates are
    /// near or far apart (its pages are cached); coverage costs nothing extra
    /// (index-only scans follow the visibility map, not the plan's shape).
    @Test func postgresWeighsNoSeekDistanceAndNoFetch() {
        let w = ShapeChooser.Weights.postgres
        #expect(w.subquery(density: 0) == w.subquery(density: 1))
        let covered = ShapeChooser.AggregateFigures(total: 1_000, window: 500, fans: 100, covered: true, stops: false, timeIndexUsable: false)
        var uncovered = covered
        uncovered.covered = false
        #expect(covered.costs(w).fanOrder == uncovered.costs(w).fanOrder)
        #expect(covered.costs(w).perCandidate(w.subqueryNear, 5) == uncovered.costs(w).perCandidate(w.subqueryNear, 5))
    }
    /// SQLite's decisions on the 1,000,000-fan seed's figures, against the
    /// forms measured there (BENCHMARKS.md, "Segment shapes", 2026-12-06,
    /// CPU ms): 6,971,680 transactions, a spend filter leaving 112,304 fans
    /// (30.87 transactions each) or 887,695 (3.95 each).
    @Test func theMillionFanSeedPicksTheFormMeasuredFaster() throws {
        let fans = 1_000_000.0, total = 6_971_680.0
        func choice(_ figures: ShapeChooser.AggregateFigures, candidates: Double, rows: Double, inSet: Bool) -> String {
            let w = ShapeChooser.Weights.sqlite
            let (perCandidate, fanOrder, timeIndex) = figures.costs(w)
            let (grouped, correlated) = ShapeChooser.compare(groupedRead: min(fanOrder, timeIndex ?? fanOrder), perCandidate: [perCandidate],
                                                             rowsPerCandidate: [rows], candidates: candidates, fans: fans,
                                                             setSize: inSet ? figures.setSize : nil, weights: w)
            return correlated < grouped ? "correlated" : timeIndex.map { $0 < fanOrder } == true ? "time index" : "fan order"
        }
        // `max(fan.transactions.amount within 365d) >= $50`: correlated 381.9 against fan order 705.0
        // at 10%; 769.0 against 672.8 at 90%.
        var year = ShapeChooser.AggregateFigures(total: total, window: total - 1, fans: fans, covered: true, stops: false, timeIndexUsable: true)
        year.passing = total - 1
        year.groups = 841_797
        #expect(choice(year, candidates: 112_304, rows: 30.87, inSet: true) == "correlated")
        #expect(choice(year, candidates: 887_695, rows: 3.95, inSet: true) == "fan order")
        // `count(fan.transactions within 30d where kind == "tip") >= 2`: the seek reads the month's
        // tips only; 212.9 against 438.1 at 10%, 564.6 against 426.6 at 90%.
        var tips = ShapeChooser.AggregateFigures(total: total, window: 2_349_609, fans: fans, covered: true, stops: false, timeIndexUsable: true)
        tips.passing = 626_953
        tips.groups = 296_875
        (tips.seekShare, tips.seekInWindow) = (626_953 / total, true)
        #expect(choice(tips, candidates: 112_304, rows: 30.87, inSet: true) == "correlated")
        #expect(choice(tips, candidates: 887_695, rows: 3.95, inSet: true) == "fan order")
        // `count(fan.transactions within 7d) < 2`, a `NOT IN` set: at 90% the time index 515.8,
        // fan order 622.7, correlated 721.7; at 10% correlated 313.2 against 467.2 and 593.3.
        var week = ShapeChooser.AggregateFigures(total: total, window: 728_515, fans: fans, covered: true, stops: false, timeIndexUsable: true)
        week.passing = 728_515
        week.groups = 392_578
        #expect(choice(week, candidates: 887_695, rows: 3.95, inSet: false) == "time index")
        #expect(choice(week, candidates: 112_304, rows: 30.87, inSet: false) == "correlated")
    }
}
