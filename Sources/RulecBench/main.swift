// Benchmarks land here with the phases they measure (see BENCHMARKS.md).
// Run one with `swift run -c release RulecBench NAME`; no name runs them all.
let selected = Set(CommandLine.arguments.dropFirst())
if selected.isEmpty || selected.contains("check") { CheckBenchmark.run() }
if selected.isEmpty || selected.contains("segments") { SegmentBenchmark.run() }
