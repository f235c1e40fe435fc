#!/usr/bin/env python3
"""Independent reference values for the REFI-QDA GUIDs `review` derives.

Writes Fixtures/guid-reference.json (next to this script) with Python's own
hashlib.sha1 digests and uuid.uuid5 values. The Swift tests read that file and
compare; they never run this script. Run it by hand after changing the names,
and commit the regenerated JSON:

    python3 reference_refi.py

`review` derives every GUID as uuid5(NAMESPACE, name), where NAMESPACE is
uuid5(uuid.NAMESPACE_URL, "urn:review:refi-qda") (RFC 9562 section 5.5).
"""

import hashlib
import json
import pathlib
import uuid

HERE = pathlib.Path(__file__).resolve().parent
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:review:refi-qda")

SHA1_MESSAGES = [
    "",
    "abc",
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",  # FIPS 180-2 example (84983e44…)
    "The quick brown fox jumps over the lazy dog",
    "a" * 55, "a" * 56, "a" * 63, "a" * 64, "a" * 65, "a" * 1000,
    "Janoušková 👩🏽‍⚕️ e\u0301",
]

NAMES = [
    "code:component:psychological-capability",
    "code:component:physical-opportunity:domain:environmental-context-resources",
    "code:component:physical-opportunity:domain:environmental-context-resources:direction:barrier",
    "code:tag:peer training",
    "user:review",
    "source:unattributed",
    "Janoušková 👩🏽‍⚕️ e\u0301",
    "",
]


def main() -> None:
    out = {
        "source": "Python hashlib.sha1 and uuid.uuid5 (RFC 9562 section 5.5)",
        "namespace": str(NAMESPACE).upper(),
        "sha1": [{"message": m, "hex": hashlib.sha1(m.encode("utf-8")).hexdigest()} for m in SHA1_MESSAGES],
        "uuid5": [{"name": n, "guid": str(uuid.uuid5(NAMESPACE, n)).upper()} for n in NAMES],
    }
    path = HERE / "Fixtures" / "guid-reference.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
