import Foundation

/// A fresh folder under the system's temporary directory
/// (`<tmp>/rulec-<label>-<UUID>`), removed with everything in it when the
/// value goes away, also when a test fails or throws half-way.
///
/// Tests put every file they make inside one, databases included: SQLite
/// writes `-wal` and `-shm` files beside a store, which removing the store's
/// own path would leave behind, and a connection still open when the folder
/// goes cannot bring them back into a folder that no longer exists.
///
/// A fixture keeps one as a stored property; a test declares one as a local
/// at its top. Swift's lexical lifetimes keep a local whose `deinit` has
/// effects alive to the end of its scope, past every call that could observe
/// the removal, even where only paths taken from it are used afterwards.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public var path: String { url.path }

    /// `label` names what made it (`"fmt"`, `"engine"`), so a folder left by a
    /// crashed run says which tests to look at.
    public init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rulec-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `relative` inside the folder (which need not exist yet).
    public func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes `text` to `relative`, creating the folders on the way; returns its path.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Removes the folder now; removing it again (or in `deinit`) does nothing.
    public func remove() { try? FileManager.default.removeItem(at: url) }

    deinit { remove() }
}
