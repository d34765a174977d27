import Testing
@testable import Syntax

/// Small inputs at the corners of the grammar, each checked for the three
/// round-trip promises (same tree, idempotent, comments kept).
@Suite struct FormatEdgeCaseTests {
    static let snippets: [String] = [
        "",
        "# only a comment",
        "\n\n# comment after blank lines\n\n\n# and another\n",
        "let a = -5d ago",
        "let a = -(5d) ago",
        "let a = (-5d) ago",
        "let a = - -fan.id",
        "let a = -(-5)",
        "let a = 1 - -5 - (2 - 3)",
        "let a = 5 -3",
        "let a = -9223372036854775808",
        "let a = -$0.01",
        "let a = -0.0",
        "let a = not not true",
        "let a = !!true",
        "let a = ! a == b",
        "let a = a && b || c",
        "let a = (a or b) and c",
        "let a = a or (b and c)",
        "let a = [[1, 2], []]",
        "let a = \"\\u{1F600}\\u{200D}\\u{D}\\u{FEFF}\\\\\\\"\"",
        "let a = x is not null and y is null",
        "let a = fan.transactions.amount",
        "let a = count(fan.messages within 1w) + sum(fan.transactions.amount where kind == \"tip\" and amount > $5)",
        "let a = event.description",
        "let a = 1\r\nlet b = 2\r\n# crlf comment\r\n",
        "let a =\t1\t# tab before comment\t",
        "let a = 1 + # inside\n 2 # after\n",
        "rule \"r\" { on fan.created then { tag \"x\" } } # after all on one line",
        "rule \"r\" # between name and brace\n{ on fan.created # on\n then # then\n { # brace\n tag \"x\" # tag\n } # close then\n # dangling\n } # close rule",
        "rule \"r\" {\n  then { send \"t\" with { } }\n  on fan.created\n}",
        "rule \"r\" { on schedule every 90m then { note \"n\" after 36h } }",
        "rule \"r\" { on schedule weekly on sunday at 23:59 paused then { untag \"x\" requires approval } }",
        "rule \"\\\"quoted\\\" name\" { on tag.added \"a\\\"b\" description \"d\\n\" then { tag \"t\" } }",
        "segment s { fan in other }\nsegment other \"Other\" { true }",
        "let long = " + Array(repeating: "fan.engagement_score > 0.5", count: 6).joined(separator: " and "),
        "segment s {\n  " + Array(repeating: "fan.id > 1 and fan.id < 5", count: 5).joined(separator: " or ") + "\n}",
        "rule \"r\" {\n  on fan.created\n  when " + Array(repeating: "(fan.id > 1 or fan.id < 5)", count: 5).joined(separator: " and ")
            + " # long\n  then { tag \"x\" }\n}",
    ]

    @Test(arguments: snippets.indices)
    func roundTrips(index: Int) {
        let snippet = Self.snippets[index]
        if FormatTestSupport.parse(snippet).diagnostics.hasErrors {
            Issue.record("snippet \(index) does not parse: \(snippet)")
            return
        }
        FormatRoundTripTests.checkRoundTrip(snippet, name: "snippet \(index)")
    }

    @Test func emptyInputFormatsToEmptyOutput() {
        #expect(FormatTestSupport.format("") == "")
        #expect(FormatTestSupport.format("\n\n  \n") == "")
    }

    @Test func carriageReturnsAreNotKept() {
        #expect(FormatTestSupport.format("let a = 1\r\n# c\r\n") == "let a = 1\n# c\n")
    }
}
