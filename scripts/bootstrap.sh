#!/usr/bin/env bash
# Installs what `review` needs to build and test on a Debian-based machine, when it is missing:
# libedit-dev (line editing), pkg-config (finds libedit), libsqlite3-dev (GRDB), sqlite3 (export tests), tmux (terminal test).
# Safe to run again: it installs nothing that is already there.
set -euo pipefail
needed=(libedit-dev pkg-config libsqlite3-dev sqlite3 tmux)
missing=()
for package in "${needed[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || [ -x /opt/swift/usr/bin/swift ] || { echo "bootstrap: Swift 6 toolchain not found (expected on PATH or in /opt/swift)" >&2; exit 1; }
