#!/usr/bin/env bash
# Renders a `review` HTML report in headless Chromium and checks that it loads cleanly:
#   - no console message (a script error, a CSP or parse complaint: the report has no script, so any is wrong);
#   - no network request made by the page (read from Chromium's net log; host names are also made unresolvable);
#   - every section and all five figures are in the rendered DOM;
#   - the Summary of Qualitative Findings (#soqf) and the CERQual Evidence Profile have rows, and every explanation
#     begins with the pre-filled sentence in the published wording (Lewin et al. 2018; iSoQ): "<Level> concerns regarding
#     methodological limitations, <level> … coherence, <level> … adequacy, and <level> … relevance.", every Evidence
#     Profile cell "<Level> concerns regarding <component>[ because …]" — so the report must hold assessed findings;
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
  for id in summary prisma casp barriers facilitators map matrix findings domains agreement notes provenance \
            figure-prisma figure-casp figure-map figure-matrix-comb figure-matrix-study soqf evidence-profile domain-importance; do
    grep -q "id=\"$id\"" "$out/dom.html" || { echo "missing in the rendered page: #$id"; failed=1; }
  done
  if ! python3 - "$out/dom.html" <<'PY'
import re, sys
from html.parser import HTMLParser

class Tables(HTMLParser):
    """Cell texts of the body rows of every table with an id."""
    def __init__(self):
        super().__init__()
        self.tables, self.current, self.in_body, self.cell = {}, None, False, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = attrs.get("id")
            if self.current: self.tables[self.current] = []
        elif tag == "tbody": self.in_body = True
        elif tag == "tr" and self.current and self.in_body: self.tables[self.current].append([])
        elif tag == "td" and self.current and self.in_body: self.cell = []
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.tables[self.current][-1].append("".join(self.cell).strip()); self.cell = None
        elif tag == "tbody": self.in_body = False
        elif tag == "table": self.current = None
    def handle_data(self, data):
        if self.cell is not None: self.cell.append(data)

parser = Tables()
parser.feed(open(sys.argv[1], encoding="utf-8").read())
level = r"(no or very minor|minor|moderate|serious) concerns"
summary = re.compile(r"^(No or very minor|Minor|Moderate|Serious) concerns regarding methodological limitations, "
                     rf"{level} regarding coherence, {level} regarding adequacy, and {level} regarding relevance\.( |$)")
problems = []
soqf = parser.tables.get("soqf", [])
if not [row for row in soqf if len(row) == 5 and row[3] != "not yet judged"]:
    problems.append("the Summary of Qualitative Findings (#soqf) has no rows: the report holds no assessed finding")
for row in soqf:
    if len(row) != 5: problems.append(f"SoQF row with {len(row)} cells, expected 5: {row}"); continue
    if row[3] == "not yet judged": continue  # an assessment in progress has no summary sentence yet
    if not summary.match(row[4]): problems.append(f"SoQF explanation not in the published wording: {row[4]!r}")
    if not re.fullmatch(r"(high|moderate|low|very low) confidence", row[3]): problems.append(f"SoQF confidence: {row[3]!r}")
profile = parser.tables.get("evidence-profile", [])
if len(profile) != len(soqf): problems.append(f"the Evidence Profile has {len(profile)} rows, the SoQF {len(soqf)}")
components = ["methodological limitations", "coherence", "adequacy", "relevance"]
for row in profile:
    if len(row) != 8: problems.append(f"Evidence Profile row with {len(row)} cells, expected 8: {row}"); continue
    for component, cell in zip(components, row[2:6]):
        if cell == "not yet judged": continue
        if not re.match(rf"^(No or very minor|Minor|Moderate|Serious) concerns regarding {component}( because .+)?$", cell, re.S):
            problems.append(f"Evidence Profile {component}: not in the published wording: {cell!r}")
for problem in problems: print(problem)
sys.exit(1 if problems else 0)
PY
  then failed=1; fi
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
  for expected in 'Uncaught Error: boom' 'network request by the page: http://example.invalid/x.png' 'missing in the rendered page: #casp' \
                  'the Summary of Qualitative Findings (#soqf) has no rows'; do
    grep -qF "$expected" <<<"$result" || { echo "check-report self-test: not reported: $expected" >&2; rm -rf "$dir"; exit 1; }
  done
  # A Summary of Qualitative Findings whose explanation is not in the published wording (older "substantial" scale).
  mkdir -p "$dir/wording"
  printf '%s\n' '<!DOCTYPE html><html><head><title>wording</title></head><body><table id="soqf"><tbody><tr><td>1</td><td>F1 finding</td>' \
    '<td>ref 35</td><td>moderate confidence</td><td>Substantial concerns regarding methodological limitations, minor concerns regarding coherence, minor concerns regarding adequacy, and minor concerns regarding relevance.</td></tr></tbody></table>' \
    '<table id="evidence-profile"><tbody><tr><td>F1</td><td>ref 35</td><td>Substantial concerns regarding methodological limitations</td><td>Minor concerns regarding coherence</td>' \
    '<td>Minor concerns regarding adequacy</td><td>Minor concerns regarding relevance</td><td>moderate</td><td>…</td></tr></tbody></table></body></html>' >"$dir/wording/wording.html"
  render "$dir/wording/wording.html" "$dir/wording/out"
  result=$(check "$dir/wording/out" || true)
  for expected in 'SoQF explanation not in the published wording' 'Evidence Profile methodological limitations: not in the published wording'; do
    grep -qF "$expected" <<<"$result" || { echo "check-report self-test: not reported: $expected" >&2; rm -rf "$dir"; exit 1; }
  done
  rm -rf "$dir"
  echo "check-report self-test: ok (script errors, network requests, missing figures and CERQual wording are caught)"
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
