import Foundation
@testable import Store

/// The PostgreSQL server the suite may use: `RULEC_TEST_PG_URL`, or nil when
/// unset (the PostgreSQL tests are then skipped; `.ci/run` sets it and
/// `RULEC_TEST_PG_REQUIRED=1`, and `PostgresAvailabilityTests` fails the run if
/// the server it promised is not there).
extension PostgresTestServer {
    static var connectionURL: String? { url?.string }
    static var isAvailable: Bool { url != nil }
}

/// A connection whose `search_path` is a new, private schema, dropped when the
/// value goes away: tests run side by side on one server without meeting.
final class PostgresScratch {
    let database: Database
    let schema: String

    init() throws {
        guard let url = PostgresTestServer.connectionURL else { throw SQLiteError(code: 1, message: "RULEC_TEST_PG_URL is not set") }
        database = try Database(path: url)
        schema = "rulec_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try database.execute("CREATE SCHEMA \(schema); SET search_path = \(schema)")
    }

    deinit { try? database.execute("RESET search_path; DROP SCHEMA \(schema) CASCADE") }
}
