import Syntax

/// Pass 1: every declaration by name. Rule, segment and constant names are
/// unique per program; a duplicate points at itself with a note at the first.
/// Segments and constants share no namespace with rules (rule names are strings),
/// but a segment and a constant of the same name would make a bare name ambiguous,
/// so they must differ too.
///
/// A duplicate is still checked (its body's errors are the user's to fix too),
/// but only the first declaration of a name enters the program. A declaration
/// holding a syntax error (`FileSyntax.declarationsWithErrors`) is declared, so
/// that uses of its name elsewhere are not reported as unknown, but its body is
/// never looked at.
extension CheckState {
    mutating func collectDeclarations() {
        var firstRule: [String: SourceRange] = [:]
        var firstTest: [String: SourceRange] = [:]
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
            possiblyDeclared.formUnion(file.namesInSkippedText)
            if !file.namesInSkippedText.isEmpty { hasBrokenDeclarations = true }
            for (index, declaration) in file.declarations.enumerated() {
                let broken = file.declarationsWithErrors.contains(index)
                if broken { hasBrokenDeclarations = true }
                switch declaration {
                case .constant(let d):
                    // A name the parser could not read declares nothing.
                    if broken && d.name.name.isEmpty { continue }
                    if claim(d.name, kind: "constant") {
                        constants.append(d)
                        constantsByName[d.name.name] = d
                        if broken { brokenConstants.insert(d.name.name) }
                    } else if !broken {
                        duplicateConstants.append(d)
                    }
                case .segment(let d):
                    if broken && d.name.name.isEmpty { continue }
                    if claim(d.name, kind: "segment") {
                        segments.append(d)
                        segmentsByName[d.name.name] = d
                        if broken { brokenSegments.insert(d.name.name) }
                    } else if !broken {
                        duplicateSegments.append(d)
                    }
                case .test(let d):
                    if let first = firstTest[d.name.value] {
                        diagnostics.append(Diagnostic(
                            .duplicateName, "test \"\(d.name.value)\" is defined twice", at: d.name.range,
                            notes: [DiagnosticNote("first defined here", at: first)]))
                    } else {
                        firstTest[d.name.value] = d.name.range
                        tests.append(d)
                    }
                case .rule(let d):
                    if let first = firstRule[d.name.value] {
                        diagnostics.append(Diagnostic(
                            .duplicateName, "rule \"\(d.name.value)\" is defined twice", at: d.name.range,
                            notes: [DiagnosticNote("first defined here", at: first)]))
                        if !broken {
                            duplicateRules.insert(rules.count)
                            rules.append(d)
                        }
                    } else {
                        if !(broken && d.name.value.isEmpty) { firstRule[d.name.value] = d.name.range }
                        if !broken { rules.append(d) }
                    }
                case .policy(let d):
                    checkPolicy(d)
                }
            }
        }
    }
}
