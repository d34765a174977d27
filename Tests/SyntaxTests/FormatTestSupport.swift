import Foundation
@testable import Syntax

/// Shared helpers for the formatter tests: parsing text, a position-free dump
/// of the tree for structural comparison, and finding the repository's files.
enum FormatTestSupport {
    static func parse(_ text: String, path: String = "test.rules") -> ParseResult {
        Parse.file(SourceFile(id: FileID(0), path: path, text: text))
    }

    /// Formats text that must parse cleanly; `nil` if it has syntax errors.
    static func format(_ text: String) -> String? {
        let parsed = parse(text)
        guard !parsed.diagnostics.hasErrors else { return nil }
        return Format.source(parsed.syntax)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)  // …/Tests/SyntaxTests/FormatTestSupport.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var goldenFolder: URL {
        repositoryRoot.appendingPathComponent("Tests/SyntaxTests/Golden/format")
    }

    /// Every `*.rules` file in the repository outside hidden folders (`.build`, `.git`).
    static func repositoryRulesFiles() -> [URL] {
        let root = repositoryRoot
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [URL] = []
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if relative.hasSuffix(".rules") { result.append(root.appendingPathComponent(relative)) }
        }
        return result.sorted { $0.path < $1.path }
    }

    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// A byte-exact comparison: Swift's `==` on strings ignores differences in
    /// Unicode normalization, which the language does not.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        Array(a.utf8) == Array(b.utf8)
    }
}

/// The tree as text without ranges or ids, so two parses can be compared for
/// structure. Rule clauses are listed in canonical order, the one change the
/// formatter makes to a tree (clause order has no meaning).
enum StructuralDump {
    static func dump(_ syntax: FileSyntax) -> String {
        syntax.declarations.map(declaration).joined(separator: "\n")
    }

    static func declaration(_ declaration: Declaration) -> String {
        switch declaration {
        case .constant(let c):
            return "let \(c.name.name) = \(expr(c.value))"
        case .segment(let s):
            return "segment \(s.name.name) \(s.displayName.map { string($0.value) } ?? "-") { \(expr(s.condition)) }"
        case .rule(let r):
            let clauses = DeclarationPrinter.canonicalOrder(r.clauses).map { clause($0.kind) }
            return "rule \(string(r.name.value)) {\n  " + clauses.joined(separator: "\n  ") + "\n}"
        case .test(let t):
            return "test \(string(t.name.value)) \(t.steps.count) steps {\n  " + t.expressions.map(expr).joined(separator: "\n  ") + "\n}"
        case .policy(let p):
            return "policy { " + p.items.map { TreeDump.policyItem($0.kind) }.joined(separator: " ") + " }"
        }
    }

    static func clause(_ kind: RuleClauseKind) -> String {
        switch kind {
        case .on(let trigger): "on \(self.trigger(trigger))"
        case .when(let e): "when \(expr(e))"
        case .priority(let e): "priority \(expr(e))"
        case .cooldown(let e): "cooldown \(expr(e))"
        case .limit(let l): "limit \(expr(l.count)) window \(l.window.map(expr) ?? "-")"
        case .paused: "paused"
        case .bypassPolicy: "bypass policy"
        case .description(let s): "description \(string(s.value))"
        case .then(let actions): "then [" + actions.map(action).joined(separator: "; ") + "]"
        }
    }

    static func trigger(_ trigger: TriggerSyntax) -> String {
        switch trigger {
        case .event(let path, let argument, _):
            let arg: String = switch argument {
            case .none: "-"
            case .name(let n)?: "name(\(n.name))"
            case .string(let s)?: "string(\(string(s.value)))"
            }
            return "event(\(path.map(\.name).joined(separator: ".")), \(arg))"
        case .schedule(.daily(let t), _): return "daily(\(t.hour):\(t.minute))"
        case .schedule(.weekly(let d, let t), _): return "weekly(\(d.name), \(t.hour):\(t.minute))"
        case .schedule(.every(let e), _): return "every(\(expr(e)))"
        }
    }

    static func action(_ action: ActionSyntax) -> String {
        let kind: String = switch action.kind {
        case .send(let template, let with, let via):
            "send(\(string(template.value)), with: [\(with.map { "\($0.key.name): \(expr($0.value))" }.joined(separator: ", "))], via: \(via.map(expr) ?? "-"))"
        case .tag(let s): "tag(\(string(s.value)))"
        case .untag(let s): "untag(\(string(s.value)))"
        case .note(let s): "note(\(string(s.value)))"
        }
        return "\(kind) after: \(action.after.map(expr) ?? "-") approval: \(action.requiresApproval)"
    }

    static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let l): return literal(l)
        case .name(let n): return "name(\(n))"
        case .fan: return "fan"
        case .event: return "event"
        case .now: return "now"
        case .member(let base, let field): return "member(\(expr(base)), \(field.name))"
        case .call(let f, let args): return "call(\(f.name), [\(args.map(expr).joined(separator: ", "))])"
        case .aggregate(let a):
            return "aggregate(\(a.function.rawValue), \(a.functionName.name), \(expr(a.source)), within: \(a.window.map(expr) ?? "-"), where: \(a.filter.map(expr) ?? "-"))"
        case .unary(let op, let operand): return "unary(\(op.rawValue), \(expr(operand)))"
        case .binary(let op, let l, let r): return "binary(\(op.rawValue), \(expr(l)), \(expr(r)))"
        case .comparison(let op, let l, let r): return "comparison(\(op.rawValue), \(expr(l)), \(expr(r)))"
        case .within(let v, let d): return "within(\(expr(v)), \(expr(d)))"
        case .isNull(let v, let negated): return "isNull(\(expr(v)), negated: \(negated))"
        case .ago(let d): return "ago(\(expr(d)))"
        case .list(let elements): return "list([\(elements.map(expr).joined(separator: ", "))])"
        case .parenthesized(let inner): return "paren(\(expr(inner)))"
        case .invalid: return "invalid"
        }
    }

    static func literal(_ literal: Literal) -> String {
        switch literal {
        case .int(let v): "int(\(v))"
        case .number(let v): "number(\(v.bitPattern))"
        case .money(let v): "money(\(v))"
        case .string(let s): "string(\(string(s)))"
        case .duration(let v): "duration(\(v))"
        case .bool(let v): "bool(\(v))"
        case .null: "null"
        }
    }

    /// Scalars spelled out, so that two differently normalized strings differ.
    static func string(_ value: String) -> String {
        "\"" + value.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined() + "\""
    }
}
