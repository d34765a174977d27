/// The text being edited and the cursor in it, as a plain value: every editing
/// key is a method here, so the editing rules are testable without a terminal.
///
/// Text is held as Unicode scalars (the unit the language counts columns in, and
/// the unit the key decoder produces), and the cursor is an index between
/// scalars: 0 is before the first, `scalars.count` after the last. A buffer may
/// hold several lines of a multi-line entry; "line" operations (home, end, kill)
/// act on the line the cursor is in, never across a newline.
public struct LineBuffer: Equatable, Sendable {
    public private(set) var scalars: [Unicode.Scalar]
    public private(set) var cursor: Int

    /// A buffer holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        scalars = Array(text.unicodeScalars)
        cursor = scalars.count
    }

    public init(_ text: String, cursor: Int) {
        self.init(text)
        self.cursor = min(max(0, cursor), scalars.count)
    }

    public var text: String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    public var isEmpty: Bool { scalars.isEmpty }

    // MARK: Inserting and deleting

    public mutating func insert(_ scalar: Unicode.Scalar) {
        scalars.insert(scalar, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ text: String) {
        for scalar in text.unicodeScalars { insert(scalar) }
    }

    /// Backspace: removes the scalar before the cursor (joining lines at a line start).
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        scalars.remove(at: cursor)
    }

    /// Delete: removes the scalar under the cursor.
    public mutating func deleteForward() {
        guard cursor < scalars.count else { return }
        scalars.remove(at: cursor)
    }

    /// Ctrl-U: removes from the start of the cursor's line up to the cursor.
    public mutating func deleteToLineStart() {
        let start = lineStart
        scalars.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-K: removes from the cursor to the end of its line (the newline stays).
    public mutating func deleteToLineEnd() {
        scalars.removeSubrange(cursor..<lineEnd)
    }

    // MARK: Moving

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(scalars.count, cursor + 1) }
    public mutating func moveToLineStart() { cursor = lineStart }
    public mutating func moveToLineEnd() { cursor = lineEnd }
    public mutating func moveToEnd() { cursor = scalars.count }

    /// Moves to the end of the first line: where a history entry recalled with Up
    /// puts the cursor, so that a further Up goes on to the older entry.
    public mutating func moveToFirstLineEnd() {
        cursor = scalars.firstIndex(of: "\n") ?? scalars.count
    }

    /// Moves up one line, keeping the column where the line is long enough.
    /// Returns false (and does not move) on the first line.
    public mutating func moveUp() -> Bool {
        let start = lineStart
        guard start > 0 else { return false }
        let column = cursor - start
        let previousStart = Self.lineStart(before: start - 1, in: scalars)
        cursor = min(previousStart + column, start - 1)
        return true
    }

    /// Moves down one line, keeping the column where the line is long enough.
    /// Returns false (and does not move) on the last line.
    public mutating func moveDown() -> Bool {
        let end = lineEnd
        guard end < scalars.count else { return false }
        let column = cursor - lineStart
        let nextStart = end + 1
        let nextEnd = scalars[nextStart...].firstIndex(of: "\n") ?? scalars.count
        cursor = min(nextStart + column, nextEnd)
        return true
    }

    // MARK: Where the cursor is

    public var isOnFirstLine: Bool { lineStart == 0 }
    public var isOnLastLine: Bool { lineEnd == scalars.count }

    /// The text split at newlines; always at least one (possibly empty) line.
    public var lines: [ArraySlice<Unicode.Scalar>] {
        scalars.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line the cursor is in (0-based) and its offset within that line.
    public var cursorLineAndColumn: (line: Int, column: Int) {
        let line = scalars[..<cursor].lazy.filter { $0 == "\n" }.count
        return (line, cursor - lineStart)
    }

    private var lineStart: Int { Self.lineStart(before: cursor, in: scalars) }

    private var lineEnd: Int { scalars[cursor...].firstIndex(of: "\n") ?? scalars.count }

    /// The index just after the last newline before `index` (0 if none).
    private static func lineStart(before index: Int, in scalars: [Unicode.Scalar]) -> Int {
        guard index > 0 else { return 0 }
        return (scalars[..<index].lastIndex(of: "\n")).map { $0 + 1 } ?? 0
    }
}
