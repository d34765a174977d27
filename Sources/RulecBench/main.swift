import Foundation

// Benchmarks, one per phase, selected by name (see BENCHMARKS.md for figures):
//   swift build -c release --product RulecBench && .build/release/RulecBench NAME
let benchmarks: [(name: String, run: () -> Void)] = [
    ("parse", { LexParseBenchmark.run() }),
    ("check", { CheckBenchmark.run() }),
    ("segments", { SegmentBenchmark.run() }),
]

let selected = Set(CommandLine.arguments.dropFirst())
let unknown = selected.subtracting(benchmarks.map(\.name))
guard unknown.isEmpty, !selected.isEmpty else {
    print("usage: RulecBench <\(benchmarks.map(\.name).joined(separator: "|"))>...")
    exit(2)
}
for benchmark in benchmarks where selected.contains(benchmark.name) { benchmark.run() }
