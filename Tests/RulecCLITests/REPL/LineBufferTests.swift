import Testing
@testable import RulecCLI

@Suite struct LineBufferTests {
    @Test func insertsAtTheCursorAndMovesIt() {
        var buffer = LineBuffer("ac")
        buffer.moveLeft()
        buffer.insert("b")
        #expect(buffer.text == "abc")
        #expect(buffer.cursor == 2)
    }

    @Test func movesStopAtBothEnds() {
        var buffer = LineBuffer("ab")
        buffer.moveRight()
        #expect(buffer.cursor == 2)
        buffer.moveLeft(); buffer.moveLeft(); buffer.moveLeft()
        #expect(buffer.cursor == 0)
    }

    @Test func backspaceAndDeleteRemoveOnEitherSide() {
        var buffer = LineBuffer("abcd", cursor: 2)
        buffer.deleteBackward()
        #expect(buffer.text == "acd" && buffer.cursor == 1)
        buffer.deleteForward()
        #expect(buffer.text == "ad" && buffer.cursor == 1)
        var atStart = LineBuffer("x", cursor: 0)
        atStart.deleteBackward()
        #expect(atStart.text == "x")
        var atEnd = LineBuffer("x")
        atEnd.deleteForward()
        #expect(atEnd.text == "x")
    }

    @Test func multibyteTextIsEditedPerScalar() {
        var buffer = LineBuffer("héllo 世界")
        #expect(buffer.scalars.count == 8)
        buffer.deleteBackward()
        buffer.moveToLineStart()
        buffer.moveRight()
        buffer.deleteForward()
        #expect(buffer.text == "hllo 世")
    }

    @Test func homeEndAndKillsActOnTheCursorsLineOnly() {
        var buffer = LineBuffer("first\nsecond line\nthird", cursor: 12)  // "second| line"
        buffer.moveToLineStart()
        #expect(buffer.cursor == 6)
        buffer.moveToLineEnd()
        #expect(buffer.cursor == 17)
        buffer = LineBuffer("first\nsecond line\nthird", cursor: 12)
        buffer.deleteToLineEnd()
        #expect(buffer.text == "first\nsecond\nthird")
        buffer.deleteToLineStart()
        #expect(buffer.text == "first\n\nthird")
        #expect(buffer.cursor == 6)
    }

    @Test func upAndDownKeepTheColumnWhereTheLineIsLongEnough() {
        var buffer = LineBuffer("abcdef\nxy\nlonger", cursor: 5)
        #expect(buffer.isOnFirstLine)
        var moves: [Bool] = []
        var positions: [Int] = []
        for down in [true, true, true, false, false, false] {
            moves.append(down ? buffer.moveDown() : buffer.moveUp())
            positions.append(buffer.cursorLineAndColumn.column)
        }
        // Down to "xy" clamps the column to 2, which it then keeps.
        #expect(moves == [true, true, false, true, true, false])
        #expect(positions == [2, 2, 2, 2, 2, 2])
        #expect(buffer.cursorLineAndColumn.line == 0)
        buffer.moveToEnd()
        #expect(buffer.isOnLastLine)
    }

    @Test func backspaceAtALineStartJoinsTheLines() {
        var buffer = LineBuffer("ab\ncd", cursor: 3)
        buffer.deleteBackward()
        #expect(buffer.text == "abcd")
        #expect(buffer.lines.count == 1)
    }

    @Test func firstLineEndIsWhereRecalledEntriesPutTheCursor() {
        var buffer = LineBuffer("f(1,\n2)")
        buffer.moveToFirstLineEnd()
        #expect(buffer.cursor == 4)
        #expect(buffer.isOnFirstLine)
    }
}
