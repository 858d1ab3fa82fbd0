#!/usr/bin/env bash
# Runs every fuzz target for a set time (default 600 s each), two at a time.
#   fuzz/run.sh [SECONDS]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# New inputs that reach new code are kept in fuzz/corpus/<target>/; a crash
# stops with its input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
targets=(${TARGETS:-url_path front_matter markdown sanitizer csv_row image_file})
cargo +nightly fuzz build -O 2>&1 | tail -n 1
pids=()
for t in "${targets[@]}"; do
  cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
    > "fuzz/$t.log" 2>&1 &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait
for t in "${targets[@]}"; do
  echo "== $t"; grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done|ERROR|panicked" "fuzz/$t.log" || tail -n 3 "fuzz/$t.log"
done
