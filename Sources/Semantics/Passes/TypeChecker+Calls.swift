import Foundation
import Syntax

/// Calls of catalog functions: arity, argument types, literal arguments
/// (`date("…")`, a time zone name) validated at check time.
extension CheckState {
    mutating func typeOfCall(_ expr: Expr, _ function: Identifier, _ arguments: [Expr]) -> ExprType {
        let types = arguments.map { value($0) }
        guard case .function(let signature)? = program.resolutions[expr.id] else { return .error }
        guard signature.acceptsArgumentCount(arguments.count) else {
            report(Diagnostic(.wrongArity, "`\(signature.name)` takes \(signature.arityText) argument\(signature.arityText == "1" ? "" : "s"), not \(arguments.count)",
                              at: expr.range, notes: [DiagnosticNote("signature: \(signature.signatureText)")]))
            return .error
        }
        var ok = true
        for (index, (argument, type)) in zip(arguments, types).enumerated() {
            let parameter = signature.parameter(at: index)
            if !parameter.accepts(type) {
                report(Diagnostic(.argumentType, "argument \(index + 1) of `\(signature.name)` must be \(parameter.withArticle), but `\(text(argument.range))` is \(type.withArticle)",
                                  at: argument.range, notes: [DiagnosticNote("signature: \(signature.signatureText)")]))
                ok = false
            }
        }
        if signature.literalArguments.contains(0), signature.name == "date", let argument = arguments.first {
            if checkDateLiteral(argument) == nil { ok = false }
        }
        if ["hour_of_day", "day_of_week", "month_day"].contains(signature.name), arguments.count == 2 {
            checkTimeZone(arguments[1])
        }
        guard ok else { return .error }
        switch signature.result {
        case .fixed(let type): return type
        case .sameAsFirstArgument: return types.first ?? .error
        case .commonOfArguments:
            var common: ExprType = .null
            for (argument, type) in zip(arguments, types) {
                guard let next = OperatorTyping.common(common, type) else {
                    report(Diagnostic(.argumentType, "`coalesce` needs arguments of one type, but `\(text(argument.range))` is \(type.withArticle) after \(common.withArticle)",
                                      at: argument.range))
                    return .error
                }
                common = next
            }
            return common
        }
    }

    /// `date("2026-03-16")` or `date("2026-03-16 09:00")`; reported and nil otherwise.
    mutating func checkDateLiteral(_ argument: Expr) -> LocalDateTime? {
        guard case .literal(.string(let text)) = argument.unparenthesized.kind else {
            report(Diagnostic(.literalRequired, "`date` needs a string literal such as `\"2026-03-16\"`", at: argument.range))
            return nil
        }
        guard let date = LocalDateTime(parsing: text) else {
            report(Diagnostic(.invalidDate, "\(LiteralPrinter.string(text)) is not a date; write \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM\"", at: argument.range))
            return nil
        }
        return date
    }

    /// A time zone given as a literal must be a known IANA name.
    private mutating func checkTimeZone(_ argument: Expr) {
        guard case .literal(.string(let name)) = argument.unparenthesized.kind else { return }
        if TimeZone(identifier: name) == nil {
            let guess = Suggestion.closest(to: name, among: TimeZone.knownTimeZoneIdentifiers)
            report(unknown(.invalidTimeZone, "\(LiteralPrinter.string(name)) is not an IANA time zone name", at: argument.range, guess: guess, quoted: true))
        }
    }
}

extension ParameterType {
    var withArticle: String {
        switch self {
        case .any: "a value"
        case .numeric: "an int or a number"
        case .numericOrMoney: "an int, a number or money"
        default: (description.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + description
        }
    }
}
