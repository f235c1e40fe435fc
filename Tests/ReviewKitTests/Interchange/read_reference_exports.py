#!/usr/bin/env python3
"""Independent reader of the references and tags in `review`'s exports (run by ReferenceExportTests).

    python3 read_reference_exports.py review.json review.db csv-folder

Reads the JSON export with the `json` module, the SQLite export with `sqlite3` (tables studies, study_authors,
study_keywords, quote_tags) and studies.csv / quotes.csv with the `csv` module, splitting list cells as
docs/formats.md says (items separated by "; ", a ';' or '\\' inside an item, and white space at either end
of an item, written with a backslash before it). Prints one JSON document: for each export, the studies' authors, keywords, doi and journal by study id
and the quotes' tags by quote id, so the Swift test can compare them with the workspace.
"""

import csv
import json
import sqlite3
import sys


def split_list(cell):
    """Items at unescaped ';'; unescaped white space at either end of an item dropped; empty items left out."""
    items, current, escaping = [], [], False

    def finish():
        start, end = 0, len(current)
        while start < end and not current[start][1] and current[start][0].isspace():
            start += 1
        while end > start and not current[end - 1][1] and current[end - 1][0].isspace():
            end -= 1
        if start < end:
            items.append("".join(ch for ch, _ in current[start:end]))
        current.clear()

    for ch in cell:
        if escaping:
            current.append((ch, True))
            escaping = False
        elif ch == "\\":
            escaping = True
        elif ch == ";":
            finish()
        else:
            current.append((ch, False))
    if escaping:
        current.append(("\\", True))
    finish()
    return items


def from_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    studies = {s["id"]: {"authors": s["authors"], "keywords": s["keywords"], "doi": s["doi"], "journal": s["journal"]} for s in data["studies"]}
    tags = {str(q["id"]): q["tags"] for q in data["quotes"] if q["tags"]}
    return {"studies": studies, "tags": tags}


def from_sqlite(path):
    db = sqlite3.connect(path)
    studies = {}
    for sid, doi, journal in db.execute("SELECT id, doi, journal FROM studies ORDER BY position"):
        authors = [r[0] for r in db.execute("SELECT name FROM study_authors WHERE study = ? ORDER BY position", (sid,))]
        keywords = [r[0] for r in db.execute("SELECT keyword FROM study_keywords WHERE study = ? ORDER BY position", (sid,))]
        studies[sid] = {"authors": authors, "keywords": keywords, "doi": doi, "journal": journal}
    tags = {}
    for quote, tag in db.execute("SELECT quote, tag FROM quote_tags ORDER BY quote, position"):
        tags.setdefault(str(quote), []).append(tag)
    return {"studies": studies, "tags": tags}


def from_csv(folder):
    studies = {}
    with open(folder + "/studies.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            studies[row["id"]] = {"authors": split_list(row["authors"]), "keywords": split_list(row["keywords"]),
                                  "doi": row["doi"] or None, "journal": row["journal"] or None}
    tags = {}
    with open(folder + "/quotes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["tags"]:
                tags[row["id"].lstrip("Q")] = split_list(row["tags"])
    return {"studies": studies, "tags": tags}


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: read_reference_exports.py review.json review.db csv-folder", file=sys.stderr)
        sys.exit(2)
    print(json.dumps({"json": from_json(sys.argv[1]), "sqlite": from_sqlite(sys.argv[2]), "csv": from_csv(sys.argv[3])}, ensure_ascii=False))
