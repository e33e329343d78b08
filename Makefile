# The two commands (see README.md):
#   make serve   set up, build the wasm, serve www/ on http://127.0.0.1:8080
#   make test    set up, build, run every test (unit, shader, golden, browser)
# Also: make build, make dist (dist/: a static-host folder and npm package), make goldens (rewrite
# golden images after a deliberate visual change), make lint (format and clippy, as CI runs them).

PORT ?= 8080
export XDG_RUNTIME_DIR ?= /tmp

.PHONY: serve build dist lint test test-native test-browser test-fuzz fuzz goldens bench bench-check

serve: build
	@echo "Pendant Viewer demo: http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

build:
	scripts/setup.sh
	scripts/build-web.sh

dist:
	scripts/setup.sh
	scripts/dist.sh

test:
	scripts/setup.sh --test
	$(MAKE) --no-print-directory lint
	scripts/dist.sh
	$(MAKE) --no-print-directory test-native test-fuzz test-browser

# Formatting, and clippy with warnings denied: native (every target) and the six wasm32
# builds, where src/web/ is compiled at all.
lint:
	cargo fmt --check
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features webgl --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features engraver --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features meshopt --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features draco --quiet -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features proof --quiet -- -D warnings

test-native:
	cargo test --quiet

# A few seconds per fuzz target where nightly and cargo-fuzz are already installed (the
# committed corpus is replayed on stable by cargo test either way).
test-fuzz:
	scripts/fuzz.sh --if-present 10

# Long fuzz runs (installs nightly and cargo-fuzz if needed); figures go in docs/security.md.
fuzz:
	scripts/fuzz.sh $${FUZZ_SECONDS:-300}

test-browser:
	node --test --test-concurrency=1 tests/browser/ tests/models/

goldens:
	UPDATE_GOLDENS=1 cargo test --test golden
	@echo "Look at tests/golden/*.png before committing them, in a commit of their own saying why they changed."

# Not in CI (too noisy there): measure against model-viewer, then check the budgets.
bench:
	scripts/setup.sh --test
	scripts/bench.sh

bench-check:
	node scripts/bench-report.mjs target/bench/results.json $${BENCH_DIR:-../shared/bench} --check
