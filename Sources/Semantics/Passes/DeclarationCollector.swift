import Syntax

/// Pass 1: every declaration by name. Rule, segment and constant names are
/// unique per program; a duplicate points at itself with a note at the first.
/// Segments and constants share no namespace with rules (rule names are strings),
/// but a segment and a constant of the same name would make a bare name ambiguous,
/// so they must differ too.
extension CheckState {
    mutating func collectDeclarations() {
        var firstRule: [String: SourceRange] = [:]
        var firstIdentifier: [String: (kind: String, range: SourceRange)] = [:]

        func claim(_ name: Identifier, kind: String) -> Bool {
            if let first = firstIdentifier[name.name] {
                let what = first.kind == kind ? "\(kind) `\(name.name)` is defined twice" : "`\(name.name)` is already defined as a \(first.kind)"
                diagnostics.append(Diagnostic(
                    .duplicateName, what, at: name.range,
                    notes: [DiagnosticNote("first defined here", at: first.range)]))
                return false
            }
            firstIdentifier[name.name] = (kind, name.range)
            return true
        }

        for file in files {
            for declaration in file.declarations {
                switch declaration {
                case .constant(let d):
                    if claim(d.name, kind: "constant") {
                        constants.append(d)
                        constantsByName[d.name.name] = d
                    }
                case .segment(let d):
                    if claim(d.name, kind: "segment") {
                        segments.append(d)
                        segmentsByName[d.name.name] = d
                    }
                case .rule(let d):
                    if let first = firstRule[d.name.value] {
                        diagnostics.append(Diagnostic(
                            .duplicateName, "rule \"\(d.name.value)\" is defined twice", at: d.name.range,
                            notes: [DiagnosticNote("first defined here", at: first)]))
                    } else {
                        firstRule[d.name.value] = d.name.range
                        rules.append(d)
                    }
                case .policy(let d):
                    checkPolicy(d)
                }
            }
        }
    }
}
