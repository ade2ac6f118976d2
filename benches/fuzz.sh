#!/usr/bin/env bash
# Fuzzes the dataset loader and the PDF reader (crates/engine/examples/fuzz.rs) for a while,
# each under a 2 GB address-space cap; not part of CI. A panic is saved by the fuzzer; an
# abort (memory) or a hang (the timeout) keeps the input it was running as a finding.
# Usage: benches/fuzz.sh [SECONDS-PER-TARGET]   (default 300); findings in target/fuzz/.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
cargo build --release --quiet -p ita-report-engine --example fuzz || exit 1
cargo build --release --quiet || exit 1
fuzz="$PWD/target/release/examples/fuzz"
work="$PWD/target/fuzz"
mkdir -p "$work/seeds"
./target/release/ita-report render samples/short-example.json -o "$work/seeds/short.pdf"
./target/release/ita-report render samples/sawang-2567.json -o "$work/seeds/sawang.pdf" --no-attach
for target in dataset pdf; do
  if [ "$target" = dataset ]; then
    seeds=(samples/*.json tests/data/long-thai.json tests/fixtures/import/expected-*.json)
  else
    seeds=("$work/seeds/"*.pdf)
  fi
  out="$work/$target"
  left=$seconds
  round=0
  while [ "$left" -gt 0 ]; do
    # Rounds of at most 60 s, each with its own seed, so that a crash loses little time.
    slice=$(( left < 60 ? left : 60 ))
    FUZZ_SEED=$(( round * 7919 + 17 )) timeout --signal=KILL $(( slice + 30 )) \
      prlimit --as=$((2 << 30)) -- "$fuzz" "$target" "$slice" "$out" "${seeds[@]}"
    status=$?
    if [ $status -ne 0 ] && [ -f "$out/current" ]; then
      mv "$out/current" "$out/crash-$target-$round"
      echo "$target: round $round ended with status $status; input kept as $out/crash-$target-$round"
    fi
    left=$(( left - slice ))
    round=$(( round + 1 ))
  done
  ls "$out" | grep -c -E '^(panic|crash)-' | sed "s/^/$target findings: /"
done
