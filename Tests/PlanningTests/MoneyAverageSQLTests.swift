@testable import Planning
import Store
import Testing

/// SQLite's inline money average (`SQLDialect.moneyAverage`) against the
/// evaluator's (`Evaluator.moneyAverage`): halves away from zero, signs,
/// and sums near the integer limit.
@Suite struct MoneyAverageSQLTests {
    @Test(arguments: [
        [5, 0], [-5, 0], [7, 0, 0], [-7, 0, 0], [8, 0, 0], [-8, 0, 0], [1, 2], [-1, -2], [3, -4],
        [1, 1, 1, 0], [2_000, 1_999], [Int64.max / 2, Int64.max / 2], [Int64.min / 2, Int64.min / 2 + 1, 0],
    ] as [[Int64]])
    func theSQLFormRoundsAsTheEvaluatorDoes(_ amounts: [Int64]) throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        let rows = amounts.map { "(\($0))" }.joined(separator: ", ")
        let average = SQLDialect.sqlite.moneyAverage("column1").rendered()
        let got = try store.database.scalar("SELECT \(average) FROM (VALUES \(rows))")
        let total = amounts.reduce(Int128(0)) { $0 + Int128($1) }
        guard case .money(let expected) = Evaluator.moneyAverage(total, count: Int128(amounts.count)) else {
            Issue.record("no average for \(amounts)")
            return
        }
        #expect(got == .integer(expected), "\(amounts)")
    }

    @Test func noRowsHaveNoAverage() throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        let average = SQLDialect.sqlite.moneyAverage("column1").rendered()
        #expect(try store.database.scalar("SELECT \(average) FROM (VALUES (1)) WHERE column1 = 2") == .null)
    }
}
