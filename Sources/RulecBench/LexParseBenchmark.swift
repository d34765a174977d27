import Foundation
import Syntax

/// Lexing and parsing speed over a generated 10,000-rule program (~2 MB).
/// Reports the best of several runs, for the lexer alone and for lex + parse.
enum LexParseBenchmark {
    static func run(rules: Int = 10_000, repetitions: Int = 7) {
        let text = generateProgram(rules: rules)
        let file = SourceFile(id: FileID(0), path: "bench.rules", text: text)
        let megabytes = Double(file.bytes.count) / 1_000_000

        let lexSeconds = best(of: repetitions) {
            let lexed = Lexer.tokenize(file)
            precondition(lexed.diagnostics.isEmpty, "the generated program must lex cleanly")
        }
        let parseSeconds = best(of: repetitions) {
            let result = Parse.file(file)
            precondition(result.diagnostics.isEmpty, "the generated program must parse cleanly: \(result.diagnostics.first!)")
            precondition(result.syntax.declarations.count == rules + rules / 10 + 1)
        }
        print("lex+parse: \(rules) rules, \(String(format: "%.2f", megabytes)) MB")
        print("  lex only    \(format(lexSeconds)) s  \(String(format: "%.1f", megabytes / lexSeconds)) MB/s")
        print("  lex + parse \(format(parseSeconds)) s  \(String(format: "%.1f", megabytes / parseSeconds)) MB/s")
    }

    /// A deterministic program that uses every part of the grammar: constants,
    /// segments, rules with every clause, aggregates, all action forms.
    static func generateProgram(rules: Int) -> String {
        var out = "# Generated benchmark program\nlet vip_min = $500\n"
        let triggers = ["transaction.tip", "subscription.cancelled", "message.received", "segment.entered whales_0",
                        "tag.added \"vip\"", "schedule daily at 09:00", "schedule weekly on monday at 18:30", "schedule every 6h"]
        for s in 0..<(rules / 10) {
            out += """
            segment whales_\(s) "Top spenders \(s)" {
              fan.lifetime_spend >= vip_min + $\(s % 100).50 and not ("blocked" in fan.tags)
                and count(fan.transactions within \(s % 90 + 1)d where kind == "tip" and amount > $5) >= \(s % 7)
            }

            """
        }
        for r in 0..<rules {
            out += """
            rule "Rule number \(r)" {
              on \(triggers[r % triggers.count])
              when fan in whales_\(r % (rules / 10)) and fan.last_active_at < \(r % 30 + 1)d ago
              priority \(r % 20 - 10)
              cooldown \(r % 48 + 1)h
              then { send "offer_\(r % 50)" with { discount: \(r % 40) } after 2d requires approval }
            }

            """
        }
        return out
    }

    private static func best(of repetitions: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.4f", seconds) }
}
