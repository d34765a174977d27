import Foundation
// Benchmarks, one per phase, selected by the first argument (see BENCHMARKS.md):
//   RulecBench parse      lexing and parsing
let benchmarks: [String: () -> Void] = [
    "parse": { LexParseBenchmark.run() },
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: RulecBench <\(benchmarks.keys.sorted().joined(separator: "|"))>")
    exit(2)
}
benchmark()
