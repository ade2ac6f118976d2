#!/usr/bin/env bash
# Explores the property tests (tests/property.rs) beyond CI's fixed set: many cases from
# several random seeds. A failure is saved to tests/property.proptest-regressions (commit it:
# CI re-runs every saved failure) and its dataset to $TMPDIR/ita-report-property-failure.json.
# Usage: benches/properties.sh [CASES [SEEDS]]   (default 256 cases from each of 4 seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-256}
seeds=${2:-4}
cargo build --release --tests --quiet
status=0
for _ in $(seq "$seeds"); do
  seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
  echo "== PROPTEST_CASES=$cases PROPTEST_RNG_SEED=$seed"
  if ! PROPTEST_CASES=$cases PROPTEST_RNG_SEED=$seed \
    cargo test --release --quiet --test tests property:: 2>&1 | tail -n 20; then
    status=1
  fi
done
exit $status
