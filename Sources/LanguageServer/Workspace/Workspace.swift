import Foundation
import Semantics
import Syntax

/// The program the editor is working on: every `.rules` file below the
/// workspace folder (read from disk and kept until the file changes), with
/// the editor's open documents standing in for their files. Numbered the way
/// `rulec check` numbers them (paths relative to the folder, byte order), so
/// diagnostics come out in the same order.
public final class Workspace {
    public let root: String?
    public private(set) var documents: [String: TextDocument] = [:]  // uri → document
    /// Files on disk below `root`: absolute path → bytes (nil: not read yet).
    private var diskFiles: [String: [UInt8]] = [:]
    private var parseCache: [String: (bytes: [UInt8], id: FileID, result: ParseResult)] = [:]
    public private(set) var checkOptions = CheckOptions()
    public private(set) var analysis = Analysis.empty
    private var analysisIsCurrent = false

    public init(root: String?) {
        self.root = root.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        rescanDisk()
    }

    // MARK: Documents

    public func open(_ document: TextDocument) {
        documents[document.uri] = document
        analysisIsCurrent = false
    }

    public func update(_ uri: String, _ change: (inout TextDocument) throws(RPCError) -> Void) throws(RPCError) {
        guard var document = documents[uri] else { throw RPCError(.invalidParams, "document \(uri) is not open") }
        try change(&document)
        documents[uri] = document
        analysisIsCurrent = false
    }

    /// The editor closed it: its file on disk counts again (re-read, since
    /// the editor may have saved it).
    public func close(_ uri: String) {
        documents[uri] = nil
        if let path = FileURI.path(of: uri) { refreshFile(path) }
        analysisIsCurrent = false
    }

    /// A file changed on disk (saved, created, deleted by another program).
    public func refreshFile(_ path: String) {
        guard path.hasSuffix(".rules"), isInsideRoot(path) else { return }
        if let data = FileManager.default.contents(atPath: path) {
            diskFiles[path] = Array(data)
        } else {
            diskFiles[path] = nil
        }
        analysisIsCurrent = false
    }

    /// Reads the folder again (after `workspace/didChangeWatchedFiles`).
    public func rescanDisk() {
        diskFiles = [:]
        if let root {
            for path in Self.rulesFiles(below: root) {
                if let data = FileManager.default.contents(atPath: path) { diskFiles[path] = Array(data) }
            }
        }
        analysisIsCurrent = false
    }

    private func isInsideRoot(_ path: String) -> Bool {
        guard let root else { return false }
        return path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// `*.rules` below a folder, skipping hidden entries (`.git`, `.build`),
    /// as `rulec check` does.
    static func rulesFiles(below folder: String) -> [String] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let type = (try? fileManager.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
            if type == .typeDirectory {
                result += rulesFiles(below: path)
            } else if name.hasSuffix(".rules") {
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { result.append(path) }
            }
        }
        return result
    }

    // MARK: Analysis

