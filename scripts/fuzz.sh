#!/usr/bin/env bash
# Long fuzz campaign: scripts/fuzz.sh [--minutes N] [--seed S] [--target NAME]… [--corpus DIR]
# Runs review-fuzz until the time is up; when a trap or a hang ends it, the input that did it (left in the
# in-flight file) is saved into Tests/ReviewFuzzTests/Corpus/<target>/ as crash-… or hang-…, and the campaign
# goes on with the next seed. Findings that do not end the process are saved by review-fuzz itself.
# The corpus is replayed by `swift test --filter FuzzHarnessTests` (fix the cause, keep the file).
set -u
cd "$(dirname "$0")/.."
minutes=10
seed=$(date +%s)
targets=()
corpus=Tests/ReviewFuzzTests/Corpus
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --target) targets+=(--target "$2"); shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--minutes N] [--seed S] [--target NAME]…" >&2; exit 2 ;;
  esac
done
# REVIEW_FUZZ_BINARY runs a copy built earlier (so the campaign does not hold the build folder's binary).
if [ -n "${REVIEW_FUZZ_BINARY:-}" ]; then
  binary=$REVIEW_FUZZ_BINARY
else
  swift build --product review-fuzz >/dev/null || exit 2
  binary="$(swift build --show-bin-path)/review-fuzz"
fi
state=${REVIEW_FUZZ_STATE:-.build/fuzz}
mkdir -p "$state"
end=$(( $(date +%s) + ${minutes%.*} * 60 ))
status=0
while [ "$(date +%s)" -lt "$end" ]; do
  left=$(( end - $(date +%s) ))
  "$binary" --seed "$seed" --minutes "$(awk "BEGIN{print $left/60}")" --state "$state" --corpus "$corpus" "${targets[@]}"
  code=$?
  if [ $code -eq 0 ]; then break; fi
  if [ $code -eq 1 ]; then status=1; break; fi
  kind=crash; [ $code -eq 86 ] && kind=hang
  for file in "$state"/inflight-*; do
    [ -s "$file" ] || continue
    name=${file##*/inflight-}
    mkdir -p "$corpus/$name"
    hash=$(sha1sum "$file" | cut -c1-16)
    mv "$file" "$corpus/$name/$kind-$hash.input"
    echo "fuzz: $kind (exit $code) in $name; input saved as $corpus/$name/$kind-$hash.input" >&2
    status=1
  done
  seed=$(( seed + 1 ))
done
exit $status
