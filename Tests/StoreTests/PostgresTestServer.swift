import Foundation

/// The PostgreSQL server of the tests (RULEC_TEST_PG_URL), reached with
/// `psql` until a test needs rulec's own connection. Each test gets a
/// database of its own, dropped afterwards, so tests run in parallel.
enum PostgresTestServer {
    static let url: URLComponents? = {
        guard let text = ProcessInfo.processInfo.environment["RULEC_TEST_PG_URL"], !text.isEmpty else { return nil }
        return URLComponents(string: text)
    }()

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// One scratch database on the server.
    struct Database {
        let name: String

        func url(user: String? = nil) -> String {
            var components = PostgresTestServer.url!
            components.path = "/" + name
            if let user { components.user = user; components.password = nil }
            return components.string!
        }

        /// Runs SQL (stops at the first error); returns the output, trimmed.
        @discardableResult
        func psql(_ sql: String, user: String? = nil) throws -> String {
            try PostgresTestServer.psql(url: url(user: user), sql)
        }
    }

    static func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        let name = "rulec_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(url: url!.string!, "CREATE DATABASE \(name)")
        defer { _ = try? psql(url: url!.string!, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try body(Database(name: name))
    }

    /// Runs SQL as one script through psql (unaligned, tuples only).
    @discardableResult
    static func psql(url: String, _ sql: String) throws -> String {
        // Files, not pipes: a read of a pipe interrupted by SIGCHLD traps in Foundation.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rulec-psql-\(UUID().uuidString)")
        let script = base.appendingPathExtension("sql"), out = base.appendingPathExtension("out"), err = base.appendingPathExtension("err")
        try Data(sql.utf8).write(to: script)
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer { for file in [script, out, err] { try? FileManager.default.removeItem(at: file) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", script.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard process.terminationStatus == 0 else { throw Failure(message: (try? String(contentsOf: err, encoding: .utf8)) ?? "psql failed") }
        return text
    }
}
