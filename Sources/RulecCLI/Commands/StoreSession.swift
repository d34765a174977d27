import Foundation
import Planning
import Store

/// One data command's open store, its creator and its clock: what
/// `StoreOptions.open` returns after refusing a missing store or an unknown
/// creator. Every data command starts from one.
struct StoreSession {
    /// Whether the command only reads (opened read-only: works on a file or
    /// folder the user cannot write) or also writes.
    enum Access { case read, write }

    let store: Store
    let creator: CreatorStore
    let path: String
    /// The creator's zone (`creator_profiles.timezone`), in which `--now` without a zone was read.
    let zone: TimeZone
    /// `--now`, when given.
    let fixedNow: Int64?
    /// The wall clock (`CommandContext.clock`), for when `--now` is not given.
    let clock: @Sendable () -> Int64

    /// `--now`, else the clock at this moment.
    var now: Int64 { fixedNow ?? clock() }

    /// Runs `body`, turning store failures into exit-code-2 errors.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SQLiteError { throw StoreOptions.cliError(error, path: path) }
        catch let error as StoreError { throw StoreOptions.cliError(error, path: path) }
    }
}
