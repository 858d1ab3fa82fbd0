#!/usr/bin/env bash
# `terbit serve` under load on loopback: wrk with 64 connections for 20 s on
# the example's pages, then the server's memory before and after.
#   bench/serve_load.sh [SECONDS] [CONNECTIONS]
# Needs wrk (Debian package). Only 127.0.0.1 is ever contacted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
seconds="${1:-20}"
connections="${2:-64}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
(cd "$repo" && cargo build --release --locked -q)
log="$(mktemp)"
"$repo/target/release/terbit" serve --root "$repo" --port 0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log" "$lua"' EXIT
for _ in $(seq 100); do grep -q "serving" "$log" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n 1 | cut -d: -f3)
sleep 1
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
before=$(rss)
# Rotate over pages of every kind, in both languages, and a missing one.
lua="$(mktemp --suffix=.lua)"
cat > "$lua" <<'LUA'
local paths = {"/", "/en/", "/program/command-center/", "/en/programs/command-center/", "/linimasa/", "/pilar/smart-governance/", "/kota.css", "/data/plan.json", "/en/stakeholders/", "/cari/"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" -s "$lua" --latency "http://127.0.0.1:$port/" | tee /dev/stderr | grep -E "Requests/sec|Non-2xx|Socket errors|requests in" || true
after=$(rss)
echo "server RSS: ${before} kB before, ${after} kB after"
