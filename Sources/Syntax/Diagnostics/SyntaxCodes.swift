// The syntax diagnostics, `E0xxx`: E00xx for the lexer, E01xx for the parser.
// Ids are stable: never reuse or renumber one; add new codes at the end of
// their block.

extension DiagnosticCode {
    // MARK: Lexical (LANGUAGE.md §2)
    public static let unterminatedString = DiagnosticCode("E0001", "unterminated-string")
    public static let invalidEscape = DiagnosticCode("E0002", "invalid-escape")
    public static let controlCharacterInString = DiagnosticCode("E0003", "control-character-in-string")
    public static let moneyPrecision = DiagnosticCode("E0004", "money-precision")
    public static let invalidDurationUnit = DiagnosticCode("E0005", "invalid-duration-unit")
    public static let fractionalDuration = DiagnosticCode("E0006", "fractional-duration")
    public static let strayCharacter = DiagnosticCode("E0007", "stray-character")
    public static let invalidUTF8 = DiagnosticCode("E0008", "invalid-utf8")
    public static let nulByte = DiagnosticCode("E0009", "nul-byte")
    public static let invalidClockTime = DiagnosticCode("E0010", "invalid-clock-time")
    public static let invalidLiteralSuffix = DiagnosticCode("E0011", "invalid-literal-suffix")
    public static let literalOverflow = DiagnosticCode("E0012", "literal-overflow")
    public static let malformedMoney = DiagnosticCode("E0013", "malformed-money")

    // MARK: Grammar (LANGUAGE.md §3, §4, §6, §7)
    public static let expectedToken = DiagnosticCode("E0101", "expected-token")
    public static let expectedExpression = DiagnosticCode("E0102", "expected-expression")
    public static let expectedDeclaration = DiagnosticCode("E0103", "expected-declaration")
    public static let reservedKeyword = DiagnosticCode("E0104", "reserved-keyword")
    public static let chainedComparison = DiagnosticCode("E0105", "chained-comparison")
    public static let assignmentInExpression = DiagnosticCode("E0106", "assignment-in-expression")
    public static let nestingTooDeep = DiagnosticCode("E0107", "nesting-too-deep")
    public static let duplicateClause = DiagnosticCode("E0108", "duplicate-clause")
    public static let missingTrigger = DiagnosticCode("E0109", "missing-trigger")
    public static let missingActions = DiagnosticCode("E0110", "missing-actions")
    public static let emptyActionBlock = DiagnosticCode("E0111", "empty-action-block")
    public static let unclosedDelimiter = DiagnosticCode("E0112", "unclosed-delimiter")
    public static let misplacedNot = DiagnosticCode("E0113", "misplaced-not")
    public static let unknownClause = DiagnosticCode("E0114", "unknown-clause")
    public static let unknownAction = DiagnosticCode("E0115", "unknown-action")
    public static let invalidSchedule = DiagnosticCode("E0116", "invalid-schedule")
    public static let duplicateModifier = DiagnosticCode("E0117", "duplicate-modifier")
}

public enum SyntaxCodes {
    /// Every syntax code, in id order, for the catalog and `--explain`.
    public static let all: [DiagnosticCode] = [
        .unterminatedString, .invalidEscape, .controlCharacterInString, .moneyPrecision,
        .invalidDurationUnit, .fractionalDuration, .strayCharacter, .invalidUTF8, .nulByte,
        .invalidClockTime, .invalidLiteralSuffix, .literalOverflow, .malformedMoney,
        .expectedToken, .expectedExpression, .expectedDeclaration, .reservedKeyword,
        .chainedComparison, .assignmentInExpression, .nestingTooDeep, .duplicateClause,
        .missingTrigger, .missingActions, .emptyActionBlock, .unclosedDelimiter, .misplacedNot,
        .unknownClause, .unknownAction, .invalidSchedule, .duplicateModifier,
    ]
}
