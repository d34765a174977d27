import Foundation
import Store

/// A database of its own on the test server (`RULEC_TEST_PG_URL`), created
/// empty and dropped when the value goes away, so tests on PostgreSQL run side
/// by side. PostgreSQL tests are skipped when the variable is unset; `.ci/run`
/// sets it (and `RULEC_TEST_PG_REQUIRED=1`, which makes a missing server fail).
public final class PostgresTestDatabase: @unchecked Sendable {
    /// The server's URL, or nil when PostgreSQL tests are to be skipped.
    public static var serverURL: String? {
        let url = ProcessInfo.processInfo.environment["RULEC_TEST_PG_URL"]
        return url?.isEmpty == false ? url : nil
    }
    public static var isAvailable: Bool { serverURL != nil }

    public let name: String
    /// The new database's URL, for `--db`.
    public let url: String

    public init(_ label: String) throws {
        guard let server = Self.serverURL, var components = URLComponents(string: server) else {
            throw StoreError.invalidArgument("RULEC_TEST_PG_URL is not set")
        }
        name = "rulec_\(label)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try Database(path: server)
        try admin.execute("CREATE DATABASE \(name)")
        components.path = "/" + name
        url = components.string!
    }

    /// Dropped unless `RULEC_TEST_PG_KEEP=1` (to look at what a failing test left).
    deinit {
        if ProcessInfo.processInfo.environment["RULEC_TEST_PG_KEEP"] == "1" {
            FileHandle.standardError.write(Data("kept PostgreSQL test database \(name)\n".utf8))
            return
        }
        if let server = Self.serverURL, let admin = try? Database(path: server) {
            try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}
