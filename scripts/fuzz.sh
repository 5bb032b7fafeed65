#!/usr/bin/env bash
# Fuzzes the readers of hostile input with libFuzzer (libfuzzer-sys, the
# cargo-fuzz layout in fuzz/): text import, workbook import, the scenario
# file, the scenario link and the customer summary. Builds the targets with
# the stable toolchain and the coverage flags cargo-fuzz passes for
# `--sanitizer none` (no nightly, no cargo-fuzz to install: the app forbids
# `unsafe`, so AddressSanitizer would find nothing Rust does not check),
# seeds each corpus from tests/data/, then runs the targets one after the
# other (the machine has two cores).
#
#   scripts/fuzz.sh                      30 s per target
#   scripts/fuzz.sh 600                  600 s per target
#   scripts/fuzz.sh -runs=1000000        a number of inputs per target
#   scripts/fuzz.sh 60 scenario_json     only the targets named
#
# scripts/test.sh (CI) runs every target for FUZZ_CI_SECONDS (default 20).
# A crash leaves its input in fuzz/artifacts/TARGET/ and stops the script;
# turn it into a regression test in tests/ named after what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

limit="${1:-30}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(import_text import_workbook scenario_json scenario_link import_summary)
case "$limit" in
  -runs=*) budget=("$limit") ;;
  *[!0-9]* | "") echo "usage: $0 [SECONDS | -runs=N] [TARGET...]" >&2; exit 2 ;;
  *) budget=("-max_total_time=$limit") ;;
esac

# Seeds: the fixtures, a workbook's sheet XML in the form import_workbook
# wraps, and the scenario fixture as a link parameter.
seed() { mkdir -p "fuzz/corpus/$1"; [ -n "$(ls -A "fuzz/corpus/$1")" ]; }
seed import_text || cp tests/data/*.csv tests/data/*.txt fuzz/corpus/import_text/
seed import_workbook || {
  cp tests/data/*.xlsx fuzz/corpus/import_workbook/
  python3 - <<'PY'
import zipfile
z = zipfile.ZipFile("tests/data/visits.xlsx")
names = z.namelist()
sheet = z.read(next(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")))
with open("fuzz/corpus/import_workbook/sheet1_only.xml", "wb") as f:
    f.write(sheet)
if "xl/sharedStrings.xml" in names:
    with open("fuzz/corpus/import_workbook/sheet1_and_strings.xml", "wb") as f:
        f.write(sheet + b"\xff" + z.read("xl/sharedStrings.xml"))
PY
}
seed scenario_json || cp tests/data/scenario_small.json fuzz/corpus/scenario_json/
seed import_summary || cp tests/data/summary_*.csv fuzz/corpus/import_summary/
seed scenario_link || python3 - <<'PY'
import base64, json
text = open("tests/data/scenario_small.json", "rb").read()
compact = json.dumps(json.loads(text), separators=(",", ":")).encode()
with open("fuzz/corpus/scenario_link/scenario_small.link", "wb") as f:
    f.write(base64.urlsafe_b64encode(compact).rstrip(b"="))
PY

# The flags of `cargo fuzz build -O --sanitizer none` (cargo-fuzz 0.12):
# SanitizerCoverage's counters, PC table and comparison tracing for
# libFuzzer, and `--cfg fuzzing`. Debug assertions: fuzz/Cargo.toml. The
# target is named so that the flags miss build scripts and proc macros.
triple="$(rustc -vV | sed -n 's/^host: //p')"
target_dir="${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}"
target_dir="${target_dir:-fuzz/target}"
say "building the fuzz targets (stable toolchain, coverage instrumentation)"
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing" \
  cargo build --release --manifest-path fuzz/Cargo.toml --target-dir "$target_dir" \
  --target "$triple" --bins

for t in "${targets[@]}"; do
  say "fuzzing $t (${budget[*]})"
  mkdir -p "fuzz/artifacts/$t"
  start=$(date +%s)
  "$target_dir/$triple/release/$t" "fuzz/corpus/$t" "${budget[@]}" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/"
  say "$t: $(( $(date +%s) - start )) s"
done
