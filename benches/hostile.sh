#!/usr/bin/env bash
# Time and peak memory of the worst inputs each budget admits (and of the hostile inputs it
# now refuses), for the figures in crates/engine/src/dataset/budget.rs. Needs GNU time.
# Usage: benches/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/ita-report"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
base = json.load(open("samples/short-example.json"))
def write(name, intro=None, measures=None):
    d = json.loads(json.dumps(base))
    if intro is not None: d["introduction"] = intro
    if measures is not None: d["measures"] = measures
    json.dump(d, open(f"{work}/{name}.json", "w"), ensure_ascii=False)
tone = "\u0e48"
m = base["measures"][0]
# Marks: 30 on every letter of a full cell (10,000 characters).
write("marks-30-full-cell", " ".join(["ก" + tone * 30] * 312))
# Words: a full cell of 1,000-character words that no rule breaks (Thai digits).
write("words-1000-full-cell", " ".join(["๑" * 999] * 10))
# Cell: 10,000 characters of ordinary Thai in one paragraph; and 200 items.
write("cell-10000-chars", ("การดำเนินงานตามมาตรการ " * 500)[:9999])
write("cell-200-items", {"list": ["ข้อ " + "การดำเนินงาน " * 3] * 199})
# Report: 200 measures of about 1,000 characters each (just under 200,000 in all
# ), the biggest report every budget admits.
cell = ("ผลการดำเนินงาน " * 70)[:88]
big = dict(m, measure=cell, method={"list": [cell] * 4}, responsible=cell, result={"list": [cell] * 4}, outcome=cell)
write("report-200-measures", "บทนำ", [big] * 200)
# Refused now: the attack files of issue 16.
write("refused-10000-marks", "ก" + tone * 10000)
write("refused-one-word-7.8MB", "ก" * 2_600_000)
write("report-5000-entries", "บทนำ", [dict(m, method={"list": [f"ข้อ {i}" for i in range(190)]}, result={"list": [f"ข้อ {i}" for i in range(190)]}) for _ in range(13)])
write("refused-20000-items", {"list": [f"ข้อ {i}" for i in range(20000)]})
PY
printf "%-28s %8s %9s %s\n" input seconds "peak MB" result
for f in "$work"/*.json; do
  name=$(basename "$f" .json)
  for justify in "" "--no-justify"; do
    set +e
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" render "$f" -o "$work/out.pdf" $justify 2>"$work/err"
    status=$?
    set -e
    read -r secs kb < <(tail -1 "$work/time")
    pages=$( [ $status -eq 0 ] && pdfinfo "$work/out.pdf" 2>/dev/null | awk '/^Pages/ {print $2 " pages"}' || echo "refused (exit $status)")
    printf "%-28s %8s %9d %s %s\n" "$name" "$secs" $((kb / 1024)) "$pages" "$justify"
  done
done
