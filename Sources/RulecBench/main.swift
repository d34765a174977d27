import Foundation

// Benchmarks land here with the phases they measure (see BENCHMARKS.md).
// Run one with `swift run -c release RulecBench NAME`; no name runs them all.
let selected = Set(CommandLine.arguments.dropFirst())
if selected.isEmpty || selected.contains("check") { CheckBenchmark.run() }
if selected.isEmpty || selected.contains("run") {
    // RULEC_BENCH_FANS / RULEC_BENCH_EVENTS shrink it for a quick try.
    let environment = ProcessInfo.processInfo.environment
    RunBenchmark.run(fans: environment["RULEC_BENCH_FANS"].flatMap { Int($0) } ?? 100_000,
                     events: environment["RULEC_BENCH_EVENTS"].flatMap { Int($0) } ?? 100_000)
}
