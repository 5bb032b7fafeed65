#!/usr/bin/env bash
# Fuzzes the readers of hostile input with cargo-fuzz (libFuzzer): text
# import, workbook import, the scenario file, the scenario link and the
# customer summary. Installs what is missing (the nightly toolchain,
# cargo-fuzz), each only if absent,
# seeds each corpus from tests/data/, then runs the targets one after the
# other (the machine has two cores).
#
#   scripts/fuzz.sh                      30 s per target (CI)
#   scripts/fuzz.sh 600                  600 s per target
#   scripts/fuzz.sh -runs=1000000        a number of inputs per target
#   scripts/fuzz.sh 60 scenario_json     only the targets named
#
# A crash leaves its input in fuzz/artifacts/TARGET/ and stops the script;
# turn it into a regression test in tests/ named after what it found.
# FUZZ_SANITIZER=address builds with AddressSanitizer (the app forbids
# `unsafe`, so the default is none: twice the inputs per second).
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

if ! rustup toolchain list | grep '^nightly' >/dev/null; then
  say "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

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

target_dir="${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}"
target_dir="${target_dir:-fuzz/target}"
for t in "${targets[@]}"; do
  case "$t" in
    import_text | import_workbook) max_len=4096 ;;
    *) max_len=4096 ;;
  esac
  # Debug assertions catch overflow in our code, except for the workbook
  # target: calamine 0.38 multiplies without a check while parsing a damaged
  # <dimension ref> (a debug-build panic; the release build the app ships
  # refuses such a file with "Expecting alphanumeric character"), which
  # would stop every run there.
  asserts=(-a)
  [ "$t" != import_workbook ] || asserts=()
  say "fuzzing $t (${budget[*]})"
  start=$(date +%s)
  cargo +nightly fuzz run --fuzz-dir fuzz --target-dir "$target_dir" -O "${asserts[@]}" \
    --sanitizer "${FUZZ_SANITIZER:-none}" "$t" -- \
    "${budget[@]}" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
  say "$t: $(( $(date +%s) - start )) s"
done
