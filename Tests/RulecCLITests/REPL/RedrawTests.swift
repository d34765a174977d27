import Testing
@testable import RulecCLI

@Suite struct RedrawTests {
    let screen = Redraw(prompt: "> ", continuationPrompt: ".. ", columns: 10)

    func position(_ row: Int, _ column: Int) -> Redraw.Position { .init(row: row, column: column) }

    @Test func cursorColumnCountsCellsNotBytesOrScalars() {
        // "é" as e + combining accent is one cell; 世 and 😀 are two.
        let layout = screen.layout(of: LineBuffer("e\u{301}世😀"))
        #expect(layout.end == position(0, 2 + 1 + 2 + 2))
        let middle = screen.layout(of: LineBuffer("e\u{301}世😀", cursor: 3))
        #expect(middle.cursor == position(0, 2 + 1 + 2))
    }

    @Test func aWideCharacterThatDoesNotFitMovesWholeToTheNextRow() {
        // 2 + 7 cells leave one cell on the row: too few for 世.
        let buffer = LineBuffer("abcdefg世", cursor: 7)
        let layout = screen.layout(of: buffer)
        #expect(layout.cursor == position(1, 0))
        #expect(layout.end == position(1, 2))
    }

    @Test func aFullLastRowPutsTheCursorOnTheNextRow() {
        let drawing = screen.sequence(for: LineBuffer("abcdefgh"), previousCursorRow: 0)
        #expect(screen.layout(of: LineBuffer("abcdefgh")).cursor == position(1, 0))
        #expect(drawing.text == "\r\u{1B}[J> abcdefgh\r\n\r")
        #expect(drawing.cursorRow == 1)
    }

    @Test func continuationLinesGetTheirPrompt() {
        let buffer = LineBuffer("f(1,\n2)", cursor: 2)
        let drawing = screen.sequence(for: buffer, previousCursorRow: 0)
        // Written whole, then up one row and right to just after "f(".
        #expect(drawing.text == "\r\u{1B}[J> f(1,\r\n.. 2)\u{1B}[1A\r\u{1B}[4C")
        #expect(drawing.cursorRow == 0)
    }

    @Test func aRedrawStartsFromTheRowThePreviousOneLeftTheCursorOn() {
        let drawing = screen.sequence(for: LineBuffer("x"), previousCursorRow: 2)
        #expect(drawing.text.hasPrefix("\u{1B}[2A\r\u{1B}[J> x"))
    }

    @Test func longTextWrapsOverSeveralRows() {
        let text = String(repeating: "a", count: 25)  // 2 + 25 = 27 cells on 10-cell rows
        #expect(screen.layout(of: LineBuffer(text)).end == position(2, 7))
        #expect(screen.layout(of: LineBuffer(text, cursor: 8)).cursor == position(1, 0))
    }
}
