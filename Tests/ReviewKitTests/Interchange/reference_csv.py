#!/usr/bin/env python3
"""Second implementation for the CSV tests: Python's csv module (RFC 4180, excel dialect).

Writes Fixtures/csv-reference.json next to this script. The Swift tests in this
folder load that file; they never run Python. Run this by hand after changing
the cases, and commit the regenerated JSON:

    python3 reference_csv.py

Two kinds of cases:

* "parse": CSV text (stored as a JSON string; "bom" says whether a UTF-8 byte
  order mark goes in front) and the rows csv.reader returns for it. Inputs are
  random tables written by csv.writer with varied line ends and quoting, plus
  hand-written edge cases. A blank line is a row with no fields ([]), as in
  Python.
* "write": rows and the exact text csv.writer produces with QUOTE_MINIMAL and
  CRLF line ends; the Swift writer must produce the same bytes.
"""

import csv
import io
import json
import pathlib
import random

SEED = 20250611
HERE = pathlib.Path(__file__).resolve().parent

ALPHABET = (
    ["a", "b", "Z", "0", "7", " ", "  ", ",", '"', '""', "\n", "\r\n", "\r", "\t", "'", ";", "é", "ü", "ß", "–", "“", "”",
     "‘", "’", "…", "漢", "字", "🙂", "#", "@", "=", "\\", "x y", "p. 12"]
)


def random_field(rng):
    if rng.random() < 0.15:
        return ""
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))


def random_rows(rng):
    width = rng.randint(1, 6)
    rows = []
    for _ in range(rng.randint(1, 8)):
        row = [random_field(rng) for _ in range(width)]
        rows.append(row)
    return rows


def write(rows, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=lineterminator, quoting=quoting)
    writer.writerows(rows)
    return buffer.getvalue()


def parse(text):
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def main():
    rng = random.Random(SEED)
    parse_cases = []
    write_cases = []
    for index in range(300):
        rows = random_rows(rng)
        lineterminator = rng.choice(["\r\n", "\n"])
        quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
        text = write(rows, lineterminator, quoting)
        if rng.random() < 0.3 and text.endswith(lineterminator):
            text = text[: -len(lineterminator)]  # no line end after the last record
        parsed = parse(text)
        # A lone empty field written without quotes is a blank line for csv.reader; the writer quotes it.
        parse_cases.append({"name": f"random-{index}", "text": text, "bom": rng.random() < 0.2, "rows": parsed})
        write_cases.append({"name": f"random-{index}", "rows": rows, "text": write(rows)})

    hand = [
        "id,text\r\nQ1,\"He said \"\"no\"\", then left\"\r\n",
        "a,b,c\n1,2,3\n",
        "a,b\r\n\r\n1,2\r\n",
        "a,\"multi\nline\r\nfield\",c\n",
        "only\n",
        "a,b,\n",
        "a,b,",
        ",\n",
        "\"\"\n",
        "x,\"\"\r\n",
        "\"a,b\",\"c\"\"d\",e\r\nf,g,h",
        "a\rb\rc\r",
        "café,naïve,“curly”\n",
        "5\" screen,b\n",
    ]
    for index, text in enumerate(hand):
        parse_cases.append({"name": f"hand-{index}", "text": text, "bom": False, "rows": parse(text)})

    write_cases.append({"name": "empty-single", "rows": [[""]], "text": write([[""]])})
    write_cases.append({"name": "empty-pair", "rows": [["", ""]], "text": write([["", ""]])})

    out = {"seed": SEED, "python": __import__("sys").version.split()[0], "parse": parse_cases, "write": write_cases}
    (HERE / "Fixtures").mkdir(exist_ok=True)
    (HERE / "Fixtures" / "csv-reference.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(parse_cases)} parse cases and {len(write_cases)} write cases")


if __name__ == "__main__":
    main()
