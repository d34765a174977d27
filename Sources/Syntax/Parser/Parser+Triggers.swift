/// What follows `on` (LANGUAGE.md §4): a dotted event path with an optional
/// argument, or a schedule. The parser accepts any path; which triggers exist
/// is the checker's business.
extension Parser {
    /// The words of an event trigger's path, `transaction.tip`, from its first word (which may
    /// be a keyword: `segment.entered`, `fan.created`); after a dot any word is a name. Rules'
    /// `on` and tests' `event` both read triggers this way.
    mutating func parseEventPathWords() -> [Identifier] {
        var path = [identifier(advance())]
        var progress = LoopProgress()
        while at(.dot), progress.advanced(self) {
            advance()
            guard current.kind.isWord else {
                reportUnexpected(expected: "an event name after `.`")
                break
            }
            path.append(identifier(advance()))
        }
        return path
    }

    mutating func parseTrigger() -> TriggerSyntax {
        let start = current.start
        if at(.schedule), peek().kind != .dot {
            advance()
            let schedule = parseSchedule()
            return .schedule(schedule, range: range(from: start))
        }
        var path: [Identifier] = []
        guard current.kind.isWord else {
            reportUnexpected(expected: "a trigger, such as `transaction.tip` or `schedule daily at 09:00`")
            return .event(path: path, argument: nil, range: insertionPoint)
        }
        // The first word may be a keyword (`segment.entered`, `fan.created`,
        // `tag.added`); after a dot any word is a name.
        path += parseEventPathWords()
        var argument: TriggerArgument?
        if at(.identifier), !atBypassPolicy() {  // `on fan.created bypass policy`: the clause, not an argument
            argument = .name(identifier(advance()))
        } else if at(.stringLiteral) {
            argument = .string(parseStringLiteral())
        }
        return .event(path: path, argument: argument, range: range(from: start))
    }

    /// After `schedule`: `daily at HH:MM`, `weekly on DAY at HH:MM`, `every DURATION`.
    private mutating func parseSchedule() -> ScheduleSyntax {
        switch current.kind {
        case .keyword(.daily):
            advance()
            return .daily(at: parseClockTime())
        case .keyword(.weekly):
            advance()
            let day: Identifier
            if expect(.keyword(.on), "`on DAY` after `weekly`") != nil, at(.identifier) {
                day = identifier(advance())
            } else {
                if !panicMode { reportUnexpected(expected: "a day of the week, such as `monday`") }
                day = Identifier(name: "", range: insertionPoint)
            }
            return .weekly(day: day, at: parseClockTime())
        case .keyword(.every):
            advance()
            return .every(parseExpression())
        default:
            reportUnexpected(expected: "`daily`, `weekly` or `every` after `schedule`", code: .invalidSchedule)
            return .every(makeExpr(.invalid, insertionPoint))
        }
    }

    /// `at HH:MM`. The lexer makes clock tokens only after `at` and has
    /// already reported malformed ones.
    private mutating func parseClockTime() -> ClockTime {
        let invalid = ClockTime(hour: 0, minute: 0)
        guard expect(.keyword(.at), "`at HH:MM`") != nil else { return invalid }
        if at(.invalidLiteral) {
            advance()
            return invalid
        }
        guard at(.clockLiteral), case .clock(let time) = current.value else {
            reportUnexpected(expected: "a clock time `HH:MM`, such as `09:00`", code: .invalidSchedule)
            return invalid
        }
        advance()
        return time
    }
}
