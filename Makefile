# review-widget: `make serve` and `make test` are the two commands; both install what is
# missing first (scripts/setup.sh, idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
export WASM_BINDGEN_TEST_TIMEOUT ?= 60

# The release bundle is built for size: std itself is rebuilt with `optimize_for_size`, a panic
# aborts at once (the loader notices a stopped instance from its stack), panic locations and
# Debug formatting are left out. This needs nightly options on the stable toolchain
# (RUSTC_BOOTSTRAP) and rust-src; only the release wasm uses them, in its own target folder.
SIZE_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size CARGO_TARGET_DIR=target/size \
	RUSTFLAGS="-C link-arg=-zstack-size=262144 -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

BROWSER_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/browser_*.rs))

.PHONY: setup serve dist dist-only dist-hooks screenshots test test-native test-browser test-e2e bench size-report clean

setup:
	@scripts/setup.sh

## Serve the demo on http://127.0.0.1:8080 (rebuilds on change).
serve: setup
	trunk serve

## The release bundle in dist/.
dist: setup
	$(MAKE) --no-print-directory dist-only

## Every test layer: native, wasm in headless Chromium, end-to-end on the release dist/.
test: setup
	$(MAKE) --no-print-directory test-native test-browser dist-hooks dist-only test-e2e

# The core natively, as the widget is built and as the build with shared comments is.
test-native:
	cargo test --locked
	cargo test --locked --features sync

test-browser:
	cargo test --locked --target wasm32-unknown-unknown $(BROWSER_TESTS)

# cargo first (online: it fetches what the rebuilt std needs), then trunk (offline) reuses it;
# then the second build, with shared comments (`--features sync`, in its own target folder),
# which the loader fetches only for a widget with a `sync` attribute; then scripts/shrink.mjs:
# short wasm import/export names, minified glue, loader and CSS.
dist-only:
	$(SIZE_ENV) cargo build --locked --release --target wasm32-unknown-unknown --lib --quiet
	$(SIZE_ENV) trunk build --release
	$(SIZE_ENV) CARGO_TARGET_DIR=target/size-sync cargo build --locked --release --target wasm32-unknown-unknown --lib --quiet --features sync
	wasm-bindgen --target web --no-typescript --out-dir dist --out-name review-widget-sync target/size-sync/wasm32-unknown-unknown/release/review_widget.wasm
	wasm-opt dist/review-widget-sync_bg.wasm -Os --converge --ignore-implicit-traps -o dist/review-widget-sync_bg.wasm
	node scripts/shrink.mjs

# The same size-tuned build with real panics on demand (feature `test-hooks`), for the e2e
# isolation tests only: target/e2e-hooks/, never dist/. Built before dist-only, which then
# relinks the release wasm without the hooks.
dist-hooks:
	$(SIZE_ENV) cargo build --locked --release --target wasm32-unknown-unknown --lib --quiet --features test-hooks
	wasm-bindgen --target web --out-dir target/e2e-hooks --out-name review-widget target/size/wasm32-unknown-unknown/release/review_widget.wasm

test-e2e:
	cd tests/e2e && npm test

## Comments at 10 / 1,000 / 10,000 (times, memory), shared comments (the first of 1,000 from
## a database shown), then what a host page downloads on first view (raw / gzip / brotli)
## against the budget; all go to target/bench.json.
bench: dist
	mkdir -p target
	node scripts/bench-comments.mjs > target/bench-runtime.json
	node scripts/bench-sharing.mjs > target/bench-sharing.json
	BENCH_EXTRA=target/bench-runtime.json BENCH_SHARING=target/bench-sharing.json node scripts/bench.mjs

## Where the release wasm's bytes go, by area and by function (twiggy, installed on demand;
## not part of `make test`).
size-report: setup
	command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
	$(SIZE_ENV) cargo build --locked --release --target wasm32-unknown-unknown --lib --quiet
	wasm-bindgen --target web --keep-debug --out-dir target/size-report target/size/wasm32-unknown-unknown/release/review_widget.wasm
	node scripts/size-report.mjs target/size-report/review_widget_bg.wasm

## What a reader sees (the demo, a dark page, Arabic), from the release dist/, into
## docs/screenshots/ (shown in the README; not part of `make test`).
screenshots: dist
	node scripts/screenshots.mjs

clean:
	cargo clean
	rm -rf dist
