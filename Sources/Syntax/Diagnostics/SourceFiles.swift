/// The files a program's diagnostics point into, looked up by `FileID`.
/// Renderers take one of these so that a note can point into another file
/// (the first definition of a duplicate name) as easily as into its own.
public struct SourceFiles: Sendable {
    private let byID: [FileID: SourceFile]

    public init(_ files: [SourceFile]) {
        byID = Dictionary(files.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: FileID) -> SourceFile? { byID[id] }

    /// Where a range sits, in the 1-based, Unicode-scalar form that every
    /// output format prints. A range into a file we were not given still
    /// renders (at 1:1 of a placeholder path) rather than crashing the report.
    public func span(of range: SourceRange) -> ResolvedSpan {
        guard let file = byID[range.file] else {
            let origin = SourceLocation(line: 1, column: 1)
            return ResolvedSpan(file: nil, path: "<unknown file \(range.file.rawValue)>", start: origin, end: origin)
        }
        let start = file.location(of: range.start)
        let end = range.end > range.start ? file.location(of: range.end) : start
        return ResolvedSpan(file: file, path: file.path, start: start, end: end)
    }
}

/// A source range resolved to lines and columns. `end` is exclusive: it is the
/// position just after the last character covered (as in LSP and SARIF), so an
/// empty range has `end == start`.
public struct ResolvedSpan: Sendable {
    public let file: SourceFile?
    public let path: String
    public let start: SourceLocation
    public let end: SourceLocation

    public var isSingleLine: Bool { start.line == end.line }
}
