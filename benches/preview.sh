#!/usr/bin/env bash
# Preview after an edit in the editor: `ita-report serve` on loopback, POST /api/preview of the
# sample once (warm), then RUNS edits of one cell, each timed with curl; prints the median and
# its ratio to a whole-process render of the sample measured in the same run (the baseline).
# The editor wants a preview well under a second.
#
#   benches/preview.sh          # 11 edits
#   RUNS=31 benches/preview.sh
#
# Needs curl and python3. Not run by CI (timing belongs here, not in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
cargo build --release --quiet
bin=$PWD/target/release/ita-report
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" serve --port 0 >"$tmp/addr" 2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do
  grep -q listening "$tmp/addr" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$tmp/addr")
[ -n "$base" ] || { echo "the server did not start:" >&2; cat "$tmp/log" >&2; exit 1; }

post() { # FILE -> seconds
  curl -sS -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    --data-binary "@$1" "$base/api/preview"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

post samples/sawang-2567.json >/dev/null
for i in $(seq "$RUNS"); do
  python3 - "$i" >"$tmp/edit.json" <<'PY'
import json, sys
data = json.load(open("samples/sawang-2567.json", encoding="utf-8"))
data["measures"][0]["result"] = f"ผลการดำเนินการแก้ไขครั้งที่ {sys.argv[1]}"
json.dump(data, sys.stdout, ensure_ascii=False)
PY
  post "$tmp/edit.json"
done | median >"$tmp/preview"

for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$bin" render samples/sawang-2567.json -o "$tmp/sample.pdf" 2>/dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN {print ns / 1e9}'
done | median >"$tmp/render"

python3 - "$(cat "$tmp/preview")" "$(cat "$tmp/render")" <<'PY'
import sys
preview, render = float(sys.argv[1]), float(sys.argv[2])
print(f"preview after an edit: median {preview * 1000:.0f} ms")
print(f"whole-process render of the sample (baseline): median {render * 1000:.0f} ms")
print(f"ratio preview / render: {preview / render:.2f}")
PY
