/// One entry being edited: the buffer plus history browsing, and what each key
/// does to them. Pure, so key handling is tested without a terminal; the
/// `LineEditor` only reads keys, applies them here and redraws.
struct EditState {
    private(set) var buffer = LineBuffer()
    private var browser: HistoryBrowser

    /// What the editor must do after a key.
    enum Outcome: Equatable {
        /// The buffer changed or the cursor moved: redraw.
        case edited
        /// Nothing changed (an unbound key, Up with no older entry).
        case unchanged
        case submit(String)
        case interrupt
        case endOfInput
        case clearScreen
    }

    init(history: [String]) {
        browser = HistoryBrowser(history: history)
    }

    /// Two spaces: a tab character would need its own width rules in the redraw.
    static let indent = "  "

    mutating func apply(_ key: Key, needsContinuation: (String) -> Bool) -> Outcome {
        switch key {
        case .character(let scalar): buffer.insert(scalar)
        case .tab: buffer.insert(Self.indent)
        case .enter:
            let text = buffer.text
            guard needsContinuation(text) else { return .submit(text) }
            buffer.insert("\n")
        case .backspace: buffer.deleteBackward()
        case .delete: buffer.deleteForward()
        case .left: buffer.moveLeft()
        case .right: buffer.moveRight()
        case .home: buffer.moveToLineStart()
        case .end: buffer.moveToLineEnd()
        case .deleteToLineStart: buffer.deleteToLineStart()
        case .deleteToLineEnd: buffer.deleteToLineEnd()
        case .up:
            // Within a multi-line entry Up moves between its lines; only on the
            // first line does it go to the older entry.
            if buffer.moveUp() { return .edited }
            guard let older = browser.older(leaving: buffer.text) else { return .unchanged }
            buffer = LineBuffer(older)
            // On the first line, so that pressing Up again keeps going back.
            buffer.moveToFirstLineEnd()
        case .down:
            if buffer.moveDown() { return .edited }
            guard let newer = browser.newer(leaving: buffer.text) else { return .unchanged }
            buffer = LineBuffer(newer)  // cursor at the end: on the last line
        case .interrupt: return .interrupt
        case .endOfInput:
            if buffer.isEmpty { return .endOfInput }
            buffer.deleteForward()
        case .clearScreen: return .clearScreen
        case .unrecognized: return .unchanged
        }
        return .edited
    }

    /// Puts the cursor after the last character, where output after the entry starts.
    mutating func moveToEnd() { buffer.moveToEnd() }
}
