import Foundation
import RulecTestSupport
import Testing
@testable import Syntax

/// The formatter's three promises, checked over every `.rules` file in the
/// repository and over variants of them with comments inserted everywhere:
/// the output formats to itself, parses to the same tree, and keeps every comment.
@Suite struct FormatRoundTripTests {
    /// The example of LANGUAGE.md §1, verbatim.
    static var specExample: String { Fixtures.languageTour }

    /// Every repository `.rules` file and the spec example, as (name, text),
    /// keeping only inputs without syntax errors (fmt leaves the others alone).
    static func corpus() -> [(name: String, text: String)] {
        let files = FormatTestSupport.repositoryRulesFiles().map {
            (name: $0.path.replacingOccurrences(of: FormatTestSupport.repositoryRoot.path + "/", with: ""),
             text: FormatTestSupport.read($0))
        }
        return ([(name: "LANGUAGE.md §1", text: specExample)] + files)
            .filter { !FormatTestSupport.parse($0.text).diagnostics.hasErrors }
    }

    /// Variants of a text with one comment inserted on its own line before
    /// line `i`, or at the end of line `i`, for every line.
    static func commentedVariants(of text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var variants: [String] = []
        for index in lines.indices {
            var ownLine = lines
            ownLine.insert("# inserted above \(index)", at: index)
            variants.append(ownLine.joined(separator: "\n"))
            if !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
                var trailing = lines
                trailing[index] += "  # inserted after \(index)"
                variants.append(trailing.joined(separator: "\n"))
            }
        }
        return variants
    }

    /// Checks all three promises for one input; returns false if the input
    /// itself does not parse (such variants are skipped).
    @discardableResult
    static func checkRoundTrip(_ text: String, name: String) -> Bool {
        let original = FormatTestSupport.parse(text)
        guard !original.diagnostics.hasErrors else { return false }
        let formatted = Format.source(original.syntax)
        let reparsed = FormatTestSupport.parse(formatted)
        #expect(!reparsed.diagnostics.hasErrors, "\(name): output does not parse:\n\(formatted)")

        let before = StructuralDump.dump(original.syntax), after = StructuralDump.dump(reparsed.syntax)
        #expect(FormatTestSupport.sameBytes(before, after), "\(name): meaning changed\n--- before\n\(before)\n--- after\n\(after)")

        let again = Format.source(reparsed.syntax)
        #expect(FormatTestSupport.sameBytes(again, formatted), "\(name): not idempotent\n--- once\n\(formatted)\n--- twice\n\(again)")

        let commentsBefore = original.syntax.comments.map { normalized($0.text) }.sorted()
        let commentsAfter = reparsed.syntax.comments.map { normalized($0.text) }.sorted()
        #expect(commentsBefore == commentsAfter, "\(name): comments lost or duplicated\n\(formatted)")
        return true
    }

    /// Comment text as the formatter writes it (trailing spaces dropped).
    static func normalized(_ text: String) -> String {
        var scalars = text.unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    @Test func corpusIsNotEmpty() {
        // The spec example plus the golden inputs at least.
        #expect(Self.corpus().count >= 6)
    }

    @Test func specExampleRoundTrips() {
        #expect(Self.checkRoundTrip(Self.specExample, name: "LANGUAGE.md §1"))
    }

    @Test func everyRepositoryFileRoundTrips() {
        for input in Self.corpus() { Self.checkRoundTrip(input.text, name: input.name) }
    }

    @Test func commentsSurviveBeingInsertedAnywhere() {
        var checked = 0, commentsChecked = 0
        for input in Self.corpus() {
            for (index, variant) in Self.commentedVariants(of: input.text).enumerated()
            where Self.checkRoundTrip(variant, name: "\(input.name) variant \(index)") {
                checked += 1
                commentsChecked += FormatTestSupport.parse(variant).syntax.comments.count
            }
        }
        #expect(checked >= 100, "only \(checked) commented variants parsed")
        #expect(commentsChecked > checked)
    }

    /// Comments between every pair of tokens, once trailing the token before
    /// (`a  # c` newline `b`) and once on a line of their own: inside
    /// expressions, `with` blocks, triggers, between `rule` and its name.
    @Test func commentsSurviveBetweenAnyTwoTokens() {
        var checked = 0
        for input in Self.corpus() {
            let file = SourceFile(id: FileID(0), path: input.name, text: input.text)
            let bytes = file.bytes
            let tokens = Lexer.tokenize(file).tokens.filter { $0.kind != .endOfFile }
            for (index, token) in tokens.enumerated() {
                for insertion in ["  # after token \(index)\n", "\n# own line \(index)\n"] {
                    let text = String(decoding: bytes[..<token.end] + Array(insertion.utf8) + bytes[token.end...], as: UTF8.self)
                    if Self.checkRoundTrip(text, name: "\(input.name) after token \(index)") { checked += 1 }
                }
            }
        }
        #expect(checked >= 500)
    }

    /// The layout depends on the tree, not on the author's whitespace: every
    /// file rebuilt from its tokens with random separators (spaces, newlines,
    /// indentation; never a blank line, never a comment) formats to the same
    /// text as the same tokens on one line.
    @Test func layoutDoesNotDependOnTheAuthorsWhitespace() {
        var random = SplitMix64(seed: 0x5EED)
        var compared = 0
        for input in Self.corpus() {
            let file = SourceFile(id: FileID(0), path: input.name, text: input.text)
            let tokens = Lexer.tokenize(file).tokens.filter { $0.kind != .endOfFile }
            let words = tokens.map { file.text(in: SourceRange(file: file.id, start: $0.start, end: $0.end)) }
            let oneLine = words.joined(separator: " ")
            guard let expected = FormatTestSupport.format(oneLine) else { continue }
            for _ in 0..<5 {
                let separators = [" ", "\n", "\n    ", "\t", "  \n\t"]
                var text = ""
                for (index, word) in words.enumerated() {
                    if index > 0 { text += separators[Int(random.next() % UInt64(separators.count))] }
                    text += word
                }
                let actual = FormatTestSupport.format(text)
                #expect(actual.map { FormatTestSupport.sameBytes($0, expected) } == true, "\(input.name):\n\(text)")
                compared += 1
            }
        }
        #expect(compared >= 30)
    }
}
