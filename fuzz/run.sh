#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, seeding the corpora
# from the bundled samples and rule files. Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/;
# copy each into fuzz/regressions/<target>/ so tests/fuzz_regressions.rs
# replays it on every `cargo test`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  case "$target" in
    figures|text_export) cp -n ../samples/*.txt ../tests/fixtures/*.md "corpus/$target/" 2>/dev/null || true ;;
    rule_file) cp -n ../rules/*.toml "corpus/$target/" ;;
    pdf_extract) cp -n ../samples/pdf/*.pdf ../tests/fixtures/pdf/*.pdf ../tests/fixtures/generated/*.pdf "corpus/$target/" 2>/dev/null || true ;;
  esac
  echo "== $target: ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1
done
