#!/usr/bin/env python3
"""Independent reader of `review`'s machine output (MachineOutputTests runs it).

Reads a job file (JSON) and prints a report (JSON):

  - "documents": command results printed with --format json; each line is parsed with Python's json and
    validated with the `jsonschema` package (Draft 2020-12) against docs/schemas/COMMAND.schema.json, or
    docs/schemas/result.schema.json for a command without its own schema;
  - "tables": CSV and TSV streams read with Python's csv module and with pandas.read_csv (sep="\\t" for TSV),
    reported as columns, pandas dtypes and rows (NaN as null), so the test checks types, keys and nulls;
  - "export_json": an `export json` file read as its docs/formats.md says: pd.DataFrame(doc["quotes"]) etc.;
  - "export_sqlite": the tables of an `export sqlite` file through sqlite3 + pandas.read_sql;
  - "streams": CSV/TSV text a command printed: each must read as ONE table (every record as wide as the header,
    header keys snake_case and distinct) with Python's csv and with pandas.read_csv;
  - "slug_keys": keys whose string values must be slugs (lowercase ASCII words joined by '-'), checked in every
    validated document's rows and fields, so display text ("include vs exclude") cannot hide under a key.
Every JSON document is also parsed with a duplicate-key check (json.loads keeps the last of two equal keys silently).

Usage: python3 read_machine_output.py JOB.json
Exit 3 when pandas or jsonschema is missing (pip install pandas jsonschema; scripts/bootstrap.sh installs them).
"""
import csv
import io
import json
import math
import os
import re
import sys

try:
    import pandas as pd
    import jsonschema
    from referencing import Registry, Resource
except ImportError as error:
    print(f"missing python package: {error} (pip install pandas jsonschema)", file=sys.stderr)
    sys.exit(3)


def plain(value):
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
        "columns": [str(c) for c in df.columns],
        "dtypes": {str(column): str(dtype) for column, dtype in df.dtypes.items()},
        "rows": [{str(column): plain(value) for column, value in row.items()} for row in df.to_dict("records")],
    }


def registry(schema_dir):
    resources = []
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as handle:
                schema = json.load(handle)
            resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise ValueError(f"duplicate keys {duplicated}")
    return dict(pairs)


# Value slugs join words with '-' (cant-tell); PRISMA box slugs are the snake_case keys of 'prisma set'.
SLUG = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")


def slug_failures(value, slug_keys, example):
    """Values under slug_keys that are not slugs, anywhere in a result document."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in slug_keys:
                for scalar in (item if isinstance(item, list) else [item]):
                    if isinstance(scalar, str) and not SLUG.match(scalar):
                        found.append({"example": example, "key": key, "error": f"not a slug: {scalar!r}"})
            found += slug_failures(item, slug_keys, example)
    elif isinstance(value, list):
        for item in value:
            found += slug_failures(item, slug_keys, example)
    return found


def validate(job, report):
    schema_dir = job["schemas"]
    reg = registry(schema_dir)
    report["validated"] = 0
    report["failures"] = []
    report["schemas_used"] = {}
    for document in job.get("documents", []):
        name = document["command"]
        path = os.path.join(schema_dir, name + ".schema.json")
        if not os.path.exists(path):
            path = os.path.join(schema_dir, "result.schema.json")
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        validator = jsonschema.Draft202012Validator(schema, registry=reg)
        report["schemas_used"][name] = os.path.basename(path)
        for line in document["json"].splitlines():
            if not line.strip():
                continue
            try:
                value = json.loads(line, object_pairs_hook=no_duplicates)
            except (json.JSONDecodeError, ValueError) as error:
                report["failures"].append({"example": document["example"], "error": f"not JSON: {error}", "line": line[:200]})
                continue
            for table in ([value] + value.get("items", [])) if isinstance(value, dict) else []:
                columns = table.get("columns") if isinstance(table, dict) else None
                if isinstance(columns, list) and len(set(columns)) != len(columns):
                    report["failures"].append({"example": document["example"], "error": f"duplicate columns {columns}"})
            if "type" in value and value["type"] in ("table", "record", "figure", "sequence"):
                report.setdefault("data_documents", {}).setdefault(name, 0)
                report["data_documents"][name] += 1
            report["failures"] += slug_failures(value, set(job.get("slug_keys", [])), document["example"])[:3]
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
            report["validated"] += 1
            for error in errors[:3]:
                report["failures"].append({"example": document["example"], "schema": os.path.basename(path),
                                           "path": "/".join(str(p) for p in error.absolute_path), "error": error.message[:300]})


def tables(job, report):
    report["tables"] = {}
    for table in job.get("tables", []):
        with open(table["path"], encoding="utf-8", newline="") as handle:
            text = handle.read()
        separator = "\t" if table["format"] == "tsv" else ","
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        df = pd.read_csv(io.StringIO(text), sep=separator, keep_default_na=True)
        out = frame(df)
        out["csv_rows"] = records
        report["tables"][table["name"]] = out


KEY = re.compile(r"^[a-z_][a-z0-9_]*$")


def streams(job, report):
    report["streams_read"] = 0
    report.setdefault("failures", [])
    for stream in job.get("streams", []):
        text = stream["text"]
        if not text.strip():
            continue
        separator = "\t" if stream["format"] == "tsv" else ","
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        where = {"example": stream["example"], "format": stream["format"]}
        header = records[0]
        # A one-column table writes an empty value as an empty line, which csv reads as [].
        records = [record or [""] for record in records] if len(header) == 1 else records
        bad = [key for key in header if not KEY.match(key)]
        if bad or len(set(header)) != len(header):
            report["failures"].append({**where, "error": f"header keys not distinct snake_case: {header}"})
        ragged = [index for index, record in enumerate(records) if len(record) != len(header)]
        if ragged:
            report["failures"].append({**where, "error": f"not one table: records {ragged[:5]} are not {len(header)} wide"})
        try:
            df = pd.read_csv(io.StringIO(text), sep=separator, skip_blank_lines=len(header) != 1)
            if list(df.columns) != header or len(df) != len(records) - 1:
                report["failures"].append({**where, "error": f"pandas read {list(df.columns)} x {len(df)}"})
        except Exception as error:  # pandas' parser errors have several types
            report["failures"].append({**where, "error": f"pandas: {error}"[:300]})
        report["streams_read"] += 1


def export_json(job, report):
    path = job.get("export_json")
    if not path:
        return
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    # The documented call (docs/formats.md, "JSON"): one DataFrame per array of records.
    report["export_json"] = {name: frame(pd.DataFrame(doc[name])) for name in ["studies", "appraisals", "subthemes", "quotes"]}


def export_sqlite(job, report):
    path = job.get("export_sqlite")
    if not path:
        return
    import sqlite3
    connection = sqlite3.connect(path)
    report["export_sqlite"] = {name: frame(pd.read_sql(f"SELECT * FROM {name} ORDER BY rowid", connection))
                               for name in ["studies", "appraisals", "subthemes", "quotes"]}


def main(job_path):
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    from importlib.metadata import version
    report = {"jsonschema": version("jsonschema"), "pandas": pd.__version__}
    if "schemas" in job:
        validate(job, report)
    tables(job, report)
    streams(job, report)
    export_json(job, report)
    export_sqlite(job, report)
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
