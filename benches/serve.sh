#!/usr/bin/env bash
# Load test of `ita-report serve` on loopback: POST /api/render of the sample with wrk, bounded
# in time, twice: the same dataset every time (what a portal re-rendering a report sees, with
# Typst's memo cache warm), and a different dataset every request (the introduction changes,
# so each one is laid out again). Prints requests per second, latency percentiles, errors and
# the server's memory (RSS) over the run, and writes them into benches/RESULTS.md (the section
# between the "serve" markers; the rest of the file is left alone).
#
#   benches/serve.sh                 # 10 s per run, 2 connections
#   DURATION=30s CONNECTIONS=4 benches/serve.sh
#
# Needs wrk (apt-get install wrk) and curl. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-2}
DATASET=${DATASET:-samples/sawang-2567.json}
RESULTS=benches/RESULTS.md

command -v wrk >/dev/null || { echo "benches/serve.sh needs wrk: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "benches/serve.sh needs curl" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/ita-report

tmp=$(mktemp -d)
pid=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
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

cat >"$tmp/same.lua" <<LUA
local f = assert(io.open("$DATASET", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
cat >"$tmp/distinct.lua" <<LUA
local f = assert(io.open("$DATASET", "rb"))
local body = f:read("*a")
f:close()
local n = 0
request = function()
  n = n + 1
  local b = body:gsub('"introduction": "', '"introduction": "' .. n .. ' ', 1)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, b)
end
LUA

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

# Warm up: the fonts, the layout and the first compile.
for _ in 1 2 3; do
  curl -sf -o /dev/null --data-binary @"$DATASET" "$base/api/render"
done

run() {  # run NAME: one wrk run; sets the figures of that run
  local name=$1
  : >"$tmp/rss-$name"
  ( while kill -0 "$pid" 2>/dev/null; do rss_kib >>"$tmp/rss-$name"; sleep 0.5; done ) &
  sampler=$!
  wrk -t "$CONNECTIONS" -c "$CONNECTIONS" -d "$DURATION" --timeout 30s --latency \
    -s "$tmp/$name.lua" "$base/api/render" >"$tmp/wrk-$name.txt"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sampler=
  cat "$tmp/wrk-$name.txt"
}

summary() {  # summary NAME LABEL: one table row
  local name=$1 label=$2
  local f=$tmp/wrk-$name.txt
  local rps p50 p99 total non2xx sock rss_first rss_max rss_last
  rps=$(awk '/^Requests\/sec/ {print $2}' "$f")
  p50=$(awk '$1 == "50%" {print $2}' "$f")
  p99=$(awk '$1 == "99%" {print $2}' "$f")
  total=$(awk '/requests in/ {print $1}' "$f")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$f"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {s = 0; for (i = 4; i <= NF; i += 2) s += $i; print s}' "$f"); sock=${sock:-0}
  # From 1 s into the run (the first layouts fill Typst's cache) to its end.
  rss_first=$(mib "$(sed -n '3p' "$tmp/rss-$name")")
  rss_max=$(mib "$(sort -n "$tmp/rss-$name" | tail -n1)")
  rss_last=$(mib "$(tail -n1 "$tmp/rss-$name")")
  echo "| $label | $total | $rps | $p50 | $p99 | $non2xx non-2xx, $sock socket | $rss_first → $rss_last (max $rss_max) |"
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "== same dataset every request"
run same
echo "== a different dataset every request"
run distinct

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
rows="$(summary same "same sample each time")
$(summary distinct "a different dataset each time")"
section=$(cat <<MD
<!-- serve:start -->
## \`ita-report serve\`: POST /api/render on loopback

\`benches/serve.sh\` (wrk, $CONNECTIONS connections, $DURATION per run, \`$DATASET\`, a PDF/A-3b
report of $(curl -sf -D - -o /dev/null --data-binary @"$DATASET" "$base/api/render" | awk 'tolower($1) == "x-pages:" {print $2+0}') pages), $(nproc) cores ($cpu), $(date -u +%Y-%m-%d).
Server defaults: renders at a time = cores, 5 s queue wait, 8 MiB body limit. Load average
when the runs started: $load (other work on the machine slows the figures down).

| run | requests | req/s | p50 | p99 | errors | server RSS MiB (after 1 s → end) |
| --- | --- | --- | --- | --- | --- | --- |
$rows
<!-- serve:end -->
MD
)
echo
echo "$section"

# Replace our section (or append it), leaving the other sections as they are.
python3 - "$RESULTS" "$section" <<'PY'
import pathlib, re, sys
path, section = pathlib.Path(sys.argv[1]), sys.argv[2]
text = path.read_text() if path.exists() else "# Benchmark results\n"
pattern = re.compile(r"<!-- serve:start -->.*?<!-- serve:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
path.write_text(text)
PY
echo "written to $RESULTS"
