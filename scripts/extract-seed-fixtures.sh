#!/usr/bin/env bash
# Maintenance only (never run by the build or the tests): copies the facts the tests check against from the
# project's shared reference folder into Tests/ReviewKitTests/Fixtures/Seed, so a clone passes on its own.
#   seed-tables.md      every table row of the seed review (Tables 1-4: search terms, CASP scores, barriers and
#                       facilitators with their verbatim participant quotes)
#   seed-citations.txt  every citation locator "(N)" or "(N), p. X" the seed's text gives, one per line
#   tdf-domains.md      the TDF v2 domain table of the framework facts (Cane et al. 2012 definitions, constructs)
# Usage: scripts/extract-seed-fixtures.sh [SHARED_DIR]   (default: ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=Tests/ReviewKitTests/Fixtures/Seed
seed="$shared/seed/000_4278ab4cc17a081b.txt"
grep '^|' "$seed" > "$out/seed-tables.md"
grep -oE '\([0-9]+\)(, pp?\. ?[0-9]+([-–][0-9]+)?)?' "$seed" | sort -u > "$out/seed-citations.txt"
grep -E '^\| ([0-9]+|#) \|' "$shared/reference/framework-and-statistics-facts.md" > "$out/tdf-domains.md"
