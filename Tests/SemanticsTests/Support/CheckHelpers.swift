@testable import Semantics
@testable import Syntax

/// Checks declarations printed by `TestProgram` and keeps the file for messages.
struct Checked {
    let file: FileSyntax
    let result: CheckResult

    init(_ decls: [DeclT], templates: [String: String]? = nil) {
        file = TestProgram.file(decls)
        result = Check.program([file], options: CheckOptions(templates: templates))
    }

    var codes: [String] { result.diagnostics.map(\.code.id) }
    var program: CheckedProgram { result.program }

    func diagnostic(_ code: DiagnosticCode) -> Diagnostic? { result.diagnostics.first { $0.code == code } }

    /// The source text a diagnostic underlines.
    func underlined(_ code: DiagnosticCode) -> String? {
        diagnostic(code).map { file.file.text(in: $0.range) }
    }
}

/// A rule that sends nothing, so no messaging lint applies.
func rule(_ name: String = "R", on trigger: TriggerT = .event("transaction.tip"), when: T? = nil) -> DeclT {
    .rule(RuleT(name: name, on: trigger, when: when))
}
