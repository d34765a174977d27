import Foundation
import Testing
@testable import Planning
import RulecTestSupport
import Store

/// The differential test of `DifferentialTests` on PostgreSQL: the same random
/// conditions over the same random CRMs, planned in PostgreSQL's dialect, must
/// pick exactly the fans the evaluator picks (the evaluator reads the same
/// PostgreSQL rows). Skipped without RULEC_TEST_PG_URL; `RULEC_PG_DIFF_CASES`
/// sets the count (default 2,000: a PostgreSQL round trip per plan is slower).
///
/// PostgreSQL text cannot hold NUL, so the CRMs' strings lose their NULs
/// here (both paths read the stored rows, so they still see the same data).
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"))
struct PostgresDifferentialTests {
    @Test func sqlPlansAgreeWithTheEvaluatorOnPostgreSQL() throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try PostgresPlanningDatabase()
        let run = DiffRun(total: environment["RULEC_PG_DIFF_CASES"].flatMap(Int.init) ?? 2_000,
                          seed: environment["RULEC_DIFF_SEED"].flatMap(UInt64.init) ?? 20_260_316,
                          shrinkBudget: 150,
                          makeStore: { crm in
                              try database.reset()
                              try crm.withoutNUL.write(to: database.store)
                              return database.store
                          })
        let started = Date()
        let stats = run.run()
        print("PostgreSQL " + stats.summary(seconds: Date().timeIntervalSince(started), seed: run.seed))
        stats.expectSound()
    }
}

extension DiffCRM {
    /// The same rows with NUL removed from every string (PostgreSQL's text has no NUL).
    var withoutNUL: DiffCRM {
        DiffCRM(rows: rows.map { row in
            var row = row
            row.values = row.values.map { value in
                if case .text(let s) = value { return .text(s.replacingOccurrences(of: "\u{0}", with: "")) }
                return value
            }
            return row
        })
    }

    /// Writes the rows into `store`, as `makeStore` does into a new SQLite store.
    func write(to store: Store) throws {
        try store.database.transaction(.immediate) {
            for row in rows {
                let placeholders = Array(repeating: "?", count: row.values.count).joined(separator: ", ")
                let sql = "INSERT INTO \(row.table) (user_id, \(row.columns.joined(separator: ", "))) VALUES (:user, \(placeholders))"
                try store.creator(row.userID).execute(sql, row.values)
            }
        }
    }
}
