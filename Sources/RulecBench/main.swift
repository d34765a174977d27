// Benchmarks land here with the phases they measure (see BENCHMARKS.md).
print("rulec benchmarks: nothing to measure yet")
