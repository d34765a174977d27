import Semantics
import Syntax

/// The language's front end as every command that reads a program runs it:
/// `Check.parsed`, the phase's one entry point (parse every file, check every
/// declaration that parsed cleanly, report everything in one pass). The
/// phases are stored as functions only so that tests can drive a command with
/// diagnostics of their choosing.
struct FrontEnd {
    struct Result {
        var syntax: [FileSyntax]
        var diagnostics: [Diagnostic]
        /// What the checker learned; incomplete (and not to be run) when
        /// `diagnostics` has errors.
        var program: CheckedProgram?
    }

    var parse: (SourceFile) -> ParseResult
    var check: ([FileSyntax], CheckOptions) -> CheckResult

    init(
        parse: @escaping (SourceFile) -> ParseResult = Parse.file,
        check: @escaping ([FileSyntax], CheckOptions) -> CheckResult = Check.program
    ) {
        self.parse = parse
        self.check = check
    }

    func run(_ files: [SourceFile], options: CheckOptions = CheckOptions()) -> Result {
        let checked = Check.parsed(files.map(parse), options: options, checker: check)
        return Result(syntax: checked.syntax, diagnostics: checked.diagnostics, program: checked.program)
    }
}
