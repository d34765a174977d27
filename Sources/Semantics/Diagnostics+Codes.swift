import Syntax

/// The checker's diagnostics: `E1xxx` names and types, `W2xxx` lints, `N3xxx`
/// notes. Ids are stable; `Grammar/DIAGNOSTICS.md` documents each one.
extension DiagnosticCode {
    // Declarations and names.
    public static let duplicateName = DiagnosticCode("E1001", "duplicate-name")
    public static let segmentCycle = DiagnosticCode("E1002", "segment-cycle")
    public static let constantCycle = DiagnosticCode("E1003", "constant-cycle")
    public static let constantNotLiteral = DiagnosticCode("E1004", "constant-not-constant")
    public static let unknownName = DiagnosticCode("E1010", "unknown-name")
    public static let unknownField = DiagnosticCode("E1011", "unknown-field")
    public static let unknownCollection = DiagnosticCode("E1012", "unknown-collection")
    public static let eventFieldNotOnTrigger = DiagnosticCode("E1013", "event-field-not-on-trigger")
    public static let unknownSegment = DiagnosticCode("E1014", "unknown-segment")
    public static let unknownTrigger = DiagnosticCode("E1015", "unknown-trigger")
    public static let unknownFunction = DiagnosticCode("E1016", "unknown-function")
    public static let unknownTemplate = DiagnosticCode("E1017", "unknown-template")
    public static let unknownEnumValue = DiagnosticCode("E1018", "unknown-enum-value")
    public static let droppedCollection = DiagnosticCode("E1019", "dropped-collection")
    public static let segmentNeedsFanIn = DiagnosticCode("E1020", "segment-needs-fan-in")
    public static let collectionOutsideAggregate = DiagnosticCode("E1021", "collection-outside-aggregate")
    public static let eventOutsideRule = DiagnosticCode("E1022", "event-outside-rule")
    public static let noFields = DiagnosticCode("E1023", "no-fields")
    public static let triggerArgument = DiagnosticCode("E1024", "trigger-argument")
    // Types.
    public static let typeMismatch = DiagnosticCode("E1030", "type-mismatch")
    public static let moneyWithoutDollar = DiagnosticCode("E1031", "money-without-dollar")
    public static let compareWithNull = DiagnosticCode("E1032", "compare-with-null")
    public static let enumOrdering = DiagnosticCode("E1033", "enum-ordering")
    public static let notBoolean = DiagnosticCode("E1034", "not-boolean")
    public static let wrongArity = DiagnosticCode("E1035", "wrong-arity")
    public static let argumentType = DiagnosticCode("E1036", "argument-type")
    public static let invalidRegex = DiagnosticCode("E1037", "invalid-regex")
    public static let literalRequired = DiagnosticCode("E1038", "literal-required")
    public static let invalidDate = DiagnosticCode("E1039", "invalid-date")
    public static let agoNeedsDuration = DiagnosticCode("E1040", "ago-needs-duration")
    public static let aggregateSource = DiagnosticCode("E1041", "aggregate-source")
    public static let invalidTimeZone = DiagnosticCode("E1042", "invalid-time-zone")
    public static let fanOutsideIn = DiagnosticCode("E1043", "fan-outside-in")
    // Rule clauses and actions.
    public static let invalidPriority = DiagnosticCode("E1050", "invalid-priority")
    public static let invalidCooldown = DiagnosticCode("E1051", "invalid-cooldown")
    public static let invalidLimit = DiagnosticCode("E1052", "invalid-limit")
    public static let invalidAfter = DiagnosticCode("E1053", "invalid-after")
    public static let invalidWithValue = DiagnosticCode("E1054", "invalid-with-value")
    public static let duplicateWithKey = DiagnosticCode("E1055", "duplicate-with-key")
    public static let invalidVia = DiagnosticCode("E1056", "invalid-via")
    public static let unfilledTemplateSlot = DiagnosticCode("E1057", "unfilled-template-slot")
    public static let constantOverflow = DiagnosticCode("E1058", "constant-overflow")
    // The policy (LANGUAGE.md §11).
    public static let duplicatePolicy = DiagnosticCode("E1070", "duplicate-policy")
    public static let invalidPolicyLimit = DiagnosticCode("E1071", "invalid-policy-limit")
    public static let invalidQuietHours = DiagnosticCode("E1072", "invalid-quiet-hours")
    // Lints.
    public static let unboundedMessaging = DiagnosticCode("W2001", "unbounded-messaging", .warning)
    public static let neverTrue = DiagnosticCode("W2002", "never-true", .warning)
    public static let alwaysTrue = DiagnosticCode("W2003", "always-true", .warning)
    public static let duplicateSend = DiagnosticCode("W2004", "duplicate-send", .warning)
    public static let shadowedConstant = DiagnosticCode("W2005", "shadowed-constant", .warning)
    public static let ruleExceedsPolicyCap = DiagnosticCode("W2020", "rule-exceeds-policy-cap", .warning)
    public static let bypassWithoutSends = DiagnosticCode("W2021", "bypass-without-sends", .warning)
    // Notes.
    public static let unusedSegment = DiagnosticCode("N3001", "unused-segment", .note)
}

public enum SemanticCodes {
    public static let all: [DiagnosticCode] = [
        .duplicateName, .segmentCycle, .constantCycle, .constantNotLiteral,
        .unknownName, .unknownField, .unknownCollection, .eventFieldNotOnTrigger, .unknownSegment,
        .unknownTrigger, .unknownFunction, .unknownTemplate, .unknownEnumValue, .droppedCollection,
        .segmentNeedsFanIn, .collectionOutsideAggregate, .eventOutsideRule, .noFields, .triggerArgument,
        .typeMismatch, .moneyWithoutDollar, .compareWithNull, .enumOrdering, .notBoolean, .wrongArity,
        .argumentType, .invalidRegex, .literalRequired, .invalidDate, .agoNeedsDuration, .aggregateSource,
        .invalidTimeZone, .fanOutsideIn,
        .invalidPriority, .invalidCooldown, .invalidLimit, .invalidAfter, .invalidWithValue,
        .duplicateWithKey, .invalidVia, .unfilledTemplateSlot, .constantOverflow,
        .duplicatePolicy, .invalidPolicyLimit, .invalidQuietHours,
        .unboundedMessaging, .neverTrue, .alwaysTrue, .duplicateSend, .shadowedConstant,
        .ruleExceedsPolicyCap, .bypassWithoutSends,
        .unusedSegment,
    ]
}
