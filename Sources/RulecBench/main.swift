import Foundation

// Benchmarks, one per phase, selected by name (see BENCHMARKS.md for figures):
//   swift build -c release --product RulecBench && .build/release/RulecBench NAME
// RULEC_BENCH_FANS / RULEC_BENCH_EVENTS / RULEC_BENCH_DB change the sizes and files.
// RULEC_BENCH_POLICY=1 runs `run` with a policy in force (RunBenchmark.policy).
// RULEC_BENCH_PG_URL runs `platform` on PostgreSQL (RULEC_BENCH_CREATORS, _FANS, _EVENTS, _WORKERS,
// _TEMPLATES, _PREPARE=seed, _PG_PREFIX, _PG_PID: see PlatformBenchmark).
let environment = ProcessInfo.processInfo.environment
let benchmarks: [(name: String, run: () -> Void)] = [
    ("parse", { LexParseBenchmark.run() }),
    ("check", { CheckBenchmark.run() }),
    ("lsp", { LspBenchmark.run() }),
    ("segments", { SegmentBenchmark.run() }),
    ("segment-matrix", { SegmentMatrixBenchmark.run() }),
    ("refresh", { RefreshBenchmark.run() }),
    ("run", {
        RunBenchmark.run(fans: environment["RULEC_BENCH_FANS"].flatMap { Int($0) } ?? 100_000,
                         events: environment["RULEC_BENCH_EVENTS"].flatMap { Int($0) } ?? 100_000,
                         withPolicy: environment["RULEC_BENCH_POLICY"] == "1")
    }),
    ("platform", {
        // 1,000 creators × 100 fans, 20 events each, 1, 2 and 4 workers (PostgreSQL with RULEC_BENCH_PG_URL).
        PlatformBenchmark.run(creators: environment["RULEC_BENCH_CREATORS"].flatMap { Int($0) } ?? 1_000,
                              fans: environment["RULEC_BENCH_FANS"].flatMap { Int($0) } ?? 100,
                              events: environment["RULEC_BENCH_EVENTS"].flatMap { Int($0) } ?? 20,
                              workers: (environment["RULEC_BENCH_WORKERS"] ?? "1,2,4").split(separator: ",").compactMap { Int($0) })
    }),
    ("test", { TestBenchmark.run() }),
    ("mutants", { TestBenchmark.mutants() }),
    ("simulate", {
        SimulateBenchmark.run(fans: environment["RULEC_BENCH_FANS"].flatMap { Int($0) } ?? 100_000,
                              rulesFolder: environment["RULEC_BENCH_RULES"] ?? "Rules")
    }),
]

let selected = Set(CommandLine.arguments.dropFirst())
let unknown = selected.subtracting(benchmarks.map(\.name))
guard unknown.isEmpty, !selected.isEmpty else {
    print("usage: RulecBench <\(benchmarks.map(\.name).joined(separator: "|"))>...")
    exit(2)
}
for benchmark in benchmarks where selected.contains(benchmark.name) { benchmark.run() }
