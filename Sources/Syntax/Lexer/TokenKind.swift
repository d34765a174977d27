/// What a token is. Literal values travel in `Token.value`; the spelling of
/// names is read back from the source bytes by range.
public enum TokenKind: Hashable, Sendable {
    case identifier
    case keyword(Keyword)

    case intLiteral
    case numberLiteral
    case moneyLiteral
    case durationLiteral
    case stringLiteral
    /// `HH:MM`, produced only right after the keyword `at`.
    case clockLiteral
    /// A literal the lexer already rejected (`3mo`, `1.5h`, `$1.999`): the
    /// parser treats it as an expression and says nothing more about it.
    case invalidLiteral

    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon, dot
    case plus, minus, star, slash, percent
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    /// `=`: binds a constant in `let`; in an expression it is the classic
    /// slip for `==`, which the parser reports with a fix-it.
    case equal
    /// `&&`, `||`, `!`: alternative spellings of `and`, `or`, `not`.
    case ampersandAmpersand, pipePipe, bang

    /// Bytes the lexer could not turn into a token (a stray character, a run
    /// of invalid UTF-8, NUL bytes). Already reported, so the parser stays quiet.
    case unknown
    case endOfFile

    /// How the token is named in "expected …, found …" messages.
    public var displayName: String {
        switch self {
        case .identifier: "a name"
        case .keyword(let k): "`\(k.rawValue)`"
        case .intLiteral: "an integer"
        case .numberLiteral: "a number"
        case .moneyLiteral: "a money amount"
        case .durationLiteral: "a duration"
        case .stringLiteral: "a string"
        case .clockLiteral: "a clock time"
        case .invalidLiteral: "an invalid literal"
        case .unknown: "an unexpected character"
        case .endOfFile: "the end of the file"
        default: "`\(punctuationSpelling ?? "?")`"
        }
    }

    /// The exact spelling of punctuation and operator tokens.
    public var punctuationSpelling: String? {
        switch self {
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .comma: ","
        case .colon: ":"
        case .dot: "."
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .percent: "%"
        case .equalEqual: "=="
        case .bangEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .equal: "="
        case .ampersandAmpersand: "&&"
        case .pipePipe: "||"
        case .bang: "!"
        default: nil
        }
    }

    /// Word-like tokens: names, and keywords where the grammar allows any word.
    var isWord: Bool {
        switch self {
        case .identifier, .keyword: true
        default: false
        }
    }

    func `is`(_ keyword: Keyword) -> Bool { self == .keyword(keyword) }
}
