import Foundation

/// Shared input files under `Tests/Fixtures`, found from this file's place in
/// the repository so tests read them wherever the package is checked out.
public enum Fixtures {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `Tests/Fixtures/Syntax/NAME`, as text.
    public static func syntax(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("Syntax").appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// The program of LANGUAGE.md §1, verbatim (`Tests/Fixtures/Syntax/retention.rules`).
    public static var languageTour: String { syntax("retention.rules") }
}
