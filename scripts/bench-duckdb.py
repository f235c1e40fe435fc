#!/usr/bin/env python3
"""Times review's group-by and sort-by against DuckDB on the same data and prints the ratios.

review-bench generates the synthetic workspace (docs/benchmarks.md), writes it as CSV (--export-csv) and
times its own plans; this script loads those CSV files into DuckDB (in memory), times the same queries
there, and prints DuckDB's median over review's for each case. The target (issue 8) is a ratio of at
least 2 for `group by domain` and the sorts, with a release build of review-bench.

DuckDB comes from PyPI (`pip install duckdb`) and is used only here, never by review itself.

    swift build -c release --scratch-path .build-bench --product review-bench
    python3 scripts/bench-duckdb.py                       # 1,000,000 quotes
    python3 scripts/bench-duckdb.py --quotes 100000 --runs 10
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import duckdb
except ImportError:  # pragma: no cover - a clear message instead of a traceback
    sys.exit("bench-duckdb: DuckDB is not installed; run: pip install duckdb")

# review-bench case name -> (DuckDB query, what is fetched). Each SQL query gives what review's plan gives:
# the groups with their counts, or the quote ids in order (ties in id order, as review keeps store order).
CASES = {
    "group-domain": "SELECT domain, count(*) FROM quotes GROUP BY domain",
    "group-domain-dir": "SELECT domain, direction, count(*) FROM quotes GROUP BY domain, direction",
    "group-filtered": "SELECT domain, count(*) AS n FROM quotes WHERE direction = 'barrier' GROUP BY domain ORDER BY n DESC",
    "sort-domain": "SELECT id FROM quotes ORDER BY domain NULLS LAST, id",
    "sort-study-year": "SELECT q.id FROM quotes q LEFT JOIN studies s ON q.study = s.id ORDER BY s.year DESC NULLS FIRST, q.id",
}
TARGETS = {"group-domain": 2.0, "sort-domain": 2.0, "sort-study-year": 2.0}


def run_review_bench(binary, quotes, runs, warmup, directory):
    """Runs review-bench on the cases, exporting its data to `directory`; returns {case: median ms}."""
    command = [binary, "--quotes", str(quotes), "--runs", str(runs), "--warmup", str(warmup), "--export-csv", directory,
               "--only", ",".join(CASES), "--no-files", "--no-startup", "--no-snapshot", "--no-fail"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    medians = {}
    for line in output.splitlines():
        if line.startswith("build"):
            print("# review-bench " + line.split(None, 1)[1])
            if "config=debug" in line:
                print("# warning: a debug build of review-bench; the ratios are meaningless (build with -c release)")
        match = re.match(r"case (\S+)\s+\d+\s+([\d.]+)\s", line)
        if match and match.group(1) in CASES:
            medians[match.group(1)] = float(match.group(2))
    return medians


def time_duckdb(connection, query, runs, warmup):
    """Median wall milliseconds of running `query` and fetching its result as arrays."""
    samples = []
    for run in range(warmup + runs):
        start = time.perf_counter()
        connection.execute(query).fetchnumpy()
        if run >= warmup:
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--bench", default=".build-bench/release/review-bench", help="the review-bench binary")
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: DuckDB's default, every core)")
    arguments = parser.parse_args()
    if not os.access(arguments.bench, os.X_OK):
        sys.exit(f"bench-duckdb: no review-bench at {arguments.bench}; "
                 "build it: swift build -c release --scratch-path .build-bench --product review-bench")

    directory = tempfile.mkdtemp(prefix="review-duckdb-")
    try:
        review = run_review_bench(arguments.bench, arguments.quotes, arguments.runs, arguments.warmup, directory)
        connection = duckdb.connect()
        if arguments.threads:
            connection.execute(f"SET threads = {arguments.threads}")
        start = time.perf_counter()
        connection.execute(f"""CREATE TABLE quotes AS
            SELECT CAST(substr(id, 2) AS INTEGER) AS id, text, direction, component, domain, subtheme, study, reference, page
            FROM read_csv('{directory}/quotes.csv', header = true, all_varchar = true)""")
        connection.execute(f"""CREATE TABLE studies AS
            SELECT id, CAST(year AS INTEGER) AS year FROM read_csv('{directory}/studies.csv', header = true, all_varchar = true)""")
        loaded = connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
        threads = connection.execute("SELECT current_setting('threads')").fetchone()[0]
        print(f"# duckdb {duckdb.__version__} threads={threads} quotes={loaded} load_seconds={time.perf_counter() - start:.1f}")
        if loaded != arguments.quotes:
            sys.exit(f"bench-duckdb: DuckDB loaded {loaded} quotes, review-bench generated {arguments.quotes}")
        print("# case               review_ms   duckdb_ms   ratio  target  result")
        failed = False
        for name, query in CASES.items():
            duck = time_duckdb(connection, query, arguments.runs, arguments.warmup)
            ours = review.get(name)
            if ours is None:
                print(f"{name:<20} {'-':>9}  {duck:>10.3f}       -       -  MISSING")
                failed = True
                continue
            ratio = duck / ours if ours > 0 else float("inf")
            target = TARGETS.get(name)
            result = "-" if target is None else ("PASS" if ratio >= target else "FAIL")
            failed = failed or result == "FAIL"
            print(f"{name:<20} {ours:>9.3f}  {duck:>10.3f}  {ratio:>6.1f}  {target or '-':>6}  {result}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
