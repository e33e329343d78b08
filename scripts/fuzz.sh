#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, nightly) of everything that reads strangers'
# input: model bytes, design documents and links, photo files, engraving text. The checks are
# tests/fuzz/targets.rs; `make test` replays the committed corpus on stable (tests/fuzz_corpus.rs).
#   scripts/fuzz.sh [SECONDS per target, default 120] [TARGET…]   (model design photo engraving cutout)
# Runs from tests/fuzz/corpus/<target> (committed; new inputs land in target/fuzz-new/<target>
# and `scripts/fuzz.sh --merge` minimises them into the committed corpus), with overflow checks
# on (-a) and the glTF and design dictionaries for those targets. A crash stops the script with a
# non-zero exit and leaves its input in tests/fuzz/artifacts/<target>/: copy it to
# tests/fuzz/regressions/<target>/ (replayed by make test) and fix it.
#   scripts/fuzz.sh --if-present SECONDS   a short run only where nightly and cargo-fuzz are
#                                          already installed (make test); says so otherwise
set -euo pipefail
cd "$(dirname "$0")/.."

if_present=false
merge=false
case "${1:-}" in
  --if-present) if_present=true; shift ;;
  --merge) merge=true; shift ;;
esac
seconds=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model design photo engraving cutout)

if ! RUSTUP_AUTO_INSTALL=0 cargo +nightly --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null; then
  if $if_present; then
    echo "fuzz: nightly Rust or cargo-fuzz is not installed here: no fuzz run (the corpus replay in cargo test still ran)"
    exit 0
  fi
  cargo +nightly --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
fi

for target in "${targets[@]}"; do
  corpus=tests/fuzz/corpus/$target
  fresh=target/fuzz-new/$target
  mkdir -p "$corpus" "$fresh" tests/fuzz/artifacts/"$target"
  dict=()
  [ "$target" = model ] && dict=(-dict=tests/fuzz/gltf.dict)
  [ "$target" = design ] && dict=(-dict=tests/fuzz/design.dict)
  if $merge; then
    echo "fuzz: merging $fresh into $corpus"
    cargo +nightly fuzz run -a --fuzz-dir tests/fuzz "$target" "$corpus" "$fresh" -- -merge=1 "${dict[@]}" 2>&1 | tail -2
    continue
  fi
  echo "fuzz: $target for ${seconds}s"
  log=target/fuzz-new/$target.log
  status=0
  cargo +nightly fuzz run -a --fuzz-dir tests/fuzz "$target" "$fresh" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "${dict[@]}" \
    > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|ERROR|panicked|SUMMARY' "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target FAILED (exit $status); the input is in tests/fuzz/artifacts/$target/, the log in $log" >&2
    exit "$status"
  fi
done
