#!/usr/bin/env python3
"""Reads PRISMA2020 template CSV files the way R and the PRISMA2020 package do, independently of the Swift code.

For each file in Fixtures/ named below, this emulates
  data <- read.csv(file)            # the string "NA" is a missing value in every column
  PRISMA_data(data)                 # package PRISMA2020, R/PRISMA_data.R and R/utils.R
where each box's number is  data[grep(KEY, data[, 1]), ]$n  passed through PRISMA_format_number_
(gsub(",", ""), gsub("[^0-9.]", ""), as.numeric), and each list ("Name, n; Name, n") through
PRISMA_parse_reasons_ (strsplit on "(;)( )?", the name is gsub(",.*$", ""), the number is
gsub(".*?,([ 0-9,]*)|.*()", "\\1") then PRISMA_format_number_). Source: github.com/prisma-flowdiagram/PRISMA2020.

Writes Fixtures/prisma-template-reference.json. Run after the Swift tests have written the CSV files:
  python3 Tests/ReviewKitTests/Visuals/reference_prisma.py
"""
import csv
import json
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "Fixtures")
FILES = ["prisma-synthetic.csv", "prisma-shaw-2025.csv"]
BOXES = ["previous_studies", "previous_reports", "database_results", "register_results", "website_results",
         "organisation_results", "citations_results", "duplicates", "excluded_automatic", "excluded_other",
         "records_screened", "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports",
         "other_sought_reports", "other_notretrieved_reports", "dbr_assessed", "other_assessed",
         "new_studies", "new_reports", "total_studies$", "total_reports$"]
LISTS = ["database_specific_results", "register_specific_results", "dbr_excluded", "other_excluded"]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header == ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"], header
    return [{k: (None if v == "NA" else v) for k, v in zip(header, row)} for row in body]


def grep(data, pattern):
    hits = [row for row in data if row["data"] is not None and re.search(pattern, row["data"])]
    assert len(hits) == 1, (pattern, len(hits))
    return hits[0]["n"]


def format_number(x):
    if x is None:
        return None
    x = re.sub("[^0-9.]", "", x.replace(",", ""))
    return float(x) if x else None


def parse_reasons(text):
    if text is None or text == "":
        return []
    parts = re.split(r"(;)( )?", text)
    # re.split keeps the groups; R's strsplit does not: keep every third piece.
    parts = parts[0::3]
    out = []
    for part in parts:
        name = re.sub(r",.*$", "", part)
        number = format_number(re.sub(r".*?,([ 0-9,]*)|.*()", lambda m: m.group(1) or "", part))
        out.append([name, None if number is None or math.isnan(number) else str(int(number))])
    return out


def main():
    results = []
    for name in FILES:
        data = read_csv(os.path.join(FIXTURES, name))
        boxes = {key.rstrip("$"): format_number(grep(data, key)) for key in BOXES}
        lists = {key: parse_reasons(grep(data, key)) for key in LISTS}
        results.append({"file": name, "boxes": boxes, "lists": lists})
    with open(os.path.join(FIXTURES, "prisma-template-reference.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
