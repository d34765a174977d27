import Semantics
import Syntax

/// Re-checking after an edit to one file without re-checking the others'
/// rules, with the same diagnostics a full check gives (a test compares the
/// two over many edits). The edited file is checked in full, next to the
/// segments and constants of every other file; the other files' diagnostics
/// are the last full check's. That is exact when nothing the other files'
/// diagnostics depend on changed and nothing the edited file's depend on is
/// missing, which `attempt` verifies; otherwise it returns nil and the
/// workspace checks everything.
///
/// What crosses declarations, and how each is kept exact:
/// - names, constants, segments and their cycles: every file's constants and
///   segments are in the partial program, and the edited file's must be
///   textually unchanged (so the other files' view of them is too);
/// - duplicate rule names, and W2004 (two rules sending one template on one
///   trigger and priority): the edited file's rules must not share a name or
///   such a key with another file's rule;
/// - N3001 (unused segment): the partial check's list, minus segments the
///   other files' rules use (read from the last full check's program);
/// - lints run only for a program without errors: the other files must have
///   had no errors, and when the last full check had errors but the partial
///   one has none, the full check runs (the other files' lints are unknown);
/// - a diagnostic of another file with a note or fix-it pointing into the
///   edited file would move with it: then the full check runs.
struct IncrementalCheck {
    /// The last full check and what it was over.
    struct Base {
        var parsed: [ParseResult]
        var checker: CheckResult
    }

    static func attempt(base: Base, parsed: [ParseResult], options: CheckOptions) -> CheckResult? {
        guard base.parsed.count == parsed.count else { return nil }
        var edited: Int?
        for index in parsed.indices {
            let before = base.parsed[index].syntax.file, after = parsed[index].syntax.file
            guard before.path == after.path else { return nil }
            if before.bytes != after.bytes {
                guard edited == nil else { return nil }
                edited = index
            }
        }
        guard let edited else { return base.checker }
        // Syntax diagnostics of any kind (broken declarations hold lints back): check everything.
        guard !parsed.contains(where: { !$0.diagnostics.isEmpty }) else { return nil }
        let fileID = parsed[edited].syntax.file.id

        // The other files' diagnostics: no errors, nothing pointing into the edited file.
        let others = base.checker.diagnostics.filter { $0.range.file != fileID }
        guard !others.hasErrors else { return nil }
        for diagnostic in others {
            if diagnostic.notes.contains(where: { $0.range?.file == fileID }) || diagnostic.fixIts.contains(where: { $0.range.file == fileID }) {
                return nil
            }
        }

        // The edited file's constants and segments are unchanged; its rule names are its own.
        let oldSyntax = base.parsed[edited].syntax, newSyntax = parsed[edited].syntax
        guard interface(of: oldSyntax) == interface(of: newSyntax) else { return nil }
        var otherRuleNames: Set<String> = []
        for (index, result) in parsed.enumerated() where index != edited {
            for case .rule(let rule) in result.syntax.declarations { otherRuleNames.insert(rule.name.value) }
        }
        for case .rule(let rule) in newSyntax.declarations where otherRuleNames.contains(rule.name.value) { return nil }

        let files = parsed.enumerated().map { index, result in
            index == edited ? result.syntax
                : FileSyntax(file: result.syntax.file, declarations: result.syntax.declarations.filter { !isRule($0) }, comments: [])
        }
        let partial = Check.program(files, options: options)
        if !partial.diagnostics.hasErrors && base.checker.diagnostics.hasErrors { return nil }

        // W2004 keys must not pair a rule of the edited file with another file's.
        let otherRules = base.checker.program.rules.filter { $0.declaration.range.file != fileID }
        let editedRules = partial.program.rules.filter { $0.declaration.range.file == fileID }
        if !partial.diagnostics.hasErrors {
            let otherKeys = Set(otherRules.flatMap(sendKeys))
            guard editedRules.allSatisfy({ sendKeys($0).allSatisfy { !otherKeys.contains($0) } }) else { return nil }
        }

        var usedByOthers: Set<String> = []
        for rule in otherRules {
            usedByOthers.formUnion(rule.segmentsUsed)
            if case .event(_, let argument?) = rule.trigger { usedByOthers.insert(argument) }
        }
        let sources = Dictionary(uniqueKeysWithValues: parsed.map { ($0.syntax.file.id, $0.syntax.file) })
        let unused = partial.diagnostics.filter { diagnostic in
            diagnostic.code == .unusedSegment && !usedByOthers.contains(sources[diagnostic.range.file]?.text(in: diagnostic.range) ?? "")
        }
        let mine = partial.diagnostics.filter { $0.range.file == fileID && $0.code != .unusedSegment }
        let kept = others.filter { $0.code != .unusedSegment }
        // Sorted as the checker sorts (file, then position, then pass order); N3001 is the last lint.
        let diagnostics = (mine + kept).sortedByPosition() + unused
        return CheckResult(diagnostics: diagnostics.sortedByPosition(), program: partial.program)
    }

    /// The one file whose bytes differ from the base's, if exactly one does.
    static func editedFile(base: Base?, parsed: [ParseResult]) -> FileID? {
        guard let base, base.parsed.count == parsed.count else { return nil }
        let changed = parsed.indices.filter { base.parsed[$0].syntax.file.bytes != parsed[$0].syntax.file.bytes }
        return changed.count == 1 ? parsed[changed[0]].syntax.file.id : nil
    }

    private static func isRule(_ declaration: Declaration) -> Bool {
        if case .rule = declaration { true } else { false }
    }

    /// A file's constants and segments, as text, in order.
    private static func interface(of syntax: FileSyntax) -> [String] {
        syntax.declarations.compactMap { declaration in
            isRule(declaration) ? nil : syntax.file.text(in: declaration.range)
        }
    }

    private struct SendKey: Hashable { let trigger: CheckedTrigger; let priority: Int64; let template: String }

    private static func sendKeys(_ rule: CheckedRule) -> [SendKey] {
        guard !rule.isPaused else { return [] }
        return rule.actions.compactMap { action in
            if case .send(let template, _, _) = action.kind { SendKey(trigger: rule.trigger, priority: rule.priority, template: template) } else { nil }
        }
    }
}
