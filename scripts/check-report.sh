#!/usr/bin/env bash
# Renders a `review` HTML report in headless Chromium and checks that it loads cleanly:
#   - no console message (a script error, a CSP or parse complaint: the report has no script, so any is wrong);
#   - no network request made by the page (read from Chromium's net log; host names are also made unresolvable);
#   - every section and all five figures are in the rendered DOM;
# then saves a screenshot (PNG) and a print to PDF, for a person to look at.
#
# Usage: scripts/check-report.sh [REPORT.html] [OUTPUT-DIR]      (defaults: docs/figures/report.html, .build/check-report)
#        scripts/check-report.sh --self-test                     (checks that the checks catch a broken page)
# Needs: the Debian package chromium (scripts/bootstrap.sh installs it) and python3 (reads the net log).
# Exit: 0 clean; 1 a check failed; 2 chromium or python3 missing.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-report: chromium not found; install the Debian package chromium (scripts/bootstrap.sh)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "check-report: python3 not found" >&2; exit 2; }

# render REPORT OUTDIR: writes dom.html, console.log, net.json, report.png, report.pdf under OUTDIR.
render() {
  local report=$1 out=$2 profile url
  mkdir -p "$out"
  profile=$(mktemp -d)
  url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
  # No sandbox (containers run as root); quiet background services so the net log holds the page's requests only.
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check --user-data-dir="$profile"
    --hide-scrollbars --disable-background-networking --disable-component-update --disable-sync --disable-default-apps
    --host-resolver-rules="MAP * ~NOTFOUND" --enable-logging=stderr --v=0)
  timeout 120 "$browser" "${flags[@]}" --log-net-log="$out/net.json" --virtual-time-budget=5000 --dump-dom "$url" \
    >"$out/dom.html" 2>"$out/console.log"
  timeout 120 "$browser" "${flags[@]}" --window-size=1280,1800 --screenshot="$out/report.png" "$url" >/dev/null 2>>"$out/console.log"
  timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" >/dev/null 2>>"$out/console.log"
  rm -rf "$profile"
}

# check OUTDIR: prints each problem, returns 1 if any.
check() {
  local out=$1 failed=0 console
  console=$(grep -E 'CONSOLE(\(|:)[0-9]*\]' "$out/console.log" || true)
  if [ -n "$console" ]; then echo "console messages:"; echo "$console"; failed=1; fi
  if ! python3 - "$out/net.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
requests = sorted({e["params"]["url"] for e in log["events"]
                   if names.get(e["type"]) == "URL_REQUEST_START_JOB"
                   and "file://" in str(e["params"].get("network_isolation_key", ""))
                   and not e["params"]["url"].startswith(("file:", "data:", "about:"))})
for url in requests:
    print("network request by the page:", url)
sys.exit(1 if requests else 0)
PY
  then failed=1; fi
  for id in summary prisma casp barriers facilitators map matrix agreement notes provenance \
            figure-prisma figure-casp figure-map figure-matrix-comb figure-matrix-study; do
    grep -q "id=\"$id\"" "$out/dom.html" || { echo "missing in the rendered page: #$id"; failed=1; }
  done
  local svgs; svgs=$(grep -o '<svg ' "$out/dom.html" | wc -l)
  [ "$svgs" -eq 5 ] || { echo "expected 5 inline SVG figures, found $svgs"; failed=1; }
  [ -s "$out/report.png" ] || { echo "no screenshot"; failed=1; }
  [ -s "$out/report.pdf" ] || { echo "no PDF"; failed=1; }
  return $failed
}

if [ "${1:-}" = "--self-test" ]; then
  # A page with a script error, a console message and a remote image must fail every check it can.
  dir=$(mktemp -d)
  printf '%s\n' '<!DOCTYPE html><html><head><title>broken</title></head><body>' \
    '<img src="http://example.invalid/x.png" alt=""/><script>console.log("hello"); throw new Error("boom");</script></body></html>' >"$dir/broken.html"
  render "$dir/broken.html" "$dir/out"
  if result=$(check "$dir/out"); then echo "check-report self-test: a broken page passed" >&2; rm -rf "$dir"; exit 1; fi
  for expected in 'Uncaught Error: boom' 'network request by the page: http://example.invalid/x.png' 'missing in the rendered page: #casp'; do
    grep -qF "$expected" <<<"$result" || { echo "check-report self-test: not reported: $expected" >&2; rm -rf "$dir"; exit 1; }
  done
  rm -rf "$dir"
  echo "check-report self-test: ok (script errors, network requests and missing figures are caught)"
  exit 0
fi

report=${1:-docs/figures/report.html}
out=${2:-.build/check-report}
[ -f "$report" ] || { echo "check-report: no such file: $report" >&2; exit 1; }
render "$report" "$out"
if check "$out"; then
  pages=$(grep -a -o '/Count [0-9]*' "$out/report.pdf" | awk '{print $2}' | sort -n | tail -1)
  echo "check-report: $report loads without console messages or network requests; all figures present"
  echo "check-report: screenshot $out/report.png, PDF $out/report.pdf ($pages pages)"
else
  echo "check-report: $report failed (details above; output in $out)" >&2
  exit 1
fi
