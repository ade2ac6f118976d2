#!/usr/bin/env bash
# Performance figures for ita-report, measured in one invocation (ratios are what to compare
# across machines): whole-process render of the sample, a batch of 200 generated reports
# against 200 separate processes, peak memory, and 1,000 reports.
# Needs: hyperfine and GNU time (apt-get install hyperfine time), python3.
# Usage: benches/run.sh [--record]   (--record appends the figures to benches/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/ita-report"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 benches/generate.py 200 "$work/d200"
python3 benches/generate.py 1000 "$work/d1000"
mkdir -p "$work/o200" "$work/o1000" "$work/single"

echo "== whole process: render the sample (cold start each run)"
hyperfine -N --warmup 3 --runs 30 --export-json "$work/sample.json" \
  "$bin render samples/sawang-2567.json -o $work/sample.pdf" >/dev/null
sample_ms=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']*1000:.0f}\")" "$work/sample.json")
echo "sample: median ${sample_ms} ms"

echo "== 200 reports: one batch process against 200 separate processes"
cat > "$work/separate.sh" <<SH
for f in $work/d200/*.json; do "$bin" render "\$f" -o "$work/single/\$(basename "\$f" .json).pdf" 2>/dev/null; done
SH
hyperfine --warmup 1 --runs 3 --export-json "$work/batch.json" \
  -n batch "$bin render $work/d200 --out-dir $work/o200" \
  -n separate "bash $work/separate.sh" >/dev/null
read -r batch_s separate_s < <(python3 -c "import json,sys; r={x['command']:x['median'] for x in json.load(open(sys.argv[1]))['results']}; print(f\"{r['batch']:.2f} {r['separate']:.2f}\")" "$work/batch.json")
ratio=$(python3 -c "print(f'{$separate_s/$batch_s:.1f}')")
per_report=$(python3 -c "print(f'{$batch_s*1000/200:.0f}')")
echo "batch: ${batch_s} s (${per_report} ms per report); separate: ${separate_s} s; throughput ratio ${ratio}x"

echo "== peak memory"
/usr/bin/time -v "$bin" render "$work/d200" --out-dir "$work/o200" 2> "$work/time200.txt"
/usr/bin/time -v "$bin" render "$work/d1000" --out-dir "$work/o1000" 2> "$work/time1000.txt"
mem200=$(awk -F: '/Maximum resident/ {print int($2/1024)}' "$work/time200.txt")
mem1000=$(awk -F: '/Maximum resident/ {print int($2/1024)}' "$work/time1000.txt")
wall1000=$(awk '/Elapsed/ {print $NF}' "$work/time1000.txt")
echo "peak memory: ${mem200} MB for 200 reports, ${mem1000} MB for 1,000; 1,000 reports in ${wall1000}"

if [ "${1:-}" = "--record" ]; then
  cat >> benches/RESULTS.md <<MD

## Batch rendering, $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))

| figure | value | target |
|---|---|---|
| sample, whole process (median of 30, cold start) | ${sample_ms} ms | < 300 ms |
| 200 reports in one batch | ${batch_s} s (${per_report} ms each) | |
| 200 separate processes | ${separate_s} s | |
| batch throughput / separate processes | ${ratio}× | ≥ 3× |
| peak memory, 200 reports | ${mem200} MB | ≤ 400 MB |
| peak memory, 1,000 reports | ${mem1000} MB | flat |
| 1,000 reports | ${wall1000} (m:ss) | < 2 min |

Command: \`benches/run.sh --record\` (datasets from \`benches/generate.py\`: 3–8 measures each).
MD
  echo "recorded in benches/RESULTS.md"
fi
