#!/usr/bin/env bash
# Installs what `review` needs to build and test on a Debian-based machine, when it is missing.
# Safe to run again: it installs nothing that is already there.
#   Debian: libedit-dev (line-editing headers) and libedit2 (loaded by the line editor at run time),
#           libsqlite3-0 (loaded by the SQLite export at run time), libsqlite3-dev (GRDB, which the tests read exports with),
#           sqlite3 (export tests), pkg-config,
#           zlib1g-dev (ZIPFoundation, for REFI-QDA .qdpx archives), libxml2 (read at run time by import qdpx and
#           import codebook: review opens libxml2.so.2 with dlopen at the first XML file, nothing links it),
#           tmux (terminal tests), chromium and fonts-dejavu-core (the HTML report is checked in a real browser).
#   PyPI:   the independent reference implementations the tests compare figures with (never used by the product):
#           numpy, scipy, statsmodels (kappa), krippendorff and irrCAC (agreement), pandas (CSV/JSON read-back),
#           xmlschema (REFI-QDA schema validation), jsonschema (command JSON output against docs/schemas).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

needed=(libedit-dev libedit2 pkg-config libsqlite3-0 libsqlite3-dev sqlite3 zlib1g-dev libxml2 tmux chromium fonts-dejavu-core python3 python3-pip)
missing=()
for package in "${needed[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# A python3 from elsewhere (pyenv) with pip is as good as Debian's.
if command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
  missing=("${missing[@]/python3-pip}"); missing=("${missing[@]/python3}")
fi
read -r -a missing <<<"${missing[*]:-}"
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python_packages=(numpy scipy statsmodels krippendorff irrCAC pandas xmlschema jsonschema)
if ! python3 - "${python_packages[@]}" <<'PY' 2>/dev/null
import importlib.metadata, sys
for name in sys.argv[1:]:
    importlib.metadata.version(name)
PY
then
  echo "bootstrap: installing Python reference packages: ${python_packages[*]}" >&2
  python3 -m pip install -q --disable-pip-version-check "${python_packages[@]}" 2>/dev/null \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages "${python_packages[@]}"
fi

command -v swift >/dev/null 2>&1 || [ -x /opt/swift/usr/bin/swift ] || { echo "bootstrap: Swift 6 toolchain not found (expected on PATH or in /opt/swift)" >&2; exit 1; }
