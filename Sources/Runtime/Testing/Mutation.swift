import Foundation
import Semantics
import Syntax

/// Mutation testing of a program's tests (docs/TESTING.md "Mutation
/// testing"): one small change at a time to a segment or rule condition (or
/// a constant it reads), then the tests run again and should fail. A mutant
/// the tests still pass is a mistake they would not catch.
///
/// The changes: a comparison operator (`>=`↔`>`, `<=`↔`<`, `==`↔`!=`,
/// `in`↔`not in`), a literal (an int, money or a duration one unit more, a
/// number 0.1 more, a bool flipped: `$20`→`$21`, `within 30d`→`within 31d`),
/// and `and`↔`or`. String literals are left alone: most are enum values,
/// and a misspelled one is a check error rather than a silent mistake.
public struct Mutant: Sendable, CustomStringConvertible {
    /// Index of the mutated file in the program's files.
    public var fileIndex: Int
    public var range: SourceRange
    public var original: String
    public var replacement: String
    /// `retention.rules:16:21 >= → >`.
    public var description: String

    /// The program's files with this change made.
    public func apply(to files: [SourceFile]) -> [SourceFile] {
        var result = files
        let file = files[fileIndex]
        let bytes = Array(file.bytes[..<range.start]) + Array(replacement.utf8) + Array(file.bytes[range.end...])
        result[fileIndex] = SourceFile(id: file.id, path: file.path, bytes: bytes)
        return result
    }
}

public enum Mutation {
    /// Every mutant of the conditions and constants in `files` (test
    /// declarations are not mutated), in source order.
    public static func mutants(of files: [SourceFile]) -> [Mutant] {
        var mutants: [Mutant] = []
        for (index, file) in files.enumerated() {
            let syntax = Parse.file(file).syntax
            var collector = Collector(file: file, fileIndex: index)
            for declaration in syntax.declarations {
                switch declaration {
                case .constant(let c): collector.visit(c.value)
                case .segment(let s): collector.visit(s.condition)
                case .rule(let r): if let condition = r.condition { collector.visit(condition) }
                case .test, .policy: break
                }
            }
            mutants += collector.mutants
        }
        return mutants
    }

    /// What the tests say about a mutated program: `nil` when it no longer
    /// checks (a stillborn mutant, left out of the kill rate), else whether a
    /// test failed or erred (the mutant is killed).
    public static func isKilled(_ files: [SourceFile]) -> Bool? {
        let checked = Check.sources(files)
        guard !checked.diagnostics.hasErrors else { return nil }
        return TestSuite.run(program: checked.program, files: files).contains { $0.outcome != .pass }
    }

    private struct Collector {
        let file: SourceFile
        let fileIndex: Int
        var mutants: [Mutant] = []

        init(file: SourceFile, fileIndex: Int) {
            self.file = file
            self.fileIndex = fileIndex
        }

        mutating func visit(_ expr: Expr) {
            switch expr.kind {
            case .literal(let literal):
                if let replacement = Self.mutated(literal, text: file.text(in: expr.range)) { add(expr.range, replacement) }
            case .comparison(let op, let lhs, let rhs):
                if let replacement = Self.flipped[op], let range = operatorRange(op.rawValue, between: lhs, rhs) {
                    add(range, replacement)
                }
                visit(lhs)
                visit(rhs)
            case .binary(let op, let lhs, let rhs):
                if op == .and || op == .or {
                    let spellings = op == .and ? ["and", "&&"] : ["or", "||"]
                    if let range = spellings.compactMap({ operatorRange($0, between: lhs, rhs) }).first {
                        add(range, op == .and ? "or" : "and")
                    }
                }
                visit(lhs)
                visit(rhs)
            case .within(let value, let duration):
                visit(value)
                visit(duration)
            case .aggregate(let aggregate):
                if let window = aggregate.window { visit(window) }
                if let filter = aggregate.filter { visit(filter) }
            case .call(_, let arguments):
                arguments.forEach { visit($0) }
            case .unary(_, let operand), .parenthesized(let operand), .isNull(let operand, _), .ago(let operand):
                visit(operand)
            case .list(let items):
                items.forEach { visit($0) }
            case .name, .member, .fan, .event, .now, .invalid:
                break
            }
        }

        private mutating func add(_ range: SourceRange, _ replacement: String) {
            let location = file.location(of: range.start)
            let original = file.text(in: range)
            mutants.append(Mutant(fileIndex: fileIndex, range: range, original: original, replacement: replacement,
                                  description: "\(file.path):\(location.line):\(location.column) \(original) → \(replacement)"))
        }

        static let flipped: [ComparisonOperator: String] = [
            .greaterOrEqual: ">", .greater: ">=", .lessOrEqual: "<", .less: "<=", .equal: "!=", .notEqual: "==",
            .in: "not in", .notIn: "in",
        ]

        /// The operator's bytes between its operands (the first occurrence, past any closing parentheses).
        private func operatorRange(_ spelling: String, between lhs: Expr, _ rhs: Expr) -> SourceRange? {
            let gap = Array(file.bytes[lhs.range.end..<rhs.range.start])
            let needle = Array(spelling.utf8)
            guard gap.count >= needle.count else { return nil }
            for start in 0...(gap.count - needle.count) where Array(gap[start..<start + needle.count]) == needle {
                let absolute = lhs.range.end + start
                return SourceRange(file: file.id, start: absolute, end: absolute + needle.count)
            }
            return nil
        }

        /// A literal one step away: ints, money and durations one of their unit
        /// more, numbers 0.1 more, bools flipped; strings and null unchanged.
        static func mutated(_ literal: Literal, text: String) -> String? {
            switch literal {
            case .int(let value): return String(value &+ 1)
            case .money(let cents): return LiteralPrinter.money(cents &+ 100)
            case .number(let value): return LiteralPrinter.number((value * 10 + 1).rounded() / 10)
            case .duration:
                guard let unit = text.last, let amount = Int64(text.dropLast()) else { return nil }
                return "\(amount + 1)\(unit)"
            case .bool(let value): return value ? "false" : "true"
            case .string, .null: return nil
            }
        }
    }
}
