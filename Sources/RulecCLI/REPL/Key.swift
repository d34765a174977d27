/// A key press as the line editor understands it. Terminals send the same key
/// in several encodings (Home is `ESC [ H`, `ESC [ 1 ~`, `ESC O H` or Ctrl-A);
/// `KeyDecoder` folds them into one case so the editor handles each key once.
public enum Key: Equatable, Sendable {
    /// A printable character (one Unicode scalar; a combining sequence arrives as several).
    case character(Unicode.Scalar)
    case enter
    case tab
    case backspace
    /// Delete the character under the cursor (`ESC [ 3 ~`).
    case delete
    case left, right, up, down
    case home, end
    /// Ctrl-C: cancel the entry being typed.
    case interrupt
    /// Ctrl-D: end of input on an empty entry, otherwise delete forward.
    case endOfInput
    /// Ctrl-U: delete from the line start to the cursor.
    case deleteToLineStart
    /// Ctrl-K: delete from the cursor to the line end.
    case deleteToLineEnd
    /// Ctrl-L.
    case clearScreen
    /// A bare Escape, or a sequence the editor has no use for (F-keys, Alt-x,
    /// other control bytes), kept so that it is visibly ignored rather than typed.
    case unrecognized([UInt8])
}
