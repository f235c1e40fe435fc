#!/usr/bin/env python3
"""Writes the constructed REFI-QDA projects in handmade/ and atlas-like/ (project.qde + sources/).

The projects are constructed for the tests, not exported from the tools. Selection positions are computed
here with Python's str (Unicode code points), independently of the Swift code under test:
  * handmade/ (origin NVivo-like): every code point counts, so CR LF is two positions; one source has a
    UTF-8 byte-order mark, which is not counted;
  * atlas-like/ (origin ATLAS.ti): CR LF counts as one position, as ATLAS.ti counts it;
  * two-coders/ (origin NVivo-like): two Users code the same ten passages, differing on some, and a User named
    "Consensus" settles one; a UTF-8 source with a BOM, CRLF and combining accents, and one with emoji.
Run by hand after changing it (python3 make_projects.py) and commit the output; the tests zip each folder.
With --golden it also writes the zipped copies the golden sessions read (../../../../ReviewShellTests/Golden/fixtures/)
and the examples in sessions/ (nvivo-like.qdpx is handmade, two-coders.qdpx is two-coders).
"""

import pathlib
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = pathlib.Path(__file__).resolve().parent


def g(n):
    return f"7E57{n:04X}-0000-4000-8000-{n:012X}"


def selection(text, passage, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return start, start + len(passage)


def write(folder, project, sources):
    (HERE / folder / "sources").mkdir(parents=True, exist_ok=True)
    (HERE / folder / "project.qde").write_text(project, encoding="utf-8")
    for name, data in sources.items():
        (HERE / folder / "sources" / name).write_bytes(data)


def handmade():
    # Source 1: UTF-8 with BOM, CRLF line ends, combining accents (decomposed), as QualCoder writes utf-8-sig.
    s1 = ("Interviewer: What got in the way?\r\n"
          "Participant: Honestly, nobody told us what a peer worker was meant to do.\r\n"
          "Janous\u030ckova\u0301 said the staff \u201cjust didn\u2019t get it\u201d.\r\n"
          "Participant: The peer mentoring sessions helped me feel I belonged.\r\n")
    # Source 2: UTF-8, LF, emoji with skin tone and ZWJ, a flag, and an NFC accent.
    s2 = ("Nurse \U0001F469\U0001F3FD\u200d\u2695\ufe0f: We had no time for supervision \U0001F1E8\U0001F1FF.\n"
          "Caf\u00e9 meetings with other peers kept me going.\n")
    # Source 3: inline PlainTextContent.
    s3 = "I was scared they would see me as a patient again."
    q = {
        "q1": selection(s1, "nobody told us what a peer worker was meant to do"),
        "q2": selection(s1, "Janous\u030ckova\u0301 said the staff \u201cjust didn\u2019t get it\u201d.\r\nParticipant: The peer"),
        "q3": selection(s1, "The peer mentoring sessions helped me feel I belonged."),
        "q4": selection(s2, "We had no time for supervision \U0001F1E8\U0001F1FF."),
        "q5": selection(s2, "Caf\u00e9 meetings with other peers kept me going."),
        "q6": selection(s3, "I was scared they would see me as a patient again."),
    }
    lines = []
    a = lines.append
    a('<?xml version="1.0" encoding="utf-8"?>')
    a('<Project xmlns="urn:QDA-XML:project:1.0" name="Peer work (hand-made)" origin="NVivo 14 (hand-made test project)" creatingUserGUID="%s">' % g(1))
    a('  <Users>')
    a(f'    <User guid="{g(1)}" name="Ana Ruiz"/>')
    a(f'    <User guid="{g(2)}" name="Ben Okafor"/>')
    a('  </Users>')
    a('  <CodeBook><Codes>')
    a(f'    <Code guid="{g(10)}" name="Capability" isCodable="false" color="rgb(0,114,178)">')
    a(f'      <Code guid="{g(11)}" name="Psychological" isCodable="true">')
    a(f'        <Code guid="{g(12)}" name="Knowledge" isCodable="true"><Description>An awareness of the existence of something</Description>')
    a(f'          <Code guid="{g(13)}" name="Barriers" isCodable="true">')
    a(f'            <Code guid="{g(14)}" name="Not knowing what peer work is" isCodable="true"/>')
    a('          </Code>')
    a('        </Code>')
    a('      </Code>')
    a('    </Code>')
    a(f'    <Code guid="{g(20)}" name="Opportunity" isCodable="false">')
    a(f'      <Code guid="{g(21)}" name="Social" isCodable="true">')
    a(f'        <Code guid="{g(22)}" name="Social influences" isCodable="true">')
    a(f'          <Code guid="{g(23)}" name="Facilitators" isCodable="true">')
    a(f'            <Code guid="{g(24)}" name="Peer mentoring" isCodable="true" color="#FF000080"/>')
    a('          </Code>')
    a('        </Code>')
    a('      </Code>')
    a(f'      <Code guid="{g(25)}" name="Physical" isCodable="true">')
    a(f'        <Code guid="{g(26)}" name="Environmental context &amp; resources" isCodable="true"/>')
    a('      </Code>')
    a('    </Code>')
    a(f'    <Code guid="{g(30)}" name="Emotion" isCodable="true"/>')
    a(f'    <Code guid="{g(31)}" name="Barrier" isCodable="true"/>')
    a(f'    <Code guid="{g(32)}" name="Peer training" isCodable="true"/>')
    a(f'    <Code guid="{g(33)}" name="\U0001F469\U0001F3FD\u200d\u2695\ufe0f staff views" isCodable="true"/>')
    a('  </Codes></CodeBook>')
    a('  <Variables>')
    a(f'    <Variable guid="{g(40)}" name="Year" typeOfVariable="Integer"/>')
    a(f'    <Variable guid="{g(41)}" name="Country" typeOfVariable="Text"/>')
    a(f'    <Variable guid="{g(42)}" name="Sample size" typeOfVariable="Integer"/>')
    a(f'    <Variable guid="{g(43)}" name="Setting" typeOfVariable="Text"/>')
    a(f'    <Variable guid="{g(44)}" name="CASP Q1" typeOfVariable="Text"/>')
    a(f'    <Variable guid="{g(45)}" name="DOI" typeOfVariable="Text"/>')
    a('  </Variables>')
    a('  <Cases>')
    a(f'    <Case guid="{g(50)}" name="Janoušková et al.">')
    for var, kind, value in [(40, "IntegerValue", "2017"), (41, "TextValue", "Czech Republic"), (42, "IntegerValue", "21"),
                             (43, "TextValue", "community"), (44, "TextValue", "Yes"), (45, "TextValue", "https://doi.org/10.1176/appi.ps.201600128")]:
        a(f'      <VariableValue><VariableRef targetGUID="{g(var)}"/><{kind}>{escape(value)}</{kind}></VariableValue>')
    a(f'      <SourceRef targetGUID="{g(60)}"/>')
    a('    </Case>')
    a(f'    <Case guid="{g(51)}" name="Group B">')
    a(f'      <VariableValue><VariableRef targetGUID="{g(41)}"/><TextValue>Norway</TextValue></VariableValue>')
    a('    </Case>')
    a('  </Cases>')
    a('  <Sources>')

    def sel(n, name, span, codings, notes=(), user=None):
        out = [f'      <PlainTextSelection guid="{g(n)}" name={quoteattr(name)} startPosition="{span[0]}" endPosition="{span[1]}"'
               + (f' creatingUser="{g(user)}"' if user else '') + '>']
        for c, code, coder in codings:
            out.append(f'        <Coding guid="{g(c)}"' + (f' creatingUser="{g(coder)}"' if coder else '') + f'><CodeRef targetGUID="{g(code)}"/></Coding>')
        for note in notes:
            out.append(f'        <NoteRef targetGUID="{g(note)}"/>')
        out.append('      </PlainTextSelection>')
        return out

    a(f'    <TextSource guid="{g(60)}" name="Janoušková et al." plainTextPath="internal://{g(60)}.txt">')
    lines.extend(sel(70, "nobody told us", q["q1"], [(100, 14, 1), (101, 14, 2)], notes=[90]))
    lines.extend(sel(71, "staff did not get it", q["q2"], [(102, 31, 1), (103, 12, 1), (104, 33, 2), (105, 22, 2)]))
    lines.extend(sel(72, "peer mentoring", q["q3"], [(106, 24, 1), (107, 24, 2), (108, 32, 2), (109, 99, 1)]))
    lines.extend(sel(73, "beyond the end", (len(s1) - 5, len(s1) + 40), [(110, 30, 1)]))
    a(f'      <Coding guid="{g(111)}" creatingUser="{g(1)}"><CodeRef targetGUID="{g(32)}"/></Coding>')
    a('    </TextSource>')
    a(f'    <TextSource guid="{g(61)}" name="Interview 2" plainTextPath="internal://{g(61)}.txt">')
    lines.extend(sel(74, "no time", q["q4"], [(112, 26, 1), (113, 31, 1)]))
    lines.extend(sel(75, "café", q["q5"], [(114, 22, 3)], user=2))
    a('    </TextSource>')
    a(f'    <TextSource guid="{g(62)}" name="Field notes">')
    a(f'      <PlainTextContent>{escape(s3)}</PlainTextContent>')
    lines.extend(sel(76, "scared", q["q6"], [(115, 30, 2)]))
    a('    </TextSource>')
    a(f'    <TextSource guid="{g(63)}" name="Missing text" plainTextPath="internal://{g(63)}.txt">')
    lines.extend(sel(77, "lost", (0, 4), [(116, 30, 2)]))
    a('    </TextSource>')
    a(f'    <PDFSource guid="{g(64)}" name="Protocol.pdf" path="internal://{g(64)}.pdf">')
    a(f'      <PDFSelection guid="{g(78)}" page="1" firstX="0" firstY="0" secondX="10" secondY="10"/>')
    a('    </PDFSource>')
    a('  </Sources>')
    a('  <Notes>')
    a(f'    <Note guid="{g(90)}" name="Memo on role clarity"><PlainTextContent>Role clarity comes up in every interview.</PlainTextContent></Note>')
    a(f'    <Note guid="{g(91)}" name="Project memo"><PlainTextContent>Coded independently by Ana and Ben, then compared.</PlainTextContent></Note>')
    a('  </Notes>')
    a(f'  <NoteRef targetGUID="{g(91)}"/>')
    a('</Project>')
    write("handmade", "\n".join(lines) + "\n", {
        f"{g(60)}.txt": b"\xef\xbb\xbf" + s1.encode("utf-8"),
        f"{g(61)}.txt": s2.encode("utf-8"),
    })
    return q


def atlas():
    d1 = ("Interviewer: Tell me about starting the job.\r\n"
          "P1: I didn't know what I was allowed to do on the ward.\r\n"
          "\r\n"
          "P1: There was never time to meet my supervisor.\r\n")
    d2 = ("P2: Other peer workers showed me the ropes \u2013 that was the best training.\r\n"
          "P2: I still get anxious before team meetings.\r\n")
    atlas_positions = lambda text, passage: selection(text.replace("\r\n", "\n"), passage.replace("\r\n", "\n"))
    q = {
        "a1": atlas_positions(d1, "I didn't know what I was allowed to do on the ward."),
        "a2": atlas_positions(d1, "There was never time to meet my supervisor."),
        "a3": atlas_positions(d2, "Other peer workers showed me the ropes \u2013 that was the best training."),
        "a4": atlas_positions(d2, "I still get anxious before team meetings."),
    }
    lines = []
    a = lines.append
    a('<?xml version="1.0" encoding="utf-8"?>')
    a('<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:project:1.0 Project.xsd" '
      'name="Peer work synthesis" origin="ATLAS.ti Windows 23.4.0.29360" creationDateTime="2025-03-04T09:15:00Z" xmlns="urn:QDA-XML:project:1.0">')
    a(f'  <Users><User guid="{g(201)}" name="Maria"/></Users>')
    a('  <CodeBook><Codes>')
    for n, name in [(210, "Barrier: Knowledge"), (211, "Barrier: Environmental Context and Resources"), (212, "Facilitator: Social influences"),
                    (213, "ECR::lack of time"), (214, "peer training"), (215, "emotion"), (216, "Barrier")]:
        a(f'    <Code guid="{g(n)}" name={quoteattr(name)} isCodable="true" color="#46AA00"/>')
    a('  </Codes></CodeBook>')
    a('  <Sources>')
    for doc, guid, text, sels in [("Doc 1 Interview P1.docx", 220, d1, [(230, "1:1 I didn't know what I was allowed…", q["a1"], [210]),
                                                                      (231, "1:2 There was never time to meet…", q["a2"], [211, 213])]),
                                  ("Doc 2 Interview P2.docx", 221, d2, [(232, "2:1 Other peer workers showed me…", q["a3"], [212, 214]),
                                                                      (233, "2:2 I still get anxious…", q["a4"], [215, 216])])]:
        a(f'    <TextSource guid="{g(guid)}" name={quoteattr(doc)} richTextPath="internal://{g(guid)}.docx" plainTextPath="internal://{g(guid)}.txt" '
          f'creatingUser="{g(201)}" creationDateTime="2025-03-04T09:20:00Z">')
        for n, name, span, codes in sels:
            a(f'      <PlainTextSelection guid="{g(n)}" name={quoteattr(name)} startPosition="{span[0]}" endPosition="{span[1]}" '
              f'creatingUser="{g(201)}" creationDateTime="2025-03-04T10:00:00Z">')
            for code in codes:
                a(f'        <Coding guid="{g(n * 10 + code % 10)}" creatingUser="{g(201)}" creationDateTime="2025-03-04T10:00:00Z">'
                  f'<CodeRef targetGUID="{g(code)}"/></Coding>')
            a('      </PlainTextSelection>')
        a('    </TextSource>')
    a('  </Sources>')
    a('  <Sets>')
    a(f'    <Set guid="{g(240)}" name="Barriers"><MemberCode targetGUID="{g(210)}"/><MemberCode targetGUID="{g(211)}"/></Set>')
    a(f'    <Set guid="{g(241)}" name="Included studies"><MemberSource targetGUID="{g(220)}"/><MemberSource targetGUID="{g(221)}"/></Set>')
    a('  </Sets>')
    a('</Project>')
    write("atlas-like", "\n".join(lines) + "\n", {f"{g(220)}.txt": d1.encode("utf-8"), f"{g(221)}.txt": d2.encode("utf-8")})
    return q


def two_coders():
    # Source 1: UTF-8 with a BOM, CR LF line ends, a name with combining accents (decomposed).
    s1 = ("Interviewer: What made the role hard?\r\n"
          "P1: Nobody explained what a peer worker does.\r\n"
          "P1: I didn\u2019t know the ward routines at all.\r\n"
          "P2: Staff treated us as ex-patients, said Janous\u030ckova\u0301.\r\n"
          "P2: My colleagues cheered me on when I doubted myself.\r\n"
          "P3: The team\u2019s jokes about \u201crecovery\u201d stung, but they meant well.\r\n")
    # Source 2: UTF-8, LF, emoji (skin tone + ZWJ, a flag, plain ones).
    s2 = ("P4 \U0001F469\U0001F3FD\u200d\u2695\ufe0f: There was no room to meet clients in private \U0001F6AA.\n"
          "P4: Without a desk I never learnt the paperwork.\n"
          "P5: I was anxious before every team meeting \U0001F61F.\n"
          "P5: Feeling proud after a good session kept me going \U0001F1E8\U0001F1FF.\n"
          "P6: The rota left no time for supervision.\n")
    passages = [
        (s1, "Nobody explained what a peer worker does."),
        (s1, "I didn\u2019t know the ward routines at all."),
        (s1, "Staff treated us as ex-patients, said Janous\u030ckova\u0301."),
        (s1, "My colleagues cheered me on when I doubted myself."),
        (s1, "The team\u2019s jokes about \u201crecovery\u201d stung, but they meant well."),
        (s2, "There was no room to meet clients in private \U0001F6AA."),
        (s2, "Without a desk I never learnt the paperwork."),
        (s2, "I was anxious before every team meeting \U0001F61F."),
        (s2, "Feeling proud after a good session kept me going \U0001F1E8\U0001F1FF."),
        (s2, "The rota left no time for supervision."),
    ]
    # Codes: (domain, direction) -> GUID number, in an NVivo-like hierarchy.
    K, S, E, M = "Knowledge", "Social influences", "Environmental context & resources", "Emotion"
    B, F = "Barriers", "Facilitators"
    code = {(K, B): 314, (K, F): 315, (S, B): 324, (S, F): 325, (E, B): 334, (M, B): 344, (M, F): 345}
    # Each coder's (domain, direction) per passage. Zoë and Ben differ on the domain of passages 3 and 7 and on
    # the direction of passage 5; "Consensus" settles passage 3 as Zoë coded it.
    zoe = [(K, B), (K, B), (K, B), (S, F), (S, F), (E, B), (E, B), (M, B), (M, F), (E, B)]
    ben = [(K, B), (K, B), (S, B), (S, F), (S, B), (E, B), (K, B), (M, B), (M, F), (E, B)]
    consensus = {2: (K, B)}
    lines = []
    a = lines.append
    a('<?xml version="1.0" encoding="utf-8"?>')
    a('<Project xmlns="urn:QDA-XML:project:1.0" name="Peer work, double-coded (hand-made)" origin="NVivo 14 (hand-made two-coder project)" '
      f'creatingUserGUID="{g(301)}">')
    a('  <Users>')
    a(f'    <User guid="{g(301)}" name="Zo\u00eb \u00c5ngstr\u00f6m"/>')
    a(f'    <User guid="{g(302)}" name="Ben Okafor"/>')
    a(f'    <User guid="{g(303)}" name="Consensus"/>')
    a('  </Users>')
    a('  <CodeBook><Codes>')
    a(f'    <Code guid="{g(310)}" name="Capability" isCodable="false">')
    a(f'      <Code guid="{g(311)}" name="Psychological" isCodable="true">')
    a(f'        <Code guid="{g(312)}" name="{K}" isCodable="true">')
    a(f'          <Code guid="{g(314)}" name="{B}" isCodable="true"/><Code guid="{g(315)}" name="{F}" isCodable="true"/>')
    a('        </Code>')
    a('      </Code>')
    a('    </Code>')
    a(f'    <Code guid="{g(320)}" name="Opportunity" isCodable="false">')
    a(f'      <Code guid="{g(321)}" name="Social" isCodable="true">')
    a(f'        <Code guid="{g(322)}" name="{S}" isCodable="true">')
    a(f'          <Code guid="{g(324)}" name="{B}" isCodable="true"/><Code guid="{g(325)}" name="{F}" isCodable="true"/>')
    a('        </Code>')
    a('      </Code>')
    a(f'      <Code guid="{g(331)}" name="Physical" isCodable="true">')
    a(f'        <Code guid="{g(332)}" name="{escape(E)}" isCodable="true">')
    a(f'          <Code guid="{g(334)}" name="{B}" isCodable="true"/>')
    a('        </Code>')
    a('      </Code>')
    a('    </Code>')
    a(f'    <Code guid="{g(340)}" name="Motivation" isCodable="false">')
    a(f'      <Code guid="{g(341)}" name="Automatic" isCodable="true">')
    a(f'        <Code guid="{g(342)}" name="{M}" isCodable="true">')
    a(f'          <Code guid="{g(344)}" name="{B}" isCodable="true"/><Code guid="{g(345)}" name="{F}" isCodable="true"/>')
    a('        </Code>')
    a('      </Code>')
    a('    </Code>')
    a('  </Codes></CodeBook>')
    a('  <Sources>')
    spans = []
    for index, (text, passage) in enumerate(passages):
        spans.append(selection(text, passage))
    for source, guid, text, units in [("Interviews 1-3", 360, s1, range(0, 5)), ("Interviews 4-6", 361, s2, range(5, 10))]:
        a(f'    <TextSource guid="{g(guid)}" name="{source}" plainTextPath="internal://{g(guid)}.txt" creatingUser="{g(301)}">')
        for unit in units:
            start, end = spans[unit]
            a(f'      <PlainTextSelection guid="{g(370 + unit)}" name="passage {unit + 1}" startPosition="{start}" endPosition="{end}" creatingUser="{g(301)}">')
            for user, coding in [(301, zoe[unit]), (302, ben[unit])] + ([(303, consensus[unit])] if unit in consensus else []):
                a(f'        <Coding guid="{g(user * 100 + unit)}" creatingUser="{g(user)}"><CodeRef targetGUID="{g(code[coding])}"/></Coding>')
            a('      </PlainTextSelection>')
        a('    </TextSource>')
    a('  </Sources>')
    a('</Project>')
    write("two-coders", "\n".join(lines) + "\n", {f"{g(360)}.txt": b"\xef\xbb\xbf" + s1.encode("utf-8"), f"{g(361)}.txt": s2.encode("utf-8")})
    return spans


def zip_for_golden(folder, name, target=None):
    """The folder as a .qdpx: project.qde and sources/, deflated, dated 1980-01-01, in name order."""
    target = target or HERE.parents[3] / "ReviewShellTests" / "Golden" / "fixtures" / name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        files = [("project.qde", HERE / folder / "project.qde")]
        files += [("sources/" + p.name, p) for p in sorted((HERE / folder / "sources").iterdir())]
        for entry, path in files:
            info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, path.read_bytes())


if __name__ == "__main__":
    print(handmade())
    print(atlas())
    print(two_coders())
    if "--golden" in sys.argv:
        zip_for_golden("handmade", "handmade.qdpx")
        zip_for_golden("atlas-like", "atlas-like.qdpx")
        zip_for_golden("two-coders", "two-coders.qdpx")
        sessions = HERE.parents[4] / "sessions"
        zip_for_golden("handmade", None, sessions / "nvivo-like.qdpx")
        zip_for_golden("two-coders", None, sessions / "two-coders.qdpx")
