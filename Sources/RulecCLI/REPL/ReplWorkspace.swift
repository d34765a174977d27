import Foundation
import Planning
import Semantics
import Store
import Syntax

/// The live side of a REPL session: the creator's store, the program whose
/// segments and constants entries may use (the deployed one, files added with
/// `:load`, and `segment` definitions typed in the session), and the clock.
final class ReplWorkspace {
    let store: CreatorStore
    let zone: TimeZone
    /// `:now T` fixes it; otherwise the system clock at each entry.
    var fixedNow: Int64?
    /// The wall clock when no `:now` or `--now` fixed one.
    let clock: @Sendable () -> Int64
    /// Program files in the order they are numbered: deployed, then loaded.
    private(set) var programFiles: [(path: String, bytes: [UInt8])]
    /// `segment NAME { … }` entries of this session, in the order typed.
    private(set) var sessionSegments: [String] = []
    /// The terminal's width, read at each answer (the window may be resized);
    /// nil when output is not a terminal.
    var terminalColumns: () -> Int? = { nil }

    init(store: CreatorStore, programFiles: [SourceFile], now: Int64?,
         clock: @escaping @Sendable () -> Int64 = CommandContext.systemClock) throws {
        self.store = store
        self.clock = clock
        self.zone = try CreatorTimeZone.load(from: store)
        self.fixedNow = now
        self.programFiles = programFiles.map { ($0.path, $0.bytes) }
    }

    var now: Int64 { fixedNow ?? clock() }

    /// What the session works on, for the banner: the store, the creator and
    /// the clock (fixed, or following the system's).
    func description(storePath: String) -> String {
        let clockText = fixedNow.map { "now \(Value.timestamp($0)) (fixed; :now clock follows the system clock)" }
            ?? "now follows the system clock (\(Value.timestamp(now))); :now T fixes it"
        return "store \(storePath), creator \(store.userID), \(clockText)"
    }
    var context: EvaluationContext { EvaluationContext(now: now, zone: zone) }

    /// Every file of the session's program, numbered from 0; session
    /// segments form the last file.
    func files(extraSegment: String? = nil) -> [SourceFile] {
        var files = programFiles.enumerated().map { SourceFile(id: FileID(UInt32($0.offset)), path: $0.element.path, bytes: $0.element.bytes) }
        let typed = sessionSegments + (extraSegment.map { [$0] } ?? [])
        if !typed.isEmpty {
            files.append(SourceFile(id: FileID(UInt32(files.count)), path: "<session>", text: typed.joined(separator: "\n\n") + "\n"))
        }
        return files
    }

    /// Checks a condition typed at the prompt against the session's program.
    func adHoc(_ expression: String) -> AdHocSegment {
        AdHocSegment(expression, program: files())
    }

    /// Adds a `segment` definition; returns the diagnostics that refused it, if any.
    func define(segment text: String) -> (diagnostics: [Diagnostic], files: [SourceFile]) {
        let candidate = files(extraSegment: text)
        let diagnostics = Self.check(candidate).filter { $0.severity == .error }
        if diagnostics.isEmpty { sessionSegments.append(text) }
        return (diagnostics, candidate)
    }

    /// Adds program files (`:load`); returns the diagnostics that refused them, if any.
    func load(_ loaded: [SourceFile]) -> (diagnostics: [Diagnostic], files: [SourceFile]) {
        let before = programFiles
        programFiles += loaded.map { ($0.path, $0.bytes) }
        let candidate = files()
        let diagnostics = Self.check(candidate).filter { $0.severity == .error }
        if !diagnostics.isEmpty { programFiles = before }
        return (diagnostics, candidate)
    }

    /// The checked program of the session, for `:why`.
    func checkedProgram() -> (program: CheckedProgram?, diagnostics: [Diagnostic], files: [SourceFile]) {
        let files = files()
        let checked = Check.sources(files)
        return (checked.diagnostics.hasErrors ? nil : checked.program, checked.diagnostics, files)
    }

    private static func check(_ files: [SourceFile]) -> [Diagnostic] {
        Check.sources(files).diagnostics
    }
}
