#!/usr/bin/env bash
# Fuzzes the lexer and parser with libFuzzer.
#
#   Fuzz/run.sh [SECONDS] [extra libFuzzer flags...]     (default 600 seconds)
#
# Builds Fuzz/ParserFuzz/main.swift with every file of Sources/Syntax using
# `swiftc -sanitize=fuzzer` (assertions on, so the parser's loop-progress
# guard fires), seeds a corpus from the test fixtures, the examples in
# Grammar/rules.ebnf and Rules/, and runs. Crashers land in Fuzz/crashes/;
# keep each one as a regression test (Tests/SyntaxTests/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
work=".build/fuzz"
corpus="$work/corpus"
mkdir -p "$work" "$corpus" Fuzz/crashes

mapfile -t sources < <(find Sources/Syntax -name '*.swift' | sort)
swiftc -sanitize=fuzzer -parse-as-library -O -assert-config Debug -module-name ParserFuzz \
    "${sources[@]}" Fuzz/ParserFuzz/main.swift -o "$work/parser-fuzz"

# Seed corpus: fixture and rules files, and each `#>` example of the grammar.
for dir in Tests/Fixtures/Syntax Rules; do
    [ -d "$dir" ] || continue  # Rules/ may not exist yet
    find "$dir" -name '*.rules' | while read -r f; do cp "$f" "$corpus/$(basename "$f")"; done
done
awk -v dir="$corpus" '
    /^#[>!]/ { sub(/^#[>!] ?/, ""); text = text $0 "\n"; next }
    { if (text != "") { n++; printf "%s", text > (dir "/grammar-" n ".rules"); close(dir "/grammar-" n ".rules"); text = "" } }
' Grammar/rules.ebnf

"$work/parser-fuzz" "$corpus" -dict=Fuzz/rules.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 "$@"
