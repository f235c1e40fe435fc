#!/usr/bin/env python3
"""Independent checker for the REFI-QDA files `review` exports (run by RefiSchemaValidationTests).

    python3 validate_refi.py FILE.qdc|FILE.qdpx|project.qde ...

For each file it prints, as one JSON document on stdout:
  * whether it is valid against the schema (Fixtures/Codebook.xsd for .qdc, Fixtures/Project.xsd for the
    project.qde inside a .qdpx or given directly), validated with the `xmlschema` package, and the errors;
  * for a .qdpx, the text of every PlainTextSelection, sliced by Python from the source file in sources/
    (BOM stripped, positions as Unicode code points, end exclusive: text[start:end]; CR LF as one position
    when the origin is ATLAS.ti), so that the Swift tests can compare their quotes with a second
    implementation of the slicing;
  * the checks the schema cannot express: TextSource has PlainTextContent or plainTextPath but not both,
    every internal:// path exists in the archive, every CodeRef/creatingUser/SourceRef names a GUID that exists,
    and the archive holds no folder below sources/.

Exit status: 0 when it ran (whatever the verdicts), 3 when the `xmlschema` package is missing
(pip install xmlschema; scripts/bootstrap.sh installs it), 2 on bad usage.
"""

import json
import pathlib
import sys
import zipfile
import xml.etree.ElementTree as ET

try:
    import xmlschema
except ImportError:
    print("validate_refi.py: the python package 'xmlschema' is missing; install it with: pip install xmlschema", file=sys.stderr)
    sys.exit(3)

HERE = pathlib.Path(__file__).resolve().parent
PROJECT_NS = "{urn:QDA-XML:project:1.0}"
CODEBOOK = xmlschema.XMLSchema(str(HERE / "Fixtures" / "Codebook.xsd"))
PROJECT = xmlschema.XMLSchema(str(HERE / "Fixtures" / "Project.xsd"))


def schema_errors(schema, data):
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(data)][:20]


def check_project(xml_bytes, archive):
    result = {"valid": False, "errors": [], "selections": [], "problems": []}
    result["errors"] = schema_errors(PROJECT, xml_bytes.decode("utf-8"))
    result["valid"] = not result["errors"]
    root = ET.fromstring(xml_bytes)
    guids = {e.get("guid").upper() for e in root.iter() if e.get("guid")}
    for e in root.iter():
        for attribute in ("targetGUID", "creatingUser"):
            value = e.get(attribute)
            if value and value.upper() not in guids:
                result["problems"].append(f"{e.tag.replace(PROJECT_NS, '')} {attribute}={value} names no element")
    names = archive.namelist() if archive else []
    for name in names:
        if name.startswith("sources/") and name.count("/") > 1:
            result["problems"].append(f"{name} is in a folder below sources/")
    for source in root.iter(PROJECT_NS + "TextSource"):
        content = source.find(PROJECT_NS + "PlainTextContent")
        path = source.get("plainTextPath")
        if (content is None) == (path is None):
            result["problems"].append(f"TextSource {source.get('name')} needs PlainTextContent or plainTextPath, not both or neither")
            continue
        if content is not None:
            text = content.text or ""
        else:
            if not path.startswith("internal://"):
                result["problems"].append(f"{path} is not internal://")
                continue
            member = "sources/" + path[len("internal://"):]
            if member not in names:
                result["problems"].append(f"{member} is missing from the archive")
                continue
            text = archive.read(member).decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        if "atlas.ti" in (root.get("origin") or "").lower():
            text = text.replace("\r\n", "\n")  # ATLAS.ti counts CR LF as one position
        for selection in source.iter(PROJECT_NS + "PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            if not 0 <= start <= end <= len(text):
                result["problems"].append(f"selection {selection.get('name')} {start}-{end} is outside the text ({len(text)})")
            result["selections"].append({
                "guid": selection.get("guid"), "name": selection.get("name"), "source": source.get("name"),
                "start": start, "end": end, "text": text[start:end],
                "codes": [c.find(PROJECT_NS + "CodeRef").get("targetGUID") for c in selection.findall(PROJECT_NS + "Coding")],
                "users": [c.get("creatingUser") for c in selection.findall(PROJECT_NS + "Coding")],
            })
    return result


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    out = []
    for name in paths:
        path = pathlib.Path(name)
        entry = {"path": name}
        if path.suffix == ".qdc":
            entry["errors"] = schema_errors(CODEBOOK, path.read_text(encoding="utf-8"))
            entry["valid"] = not entry["errors"]
        elif path.suffix == ".qdpx":
            with zipfile.ZipFile(path) as archive:
                entry.update(check_project(archive.read("project.qde"), archive))
        else:
            entry.update(check_project(path.read_bytes(), None))
        out.append(entry)
    json.dump({"xmlschema": xmlschema.__version__, "files": out}, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
