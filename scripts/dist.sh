#!/usr/bin/env bash
# Builds dist/: everything a static host or CDN needs to serve the viewer, and an npm package.
#   dist/pendant-viewer.js (+ .d.ts)   the element: its entry and element/ joined into one ES
#                                      module (scripts/bundle-element.mjs), minified with terser
#   dist/pkg/{webgpu,webgl,engraver,meshopt,draco,proof}/  the viewer builds (the element picks one
#                                      at run time), the engraving module (loaded when a design
#                                      has text) and the decoder modules (for compressed models)
#   dist/fonts/ dist/models/           engraving fonts (fetched on demand) and the pendants
#   dist/embed.html (+ .js, .css)      the iframe embed
#   dist/package.json, README.md       for `npm publish dist/`
# `--no-build` packs what scripts/build-web.sh last built.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/minify.sh
[[ "${1:-}" == "--no-build" ]] || scripts/build-web.sh

rm -rf dist
mkdir -p dist/pkg/webgpu dist/pkg/webgl dist/pkg/engraver dist/pkg/meshopt dist/pkg/draco dist/pkg/proof dist/fonts dist/models
cp www/pendant-viewer.d.ts www/embed.html www/embed.css www/icon.svg dist/
node scripts/bundle-element.mjs dist/pendant-viewer.js
minify dist/pendant-viewer.js dist/pendant-viewer.js
minify www/embed.js dist/embed.js
for name in webgpu webgl engraver meshopt draco proof; do
  cp "www/pkg/$name/pendant_viewer.js" "www/pkg/$name/pendant_viewer_bg.wasm" "dist/pkg/$name/"
done
cp www/fonts/*.ttf www/fonts/*.txt dist/fonts/ # the fonts and their licences
cp models/*.glb dist/models/

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cat > dist/package.json <<JSON
{
  "name": "pendant-viewer",
  "version": "$version",
  "description": "<pendant-viewer>: a live 3D preview of personalized pendants (WebGPU with a WebGL2 fallback, Rust + wasm)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "pendant-viewer.js",
  "module": "pendant-viewer.js",
  "types": "pendant-viewer.d.ts",
  "exports": { ".": { "types": "./pendant-viewer.d.ts", "default": "./pendant-viewer.js" }, "./*": "./*" },
  "sideEffects": ["./pendant-viewer.js"],
  "files": ["pendant-viewer.js", "pendant-viewer.d.ts", "pkg/", "fonts/", "models/", "embed.html", "embed.js", "embed.css"]
}
JSON
cat > dist/README.md <<'MD'
# pendant-viewer

A live 3D preview of personalized pendants. Serve this folder from any static host (the wasm
must be served as `application/wasm`) and add:

```html
<script type="module" src="https://your-host/pendant-viewer/pendant-viewer.js"></script>
<pendant-viewer src="https://your-host/pendant-viewer/models/disc-pendant.glb" engraving="Emma"
                finish="rose-gold" alt="Rose gold disc engraved Emma" style="height:480px"></pendant-viewer>
```

or an iframe: `embed.html#design=…`. Attributes, methods, events and the design document are
documented in the project's docs/ (element.md, errors.md, design-document.md, embedding.md).
MD
echo "dist: $(find dist -type f | wc -l) files, $(du -sh dist | cut -f1)"
