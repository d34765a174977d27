import Testing
@testable import Syntax

/// Tree shapes: precedence, associativity, postfix forms, literal folding.
@Suite struct ExpressionTests {
    @Test func precedenceLoosestToTightest() {
        #expect(dumpExpression("a or b and c") == "(or a (and b c))")
        #expect(dumpExpression("a and b or c") == "(or (and a b) c)")
        #expect(dumpExpression("not a and b") == "(and (not a) b)")
        #expect(dumpExpression("not a == b") == "(not (== a b))")
        #expect(dumpExpression("a == b + c * d") == "(== a (+ b (* c d)))")
        #expect(dumpExpression("-a * b") == "(* (neg a) b)")
        #expect(dumpExpression("-a.b") == "(neg a.b)")
        #expect(dumpExpression("a + b < c * d and e") == "(and (< (+ a b) (* c d)) e)")
    }

    @Test func fanLifetimeSpendExample() {
        #expect(dumpExpression(#"fan.lifetime_spend >= $500 and "vip" in fan.tags"#)
                == #"(and (>= fan.lifetime_spend $500) (in "vip" fan.tags))"#)
    }

    @Test func binaryOperatorsGroupLeftToRight() {
        #expect(dumpExpression("a - b - c") == "(- (- a b) c)")
        #expect(dumpExpression("a / b * c % d") == "(% (* (/ a b) c) d)")
        #expect(dumpExpression("a or b or c") == "(or (or a b) c)")
    }

    @Test func symbolicSpellingsOfLogic() {
        #expect(dumpExpression("a && b || c") == "(or (and a b) c)")
        #expect(dumpExpression("!a == b") == "(not (== a b))")
        #expect(dumpExpression("!!a") == "(not (not a))")
        #expect(dumpExpression("not not a") == "(not (not a))")
    }

