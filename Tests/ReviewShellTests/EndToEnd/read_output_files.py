#!/usr/bin/env python3
"""Independent reader for files `review` writes for other tools (issue 10): a robvis table and result files.

Usage: read_output_files.py robvis FILE.csv | csv FILE.csv | tsv FILE.tsv | jsonlines FILE.json

Reads the file with Python's csv / json modules and pandas (not with review's own code) and prints one JSON
object on stdout: what the file holds as these readers see it, so the Swift test can compare it with the
workspace. For robvis the layout robvis expects is checked here too: first column Study, then D1..Dn,
then Overall, then an optional numeric Weight (McGuinness & Higgins 2021, robvis documentation), and
every judgement one of robvis's words.
"""
import csv
import io
import json
import sys

import pandas as pd

ROBVIS_JUDGEMENTS = {"Low", "Some concerns", "High", "Critical", "No information"}


def robvis(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    problems = []
    if header[0] != "Study":
        problems.append("first column is %r, not Study" % header[0])
    weighted = header[-1] == "Weight"
    overall_index = len(header) - (2 if weighted else 1)
    if header[overall_index] != "Overall":
        problems.append("column %d is %r, not Overall" % (overall_index, header[overall_index]))
    domains = header[1:overall_index]
    if domains != ["D%d" % (i + 1) for i in range(len(domains))]:
        problems.append("domain columns are %r" % domains)
    for row in body:
        if len(row) != len(header):
            problems.append("row %r has %d cells" % (row[0], len(row)))
        for cell in row[1:overall_index + 1]:
            if cell not in ROBVIS_JUDGEMENTS:
                problems.append("%r is not a robvis judgement" % cell)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    if weighted and not pd.api.types.is_numeric_dtype(frame["Weight"]):
        problems.append("Weight is not numeric to pandas (%s)" % frame["Weight"].dtype)
    return {
        "bom": raw.startswith(b"\xef\xbb\xbf"),
        "crlf": b"\r\n" in raw,
        "header": header,
        "rows": body,
        "pandas_columns": list(frame.columns),
        "pandas_rows": int(frame.shape[0]),
        "weights": [float(w) for w in frame["Weight"]] if weighted else [],
        "problems": problems,
    }


def delimited(path, delimiter):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    frame = pd.read_csv(path, sep=delimiter, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return {
        "bom": raw.startswith(b"\xef\xbb\xbf"),
        "header": rows[0] if rows else [],
        "rows": rows[1:],
        "pandas_columns": list(frame.columns),
        "pandas_rows": int(frame.shape[0]),
        "problems": [],
    }


def jsonlines(path):
    lines = [line for line in open(path, encoding="utf-8").read().split("\n") if line]
    documents = [json.loads(line) for line in lines]
    frame = pd.read_json(path, lines=True)
    return {"documents": documents, "pandas_rows": int(frame.shape[0]), "problems": []}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "robvis":
        out = robvis(path)
    elif kind == "csv":
        out = delimited(path, ",")
    elif kind == "tsv":
        out = delimited(path, "\t")
    else:
        out = jsonlines(path)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
