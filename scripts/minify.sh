# Sourced by build-web.sh and dist.sh: `minify IN OUT` writes IN as a minified ES module to OUT
# (OUT may be IN). Exported names and property names are kept: the element's API, the wasm
# imports object and the attributes stay as they are; only local names shrink.
minify() {
  local tmp
  tmp=$(mktemp)
  node_modules/.bin/terser "$1" --module --compress passes=2 --mangle --output "$tmp"
  mv "$tmp" "$2"
  chmod 644 "$2"
}
