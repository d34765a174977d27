import Testing
import RulecTestSupport
@testable import Syntax

/// LANGUAGE.md §9: deep nesting, huge files, binary junk and invalid UTF-8
/// give diagnostics, never a crash or a hang. These run in debug builds,
/// where stack frames are largest, so the nesting limit is tested where it
/// matters most.
@Suite struct HostileInputTests {
    private static let depth = 100_000

    private func nestingDiagnostics(_ text: String) -> [String] {
        parse(text).diagnostics.map(\.code.id)
    }

    @Test func parenthesesNested100000Deep() {
        let text = "let x = " + String(repeating: "(", count: Self.depth) + "a" + String(repeating: ")", count: Self.depth) + "\nlet y = 1"
        let result = parse(text)
        #expect(result.diagnostics.map(\.code.id) == ["E0107"])
        #expect(TreeDump.file(result.syntax).hasSuffix("(let y 1)"))  // recovery reached the next declaration
    }

    @Test func notNested100000Deep() {
        #expect(nestingDiagnostics("let x = " + String(repeating: "not ", count: Self.depth) + "a") == ["E0107"])
        #expect(nestingDiagnostics("let x = " + String(repeating: "!", count: Self.depth) + "a") == ["E0107"])
    }

    @Test func listsNested100000Deep() {
        let text = "let x = " + String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        #expect(nestingDiagnostics(text) == ["E0107"])
    }

    @Test func otherDeepShapes() {
        #expect(nestingDiagnostics("let x = " + String(repeating: "- ", count: Self.depth) + "a") == ["E0107"])
        #expect(nestingDiagnostics("let x = " + String(repeating: "f(", count: Self.depth)) == ["E0107"])
        #expect(nestingDiagnostics("let x = a" + String(repeating: ".b", count: Self.depth)) == ["E0107"])
        #expect(nestingDiagnostics("let x = " + String(repeating: "count(", count: Self.depth)) == ["E0107"])
        #expect(nestingDiagnostics("let x = " + String(repeating: "(", count: Self.depth)) == ["E0107"])
    }

    @Test func nestingJustUnderTheLimitIsFine() {
        // 199 parentheses around a leaf: a tree 200 levels high.
        let ok = "let x = " + String(repeating: "(", count: 199) + "a" + String(repeating: ")", count: 199)
        #expect(parse(ok).diagnostics.isEmpty)
        let tooDeep = "let x = " + String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(nestingDiagnostics(tooDeep) == ["E0107"])
    }

    @Test func condition200000TermsLong() {
        // A flat `or` chain is not nesting: the parser balances it, so the
        // tree is about 18 levels high and every later phase can recurse over it.
        let text = "segment s { a" + String(repeating: " or a", count: 199_999) + " }\nlet later = 1"
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        #expect(TreeDump.file(result.syntax).hasSuffix("(let later 1)"))
        guard case .segment(let segment) = result.syntax.declarations.first else { Issue.record("no segment"); return }
        #expect(height(segment.condition) <= 19)
    }

    @Test func flatChainsOfAndAndOrAreBalancedAndKeepTheirOrder() {
        #expect(dumpExpression("a and b and c") == "(and (and a b) c)")
        #expect(dumpExpression("a and b && c and d") == "(and (and a b) (and c d))")
        #expect(dumpExpression("a or b and c or d") == "(or (or a (and b c)) d)")
        let terms = (0..<1_000).map { "x\($0)" }
        let parsed = parse("segment s { " + terms.joined(separator: " and ") + " }")
        guard case .segment(let segment) = parsed.syntax.declarations.first else { Issue.record("no segment"); return }
        #expect(parsed.diagnostics.isEmpty)
        #expect(leaves(segment.condition) == terms)
    }

    @Test func aLongChainOfOtherOperatorsIsReportedAsAChain() {
        let result = parse("let x = 1" + String(repeating: " + 1", count: 300))
        #expect(result.diagnostics.map(\.code.id) == ["E0107"])
        #expect(result.diagnostics.first?.message == "this chain of `+` is too long: more than 200 operations in a row")
    }

    private func height(_ expr: Expr) -> Int {
        1 + expr.children.map(height).reduce(0, max)
    }

    private func leaves(_ expr: Expr) -> [String] {
        if case .name(let name) = expr.kind { return [name] }
        return expr.children.flatMap(leaves)
    }

    @Test func wideButShallowInputIsFine() {
        let list = "let x = [" + Array(repeating: "1", count: 100_000).joined(separator: ", ") + "]"
        #expect(parse(list).diagnostics.isEmpty)
        let chain = "segment s { a" + String(repeating: " or a", count: 150) + " }"
        #expect(parse(chain).diagnostics.isEmpty)
    }

    @Test func fiftyMegabyteFile() throws {
        let url = packageRoot.appendingPathComponent("Tests/Fixtures/Syntax/retention.rules")
        let unit = try Array(String(contentsOf: url, encoding: .utf8).utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1_048_576 + unit.count)
        while bytes.count < 50 * 1_048_576 { bytes.append(contentsOf: unit) }
        let result = parse(bytes: bytes)
        #expect(result.diagnostics.isEmpty)
        #expect(result.syntax.declarations.count == 6 * (bytes.count / unit.count))
    }

    @Test func invalidUTF8Everywhere() {
        var generator = SplitMix64(seed: 7)
        var bytes: [UInt8] = []
        for _ in 0..<20_000 {
            bytes.append(contentsOf: Array("let x = \"".utf8))
            bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
            bytes.append(contentsOf: Array("\" # ".utf8))
            bytes.append(UInt8.random(in: 0xC0...0xFF, using: &generator))
            bytes.append(contentsOf: [0x0A, 0xFF, 0x0A])
        }
        let result = parse(bytes: bytes)
        #expect(result.diagnostics.count >= 20_000)
        #expect(result.diagnostics.allSatisfy { $0.range.end <= bytes.count })
    }

    @Test func nulBytes() {
        let result = parse(bytes: [UInt8](repeating: 0, count: 1_000_000))
        #expect(result.diagnostics.map(\.code) == [.nulByte])
        let mixed = parse(bytes: Array("let x = 1".utf8) + [0, 0] + Array(" + 2\nlet y = 3".utf8))
        #expect(mixed.diagnostics.map(\.code) == [.nulByte])
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomBytes(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let result = parse(bytes: bytes)
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.range.start <= $0.range.end && $0.range.end <= bytes.count })
        _ = TreeDump.file(result.syntax)
    }

    @Test(arguments: [11, 12, 13, 14])
    func randomTokens(seed: UInt64) {
        // Random sequences of real tokens reach deeper into the grammar than random bytes.
        let vocabulary = ["let", "segment", "rule", "on", "when", "then", "{", "}", "(", ")", "[", "]", ",", ":", ".",
                          "and", "or", "not", "in", "is", "null", "==", "<", "+", "-", "*", "x", "fan", "\"s\"", "3d",
                          "$5", "42", "0.5", "ago", "within", "where", "count", "send", "tag", "with", "after",
                          "requires", "approval", "schedule", "daily", "at", "09:00", "=", "!", "&&", "@", "\"open"]
        var generator = SplitMix64(seed: seed)
        let text = (0..<50_000).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
        let result = parse(text)
        #expect(!result.diagnostics.isEmpty)
        _ = TreeDump.file(result.syntax)
    }

    @Test func fileThatIsOnlyAnOpeningParenthesis() {
        #expect(codes("(") == ["E0103"])
        #expect(codes("let x = (") == ["E0102"])  // expected an expression, found the end of the file
        #expect(codes("") == [])
        #expect(codes("{") == ["E0103"])
    }
}

