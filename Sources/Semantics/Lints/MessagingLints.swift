import Syntax

/// Lints about what rules send: unbounded messaging, and two rules sending the
/// same template to the same fan on the same event.
extension CheckState {
    /// W2001: a rule that sends with neither `cooldown` nor `limit` can message
    /// a fan on every event, without end.
    mutating func lintUnboundedMessaging() {
        for rule in program.rules where rule.cooldownSeconds == nil && rule.limit == nil {
            guard rule.actions.contains(where: { if case .send = $0.kind { true } else { false } }) else { continue }
            report(Diagnostic(.unboundedMessaging,
                              "rule \"\(rule.name)\" sends messages with neither `cooldown` nor `limit`, so a fan can get one on every \(rule.trigger.displayName) event",
                              at: rule.declaration.name.range,
                              notes: [DiagnosticNote("add `cooldown 1d` or `limit 1 per fan per 7d`")]))
        }
    }

    /// W2004: rules on the same trigger with the same priority that send the
    /// same template; the fan would get it twice for one event.
    mutating func lintDuplicateSends() {
        struct Key: Hashable { let trigger: CheckedTrigger; let priority: Int64; let template: String }
        var first: [Key: CheckedRule] = [:]
        for rule in program.rules where !rule.isPaused {
            var templatesInRule: Set<String> = []
            for action in rule.actions {
                guard case .send(let template, _, _) = action.kind, templatesInRule.insert(template).inserted else { continue }
                let key = Key(trigger: rule.trigger, priority: rule.priority, template: template)
                if let earlier = first[key] {
                    report(Diagnostic(.duplicateSend,
                                      "rules \"\(earlier.name)\" and \"\(rule.name)\" both send \"\(template)\" on \(rule.trigger.displayName) at priority \(rule.priority); a fan matching both gets it twice",
                                      at: action.range,
                                      notes: [DiagnosticNote("\"\(earlier.name)\" sends it here", at: earlier.actions.first { if case .send(template, _, _) = $0.kind { true } else { false } }?.range),
                                              DiagnosticNote("give one rule a different priority, or merge them")]))
                } else {
                    first[key] = rule
                }
            }
        }
    }

    /// N3001: a segment no rule or segment uses (neither `fan in` nor a
    /// `segment.entered`/`segment.exited` trigger).
    mutating func lintUnusedSegments() {
        var used: Set<String> = []
        for dependencies in segmentDependencies.values { used.formUnion(dependencies) }
        for uses in ruleSegmentUses { used.formUnion(uses) }
        for case .event(_, let argument?) in ruleTriggers.compactMap({ $0 }) { used.insert(argument) }
        for segment in segments where !used.contains(segment.name.name) {
            report(Diagnostic(.unusedSegment, "segment `\(segment.name.name)` is not used by any rule or segment", at: segment.name.range,
                              notes: [DiagnosticNote("it can still be refreshed and used from the REPL")]))
        }
    }
}
