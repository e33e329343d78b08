#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, nightly) of everything that reads strangers'
# input: model bytes, design documents and links, photo files, engraving text.
#   scripts/fuzz.sh [SECONDS per target, default 120] [TARGET…]   (model design photo engraving)
# Seeds come from the repository (shipped models, sample photos, a design); the corpus grows
# in target/fuzz-corpus/<target>. A crash leaves its input in tests/fuzz/artifacts/<target>/:
# turn it into a regression test in tests/ before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model design photo engraving)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

seed() {
  local target=$1 dir=target/fuzz-corpus/$1
  mkdir -p "$dir"
  case $target in
    model)
      cp models/bar-vertical.glb models/bar-horizontal.glb "$dir/"
      printf '%s' '{"asset":{"version":"2.0"},"scenes":[{"nodes":[0]}],"nodes":[{"name":"engrave_front","mesh":0}],"meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],"bufferViews":[{"buffer":0,"byteLength":36}],"buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAA"}]}' > "$dir/triangle.gltf" ;;
    design)
      printf '%s' '{"version":1,"model":"models/locket-heart.glb","finish":{"metal":"rose-gold","surface":"brushed"},"birthstone":7,"stone":"ruby","engraving":{"front":{"text":"Emma","font":"script"},"back":{"text":"14.06.2024","font":"mono","size":1.5,"finish":"oxidized","spacing":0.05}},"photoStyle":"sepia","photoCover":"resin","photos":[null,{"src":"photos/cat.jpg","file":"cat.jpg","zoom":2,"x":0.5,"y":-0.25,"rotation":90}],"chain":{"style":"rope","lengthIn":20},"view":{"open":true,"cameraOrbit":"30deg 75deg 110%","background":"#ffeedd","autoRotate":true}}' > "$dir/full.json"
      printf '%s' 'design=eyJ2ZXJzaW9uIjoxLCJtb2RlbCI6Im1vZGVscy9kaXNjLXBlbmRhbnQuZ2xiIn0' > "$dir/link.txt" ;;
    photo)
      cp tests/fixtures/photos/cmyk.jpg www/photos/cat.jpg "$dir/" ;;
    engraving)
      printf '\x00\x40Emma' > "$dir/script.txt"
      printf '\x26\x20A & J \xe2\x99\xa5 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d' > "$dir/mixed.txt"
      printf '\x13\x30\x34\x30\xc2\xb0\x34\x32\xe2\x80\xb2N\n74\xc2\xb0W' > "$dir/coordinates.txt" ;;
  esac
}

for target in "${targets[@]}"; do
  seed "$target"
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run --fuzz-dir tests/fuzz "$target" "target/fuzz-corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)|ERROR|panicked|SUMMARY' || true
done