    @Test func everyComparison() {
        let cases: [(String, String)] = [
            ("a == b", "(== a b)"), ("a != b", "(!= a b)"), ("a < b", "(< a b)"), ("a <= b", "(<= a b)"),
            ("a > b", "(> a b)"), ("a >= b", "(>= a b)"), ("a in b", "(in a b)"), ("a not in b", "(not-in a b)"),
            ("a contains b", "(contains a b)"), ("a starts with b", "(starts-with a b)"),
            ("a ends with b", "(ends-with a b)"), (#"a matches "x+""#, #"(matches a "x+")"#),
            ("a within 7d", "(within a 7d)"), ("a is null", "(is-null a)"), ("a is not null", "(is-not-null a)"),
        ]
        for (source, tree) in cases { #expect(dumpExpression(source) == tree) }
        #expect(dumpExpression("a + 1 within 7d + 1d") == "(within (+ a 1) (+ 7d 1d))")
        #expect(dumpExpression("not a is null") == "(not (is-null a))")
    }

    @Test func negativeLiteralsFold() {
        #expect(dumpExpression("-1") == "-1")
        #expect(dumpExpression("-9223372036854775808") == "-9223372036854775808")
        #expect(dumpExpression("-$5") == "-$5")
        #expect(dumpExpression("-$0.05") == "-$0.05")
        #expect(dumpExpression("-2.5") == "-2.5")
        #expect(dumpExpression("-3d") == "-3d")
        #expect(dumpExpression("5 -3") == "(- 5 3)")
        #expect(dumpExpression("5 - -3") == "(- 5 -3)")
        #expect(dumpExpression("--3") == "(neg -3)")
        #expect(dumpExpression("-(3)") == "(neg (paren 3))")
        #expect(dumpExpression("-3d ago") == "(neg (ago 3d))")
    }

    @Test func foldedLiteralCoversTheMinusSign() throws {
        let result = parse("let x = -  42")
        guard case .constant(let c)? = result.syntax.declarations.first else { Issue.record("no constant"); return }
        #expect(c.value.kind == .literal(.int(-42)))
        #expect((c.value.range.start, c.value.range.end) == (8, 13))
    }

    @Test func literalOverflow() {
        #expect(codes("let x = 9223372036854775808") == ["E0012"])
        #expect(codes("let x = -9223372036854775809") == ["E0012"])
        #expect(codes("let x = 99999999999999999999") == ["E0012"])
        #expect(codes("let x = $92233720368547758.08") == ["E0012"])
        #expect(codes("let x = -$92233720368547758.08").isEmpty)
        #expect(codes("let x = 15250284452472w") == ["E0012"])
        #expect(codes("let x = 9223372036854775807").isEmpty)
    }

    @Test func literals() {
        #expect(dumpExpression(#"[1, 0.5, $2.50, "s", 3h, true, false, null]"#) == #"[1 0.5 $2.50 "s" 3h true false null]"#)
        #expect(dumpExpression("[]") == "[]")
        #expect(dumpExpression("[a, b,]") == "[a b]")
        #expect(dumpExpression("[[1], [2, [3]]]") == "[[1] [2 [3]]]")
    }

    @Test func postfixForms() {
        #expect(dumpExpression("fan.score.churn_risk") == "fan.score.churn_risk")
        #expect(dumpExpression("event.description") == "event.description")  // keyword after `.`
        #expect(dumpExpression("event.note.in") == "event.note.in")
        #expect(dumpExpression("lower(fan.display_name)") == "(call lower fan.display_name)")
        #expect(dumpExpression("coalesce(a, b, 1)") == "(call coalesce a b 1)")
        #expect(dumpExpression("days_since()") == "(call days_since)")
        #expect(dumpExpression("now") == "now")
        #expect(dumpExpression("3d ago") == "(ago 3d)")
        #expect(dumpExpression("window ago") == "(ago window)")
        #expect(dumpExpression("(window + 1d) ago") == "(ago (paren (+ window 1d)))")
        #expect(dumpExpression("fan.created_at > 30d ago") == "(> fan.created_at (ago 30d))")
    }

    @Test func agoTakesOnlyALiteralAConstantOrParentheses() throws {
        let result = parse("let x = fan.created_at ago")
        #expect(result.diagnostics.map(\.code.id) == ["E0101"])
        #expect(result.diagnostics.first?.fixIts.first?.replacement == "(fan.created_at)")
    }

    @Test func aggregates() {
        #expect(dumpExpression("count(fan.messages)") == "(count fan.messages)")
        #expect(dumpExpression(#"count(fan.messages within 30d where direction == "inbound")"#)
                == #"(count fan.messages (within 30d) (where (== direction "inbound")))"#)
        #expect(dumpExpression("sum(fan.transactions.amount where kind == \"tip\")")
                == #"(sum fan.transactions.amount (where (== kind "tip")))"#)
        #expect(dumpExpression("exists(fan.subscriptions where a within 3d)") == "(exists fan.subscriptions (where (within a 3d)))")
        for function in ["avg", "min", "max"] {
            #expect(dumpExpression("\(function)(fan.x.y within w)") == "(\(function) fan.x.y (within w))")
        }
        #expect(dumpExpression("count(fan.messages) > 0 and exists(fan.accounts)") == "(and (> (count fan.messages) 0) (exists fan.accounts))")
    }

    @Test func parenthesesAreKept() {
        #expect(dumpExpression("(a or b) and c") == "(and (paren (or a b)) c)")
        #expect(dumpExpression("((a))") == "(paren (paren a))")
    }

    @Test func rangesCoverTheirOperands() throws {
        let result = parse("let x = a + bb * c")
        guard case .constant(let c)? = result.syntax.declarations.first else { Issue.record("no constant"); return }
        #expect((c.value.range.start, c.value.range.end) == (8, 18))
        guard case .binary(_, _, let right) = c.value.kind else { Issue.record("not binary"); return }
        #expect((right.range.start, right.range.end) == (12, 18))
    }
}

/// Operators that are errors in a known way get a precise diagnostic and a fix-it.
@Suite struct ExpressionDiagnosticTests {
    @Test func comparisonsDoNotChain() throws {
        let result = parse("let x = a < b < c")
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .chainedComparison)
        #expect(d.range.start == 14)
        let fix = try #require(d.fixIts.first)
        #expect(fix.replacement == " and b")
        #expect(fix.range.start == 13)
        // Applying the fix-it gives the intended condition, which parses cleanly.
        var text = Array("let x = a < b < c".utf8)
        text.insert(contentsOf: Array(fix.replacement.utf8), at: fix.range.start)
        #expect(dumpExpression(String(decoding: text.dropFirst(8), as: UTF8.self)) == "(and (< a b) (< b c))")
        #expect(codes("let x = a == b is null") == ["E0105"])
    }

    @Test func assignmentWhereEqualityWasMeant() throws {
        let result = parse("segment s { fan.lifecycle_stage = \"active\" }")
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .assignmentInExpression)
        #expect(d.fixIts.first?.replacement == "==")
    }

    @Test func notInsideAComparisonAsksForParentheses() throws {
        let result = parse("let x = a == not b")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == .misplacedNot)
        #expect(d.fixIts.first?.replacement == "(not b)")
    }

    @Test func halfWrittenOperators() {
        #expect(codes("let x = a is 5") == ["E0101"])
        #expect(codes("let x = a starts \"b\"") == ["E0101"])
    }

    @Test func missingOperandAndReservedWords() throws {
        #expect(codes("let x = 1 +") == ["E0102"])
        let d = try #require(parse("let x = note + 1").diagnostics.first)
        #expect(d.code == .expectedExpression)
        #expect(d.notes.isEmpty)  // `note` starts an action: not explained as a name
        let e = try #require(parse("let x = within + 1").diagnostics.first)
        #expect(e.notes.first?.message.contains("reserved") == true)
    }

    @Test func unclosedParenthesisHasAFixIt() throws {
        let result = parse("segment s { (a and b }")
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .unclosedDelimiter)
        #expect(d.fixIts.first?.replacement == ")")
        #expect(d.fixIts.first?.range.start == 20)  // right after `b`
    }
}
