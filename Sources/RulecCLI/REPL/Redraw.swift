/// The escape sequence that redraws an entry in place: back to the entry's first
/// row, clear to the end of the screen, write every line with its prompt, and
/// put the cursor where the buffer's cursor is.
///
/// The whole entry is redrawn after every key (as linenoise's multi-line mode
/// does) rather than patched, because a patch must know exactly how the terminal
/// wrapped wide characters; a full redraw only needs the cursor's row and column,
/// which `layout` computes with the same wrapping rule terminals use: a character
/// that does not fit in the rest of the row moves whole to the next row.
struct Redraw {
    var prompt: String
    var continuationPrompt: String
    /// Terminal width in cells; at least 1.
    var columns: Int

    struct Position: Equatable {
        var row: Int
        var column: Int
    }

    struct Layout: Equatable {
        /// Where the terminal's cursor is after writing everything.
        var end: Position
        /// Where the buffer's cursor must be shown.
        var cursor: Position
    }

    /// - Parameter previousCursorRow: the row (counted from the entry's first
    ///   row) the cursor was left on by the previous drawing, 0 for a fresh prompt.
    /// - Returns: the bytes to write and the cursor row they leave, to pass next time.
    func sequence(for buffer: LineBuffer, previousCursorRow: Int) -> (text: String, cursorRow: Int) {
        var out = ""
        if previousCursorRow > 0 { out += "\u{1B}[\(previousCursorRow)A" }
        out += "\r\u{1B}[J"
        for (index, line) in buffer.lines.enumerated() {
            if index > 0 { out += "\r\n" }
            out += index == 0 ? prompt : continuationPrompt
            out.unicodeScalars.append(contentsOf: line)
        }
        let layout = layout(of: buffer)
        var end = layout.end
        if end.column >= columns {
            // The terminal holds the cursor on the last column until the next
            // character; step to the next row so its position is unambiguous.
            out += "\r\n"
            end = Position(row: end.row + 1, column: 0)
        }
        if end.row > layout.cursor.row { out += "\u{1B}[\(end.row - layout.cursor.row)A" }
        out += "\r"
        if layout.cursor.column > 0 { out += "\u{1B}[\(layout.cursor.column)C" }
        return (out, layout.cursor.row)
    }

    func layout(of buffer: LineBuffer) -> Layout {
        var position = Position(row: 0, column: 0)
        var cursor: Position?
        let lines = buffer.lines
        var scalarIndex = 0
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex > 0 { position = Position(row: position.row + 1, column: 0) }
            for scalar in (lineIndex == 0 ? prompt : continuationPrompt).unicodeScalars {
                place(width: DisplayWidth.of(scalar), at: &position)
            }
            for scalar in line {
                let width = DisplayWidth.of(scalar)
                if scalarIndex == buffer.cursor { cursor = placement(width: width, at: position) }
                place(width: width, at: &position)
                scalarIndex += 1
            }
            if scalarIndex == buffer.cursor && cursor == nil {
                let isLastLine = lineIndex == lines.count - 1
                // At a full row's end the cursor would sit on the next row: after the
                // last line the redraw moves there; before a newline, stay on the row.
                cursor = position.column < columns ? position
                    : isLastLine ? Position(row: position.row + 1, column: 0)
                    : Position(row: position.row, column: columns - 1)
            }
            scalarIndex += 1  // the newline
        }
        return Layout(end: position, cursor: cursor ?? position)
    }

    /// Where a character of `width` cells lands when written at `position`.
    private func placement(width: Int, at position: Position) -> Position {
        position.column + width > columns && position.column > 0
            ? Position(row: position.row + 1, column: 0) : position
    }

    private func place(width: Int, at position: inout Position) {
        position = placement(width: width, at: position)
        position.column += width
    }
}
