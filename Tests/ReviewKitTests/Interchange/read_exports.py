#!/usr/bin/env python3
"""Independent reader of `review`'s findings and GRADE-CERQual exports (SynthesisExportTests runs it).

Reads the three exports with the tools an analyst would use -- json + pandas for the JSON document,
sqlite3 + pandas.read_sql for the database, pandas.read_csv for the CSV folder -- and prints, as JSON:

  - for each format, the rows of findings, finding_subthemes, finding_sources and cerqual as pandas
    read them, with the dtype pandas gives each column (so typed values are checked: counts int64,
    `written` bool in JSON and CSV, levels as text, unknown as NaN/None);
  - the figures of every finding computed here from the exported quotes and studies (a second
    implementation): quotes, words (whitespace-separated tokens holding a letter or digit), the distinct
    sources (a quote's study; else the study carrying its reference number; else the bare reference
    number) and quotes with neither;
  - the database's user_version, PRAGMA foreign_key_check and its two views.

Usage: python3 read_exports.py REVIEW.json REVIEW.sqlite CSV-FOLDER
Exit 3 when pandas is missing (pip install pandas; scripts/bootstrap.sh installs it).
"""
import json
import math
import sqlite3
import sys

try:
    import pandas as pd
except ImportError:
    print("pandas is missing: pip install pandas", file=sys.stderr)
    sys.exit(3)

TABLES = ["findings", "finding_subthemes", "finding_sources", "cerqual"]


def plain(value):
    """A pandas cell as JSON: NaN/None -> None, numpy scalars -> Python values."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def frame(df):
    return {
        "columns": list(df.columns),
        "dtypes": {column: str(dtype) for column, dtype in df.dtypes.items()},
        "rows": [{column: plain(value) for column, value in row.items()} for row in df.to_dict("records")],
    }


def words(text):
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def main(json_path, sqlite_path, csv_folder):
    with open(json_path, encoding="utf-8") as handle:
        document = json.load(handle)
    out = {"json_version": document["version"], "formats": {}}

    # JSON: the nested lists become link tables the same shape as the others.
    findings = pd.DataFrame(document["findings"])
    themes = pd.DataFrame([{"finding": f["finding"], "position": i + 1, "subtheme": t}
                           for f in document["findings"] for i, t in enumerate(f["subthemes"])],
                          columns=["finding", "position", "subtheme"])
    out["formats"]["json"] = {
        "findings": frame(findings.drop(columns=["subthemes", "studies", "references"]) if len(findings) else findings),
        "finding_subthemes": frame(themes),
        "finding_sources": {"rows": [{"finding": f["finding"], "studies": f["studies"], "references": f["references"]}
                                     for f in document["findings"]]},
        "cerqual": frame(pd.DataFrame(document["cerqual"])),
    }

    connection = sqlite3.connect(sqlite_path)
    out["user_version"] = connection.execute("PRAGMA user_version").fetchone()[0]
    out["foreign_key_check"] = [list(row) for row in connection.execute("PRAGMA foreign_key_check").fetchall()]
    out["formats"]["sqlite"] = {name: frame(pd.read_sql(f"SELECT * FROM {name} ORDER BY rowid", connection)) for name in TABLES}
    out["views"] = {name: frame(pd.read_sql(f"SELECT * FROM {name}", connection)) for name in ["summary_of_findings", "evidence_profile"]}
    connection.close()

    out["formats"]["csv"] = {name: frame(pd.read_csv(f"{csv_folder}/{name}.csv", encoding="utf-8")) for name in TABLES}

    # A second implementation of each finding's figures, from the JSON export's quotes and studies and the
    # finding -> sub-theme links.
    by_reference = {}
    for study in document["studies"]:
        if study["reference"] is not None and study["reference"] not in by_reference:
            by_reference[study["reference"]] = study["id"]
    links = {}
    for f in document["findings"]:
        links[f["finding"]] = f["subthemes"]
    computed = {}
    for finding, subthemes in links.items():
        quotes = [q for q in document["quotes"] if q["subtheme"] in set(subthemes)]
        studies, references, unattributed = [], [], 0
        for q in quotes:
            if q["study"] is not None:
                source = ("study", q["study"])
            elif q["reference"] is not None and q["reference"] in by_reference:
                source = ("study", by_reference[q["reference"]])
            elif q["reference"] is not None:
                source = ("reference", q["reference"])
            else:
                unattributed += 1
                continue
            (studies if source[0] == "study" else references).append(source[1])
        computed[finding] = {
            "quotes": len(quotes),
            "words": sum(words(q["text"]) for q in quotes),
            "studies": sorted(set(studies)),
            "references": sorted(set(references)),
            "sources": len(set(studies)) + len(set(references)),
            "unattributed_quotes": unattributed,
        }
    out["computed"] = computed
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
