import Foundation
import Semantics
import Syntax

/// An ad-hoc condition (`rulec segment eval 'EXPR'`, the REPL) checked as the
/// body of a segment, so it gets exactly the language of segments: the text
/// is wrapped as `segment __eval {⏎EXPR⏎}` and checked together with the
/// program whose segments and constants it may use. Diagnostics in the
/// wrapper are mapped back onto a file holding only the expression, so the
/// user sees their own text with the caret in the right column.
public struct AdHocSegment: Sendable {
    public static let name = "__eval"
    static let prefix = "segment \(name) {\n"
    static let suffix = "\n}\n"

    /// The expression alone, for rendering diagnostics.
    public let expressionFile: SourceFile
    /// Diagnostics of the program and of the expression, the latter pointing into `expressionFile`.
    public let diagnostics: [Diagnostic]
    /// The checked program including the ad-hoc segment; nil when parsing failed.
    public let program: CheckedProgram?

    /// The ad-hoc condition, once checked without errors.
    public var condition: Expr? {
        guard !diagnostics.hasErrors else { return nil }
        return program?.segment(named: Self.name)?.condition
    }

    /// `programFiles` are numbered 0..<n already; the expression becomes file n.
    public init(_ expression: String, program programFiles: [SourceFile], path: String = "<expression>") {
        let id = FileID(UInt32(programFiles.count))
        let bytes = Array(expression.utf8)
        expressionFile = SourceFile(id: id, path: path, bytes: bytes)
        let wrapper = SourceFile(id: id, path: path, bytes: Array(Self.prefix.utf8) + bytes + Array(Self.suffix.utf8))

        let parsed = programFiles.map(Parse.file) + [Parse.file(wrapper)]
        if let escape = Self.escapedWrapper(parsed.last!.syntax) {
            // Text after the `}` is not a condition; checking it as declarations would only confuse.
            let escaped = Diagnostic(.expectedToken, "expected the end of the condition: it must be one expression",
                                     at: SourceRange(file: id, start: escape, end: escape))
            diagnostics = Self.mapped(parsed.flatMap(\.diagnostics) + [escaped], file: id, length: bytes.count)
            program = nil
            return
        }
        // The front end's one entry point: syntax errors in the program files
        // do not hide errors in the expression, nor the other way round.
        let checked = Check.parsed(parsed)
        diagnostics = Self.mapped(checked.diagnostics, file: id, length: bytes.count)
        program = parsed.contains { $0.diagnostics.hasErrors } ? nil : checked.program
    }

    /// Where the wrapper stopped being one segment (a `}` in the expression
    /// closing it early), or nil when it parsed as the single declaration it is.
    static func escapedWrapper(_ syntax: FileSyntax) -> Int? {
        guard syntax.declarations.count > 1, let first = syntax.declarations.first else { return nil }
        return first.range.end - 1
    }

    /// Shifts ranges in the wrapper back onto the expression; ranges in the
    /// prefix or suffix land on the expression's start or end.
    static func mapped(_ diagnostics: [Diagnostic], file: FileID, length: Int) -> [Diagnostic] {
        func map(_ range: SourceRange) -> SourceRange {
            guard range.file == file else { return range }
            let shift = prefix.utf8.count
            func clamp(_ offset: Int) -> Int { min(max(offset - shift, 0), length) }
            return SourceRange(file: file, start: clamp(range.start), end: clamp(range.end))
        }
        return diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.range = map(diagnostic.range)
            // The parser met the wrapper's closing brace: to the user, that is where their text ends.
            if diagnostic.range.file == file, diagnostic.range.start >= prefix.utf8.count + length {
                copy.message = copy.message.replacingOccurrences(of: "found `}`", with: "found the end of the expression")
            }
            copy.notes = diagnostic.notes.map { DiagnosticNote($0.message, at: $0.range.map(map)) }
            copy.fixIts = diagnostic.fixIts.map { FixIt(range: map($0.range), replacement: $0.replacement, message: $0.message) }
            return copy
        }.sortedByPosition()
    }
}
