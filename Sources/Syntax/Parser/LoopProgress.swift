/// Guards a parser loop against spinning without consuming input, like
/// swift-syntax's `LoopProgressCondition`: every iteration must start at a
/// later token than the one before. A loop that fails the check is a parser
/// bug; debug builds stop on it, release builds leave the loop (so bad input
/// can never hang the compiler).
struct LoopProgress {
    private var lastStart = -1

    mutating func advanced(_ parser: Parser) -> Bool {
        let start = parser.current.start
        guard start > lastStart else {
            assertionFailure("parser loop made no progress at byte \(start)")
            return false
        }
        lastStart = start
        return true
    }
}
