import Syntax

/// The checker as a named list of passes (OPA's compiler stages). Each pass
/// reads and extends the shared `CheckState` and returns its diagnostics.
public enum CheckPass: String, Sendable, CaseIterable {
    /// Every constant, segment and rule by name; duplicates reported.
    case collectDeclarations
    /// Triggers, then every name, member and call in every expression;
    /// segment and constant dependency graphs and their cycles.
    case resolveNames
    /// Constants to literal values, in dependency order (after resolveNames).
    case foldConstants
    /// Types of every expression, enum values, rule clauses and actions
    /// (after foldConstants: constants are typed by their values).
    case checkTypes
    /// Warnings and notes over a program without errors (after checkTypes).
    case lint

    public static let pipeline: [CheckPass] = [.collectDeclarations, .resolveNames, .foldConstants, .checkTypes, .lint]

    /// A cycle or a broken declaration makes typing meaningless; the checker
    /// stops after these passes when one set `stopBeforeTyping`.
    var precedesTyping: Bool { self == .resolveNames || self == .foldConstants }

    func run(_ state: inout CheckState) -> [Diagnostic] {
        state.diagnostics = []
        switch self {
        case .collectDeclarations: state.collectDeclarations()
        case .resolveNames: state.resolveNames()
        case .foldConstants: state.foldConstants()
        case .checkTypes: state.checkTypes()
        case .lint: state.lint()
        }
        defer { state.diagnostics = [] }
        return state.diagnostics
    }
}

/// What the passes share: the input, the declarations by name and the program being built.
struct CheckState {
    let files: [FileSyntax]
    let options: CheckOptions
    var sources: [FileID: SourceFile] = [:]

    /// First declaration of each name, in source order.
    var constants: [ConstantDecl] = []
    var segments: [SegmentDecl] = []
    var rules: [RuleDecl] = []
    var constantsByName: [String: ConstantDecl] = [:]
    var segmentsByName: [String: SegmentDecl] = [:]
    /// Declared, but holding a syntax error: their bodies are not checked.
    var brokenConstants: Set<String> = []
    var brokenSegments: Set<String> = []
    /// Names in text the parser had to skip: possibly declared there, never reported unknown.
    var possiblyDeclared: Set<String> = []
    /// Some declaration had a syntax error; lints wait for a whole program.
    var hasBrokenDeclarations = false
    /// Second and later declarations of a name: checked, never part of the program.
    var duplicateConstants: [ConstantDecl] = []
    var duplicateSegments: [SegmentDecl] = []
    /// Indices in `rules` of rules whose name an earlier rule already took.
    var duplicateRules: Set<Int> = []

    /// Per rule (by index in `rules`): its trigger, when it resolved.
    var ruleTriggers: [CheckedTrigger?] = []
    /// Direct `fan in` uses, by segment name and by rule index.
    var segmentDependencies: [String: [String]] = [:]
    var ruleSegmentUses: [[String]] = []
    /// Constant names each constant's value mentions.
    var constantDependencies: [String: [String]] = [:]
    /// Every expression that named a constant, to fill in its value after folding.
    var constantReferences: [(ExprID, String)] = []
    /// Segments in dependency order, once resolveNames has sorted them.
    var segmentOrder: [String] = []

    /// Diagnostics of the pass that is running; `CheckPass.run` hands them out.
    var diagnostics: [Diagnostic] = []
    var stopBeforeTyping = false
    var program = CheckedProgram()

    init(files: [FileSyntax], options: CheckOptions) {
        self.files = files
        self.options = options
        for file in files { sources[file.file.id] = file.file }
        // The tables keyed by ExprID hold about one entry per node; growing them
        // by doubling dominated the checker's time on large programs.
        let nodes = files.reduce(0) { $0 + $1.expressionCountEstimate }
        program.types.reserveCapacity(nodes)
        program.resolutions.reserveCapacity(nodes / 2)
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// The source text of a range, for fix-its that rewrite an expression.
    func text(_ range: SourceRange) -> String {
        sources[range.file]?.text(in: range) ?? ""
    }
}