    /// Parses what changed and checks the whole program, as `rulec check` would.
    @discardableResult
    public func analyze() -> Analysis {
        if analysisIsCurrent { return analysis }
        var sources: [String: (uri: String, bytes: [UInt8])] = [:]  // display path → content
        for (path, bytes) in diskFiles { sources[displayPath(path)] = (uri(of: path), bytes) }
        for document in documents.values {
            guard let path = FileURI.path(of: document.uri), path.hasSuffix(".rules") else { continue }
            sources[displayPath(path)] = (document.uri, document.bytes)
        }
        let order = sources.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var parsed: [ParseResult] = []
        var uris: [String] = []
        var newCache: [String: (bytes: [UInt8], id: FileID, result: ParseResult)] = [:]
        for (index, display) in order.enumerated() {
            let (uri, bytes) = sources[display]!
            let id = FileID(UInt32(index))
            let result: ParseResult
            if let cached = parseCache[display], cached.id == id, cached.bytes == bytes {
                result = cached.result
            } else {
                result = Parse.file(SourceFile(id: id, path: display, bytes: bytes))
            }
            newCache[display] = (bytes, id, result)
            parsed.append(result)
            uris.append(uri)
        }
        parseCache = newCache
        let checker: CheckResult?
        if incremental, let base, let fast = IncrementalCheck.attempt(base: base, parsed: parsed, options: checkOptions) {
            checker = fast
            lastCheckWasIncremental = true
        } else {
            checker = ProgramCheck.checker(parsed, options: checkOptions)
            base = checker.map { IncrementalCheck.Base(parsed: parsed, checker: $0) }
            lastCheckWasIncremental = false
        }
        analysis = Analysis(parsed: parsed, uris: uris, diagnostics: ProgramCheck.combine(parsed, checker: checker?.diagnostics),
                            program: checker?.program ?? CheckedProgram(), fullProgram: base?.checker.program,
                            incrementalFile: lastCheckWasIncremental ? IncrementalCheck.editedFile(base: base, parsed: parsed) : nil)
        analysisIsCurrent = true
        return analysis
    }

    /// Whether an edit to one file may be checked without re-checking the
    /// others' rules (IncrementalCheck); off, every analysis checks everything.
    public var incremental = true
    /// The last full check, the base of incremental ones.
    private var base: IncrementalCheck.Base?
    public private(set) var lastCheckWasIncremental = false

    /// Forgets the options-dependent base (the store's templates changed).
    public func setCheckOptions(_ options: CheckOptions) {
        checkOptions = options
        base = nil
        analysisIsCurrent = false
    }

    /// `file://` URIs of disk files, computed once (URL asks the file system).
    private var uriCache: [String: String] = [:]
    private func uri(of path: String) -> String {
        if let known = uriCache[path] { return known }
        let uri = FileURI.uri(of: path)
        uriCache[path] = uri
        return uri
    }

    /// As `rulec check` run in the workspace folder shows it: relative to the folder.
    private func displayPath(_ path: String) -> String {
        isInsideRoot(path) ? String(path.dropFirst((root == "/" ? 0 : root!.count) + 1)) : path
    }
}

/// One analysis of the workspace: each file parsed, the program checked.
public struct Analysis: Sendable {
    /// Indexed by FileID.
    public var parsed: [ParseResult]
    public var uris: [String]
    public var diagnostics: [Diagnostic]
    /// What the checker learned: partial when there are errors, empty when syntax errors stopped it.
    /// After an incremental check it covers the edited file (and every segment and constant).
    public var program: CheckedProgram
    /// The last full check's program, for what `program` does not cover (other files' rules).
    public var fullProgram: CheckedProgram?

    /// What a name or member resolved to, from whichever check covered its file.
    public func resolution(_ id: ExprID) -> Resolution? { covers(id) ? program.resolutions[id] : fullProgram?.resolutions[id] }
    public func type(_ id: ExprID) -> ExprType? { covers(id) ? program.types[id] : fullProgram?.types[id] }
    /// The file an incremental check covered; nil when `program` covers every file.
    public var incrementalFile: FileID?
    private func covers(_ id: ExprID) -> Bool { incrementalFile == nil || incrementalFile == id.file }

    static let empty = Analysis(parsed: [], uris: [], diagnostics: [], program: CheckedProgram(), fullProgram: nil, incrementalFile: nil)

    public func fileIndex(ofURI uri: String) -> Int? { uris.firstIndex(of: uri) }
    public func file(_ id: FileID) -> SourceFile? {
        parsed.indices.contains(Int(id.rawValue)) ? parsed[Int(id.rawValue)].syntax.file : nil
    }
    public func uri(_ id: FileID) -> String? { uris.indices.contains(Int(id.rawValue)) ? uris[Int(id.rawValue)] : nil }
    public var syntax: [FileSyntax] { parsed.map(\.syntax) }
}
