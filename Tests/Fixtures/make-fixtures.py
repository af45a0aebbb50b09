#!/usr/bin/env python3
"""Writes the import fixtures in this folder: a session report as a PDF and a
resolution as a Word file, laid out as the UN issues them, and the bad inputs the
importer must refuse. Run once (`python3 make-fixtures.py`); the files are committed.
Only the standard library is used: the PDF is written object by object, the Word file
is a zip of hand-written WordprocessingML.

The documents are made for the tests (a 30th session in 2020), not copies of real ones.
Each document's paragraphs, as the importer must find them, are written beside it
(`*.expected.json`), from the same lists the documents are made from.
"""
import json
import os
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------- PDF


def pdf_string(text):
    data = text.encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path, pages, encrypt_user_password=None):
    """`pages`: lists of (x, y, size, text) in points on an A4 page (595 x 842)."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    pages_id = len(objects) + 2 * len(pages) + 1
    for lines in pages:
        ops = []
        for x, y, size, text in lines:
            ops.append(b"BT /F1 %d Tf %d %d Td " % (size, x, y) + pdf_string(text) + b" Tj ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    assert add(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer_extra = b""
    if encrypt_user_password is not None:
        objects[:], encrypt, file_id = encrypted(objects, encrypt_user_password)
        enc = add(encrypt)
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, file_id.hex().encode(), file_id.hex().encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        trailer_extra,
        xref,
    )
    with open(path, "wb") as f:
        f.write(out)


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted(objects, user_password):
    """The standard security handler, revision 2 (40-bit RC4): enough for a PDF that
    asks for a password."""
    import hashlib

    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    file_id = hashlib.md5(b"cepa fixture").digest()
    user = (user_password.encode() + pad)[:32]
    owner_key = hashlib.md5((b"owner-secret" + pad)[:32]).digest()[:5]
    o = rc4(owner_key, user)
    p = -44
    key = hashlib.md5(user + o + p.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u = rc4(key, pad)
    result = []
    for n, body in enumerate(objects, 1):
        if b"stream\n" in body:
            head, rest = body.split(b"stream\n", 1)
            data = rest[: -len(b"\nendstream")]
            k = hashlib.md5(key + n.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
            body = head + b"stream\n" + rc4(k, data) + b"\nendstream"
        result.append(body)
    enc = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), p)
    return result, enc, file_id


def wrap(text, width):
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w) if line else w
    if line:
        lines.append(line)
    return lines


# The report: what the importer must find, and what it must leave out.
REPORT_SYMBOL = "E/2020/9944-E/C.16/2020/99"
DRAFT_OPERATIVE = [
    "Encourages Governments to strengthen the digital skills of public servants at every level, "
    "including through schools of public administration;",
    "Invites the Committee to continue its work on the oversight of artificial intelligence in the public sector;",
]
REPORT_PARAGRAPHS = {
    2: "The Committee recommends that the Council encourage Governments to invest in the digitalization of local "
    "services, with attention to: (a) people in rural areas; (b) older persons; (c) persons with disabilities.",
    5: "The Committee noted that supreme audit institutions have a role in the follow-up of the 2030 Agenda and "
    "urges Governments to give them the means to audit public spending on the Goals.",
    6: "The Committee recommends that Governments make people-centred public services the rule, that they measure "
    "the trust people place in public institutions, and that they publish what they find every year, so that "
    "the Council can follow how trust changes over time across regions and levels of government.",
    8: "The Committee recommends that Member States publish their budgets in open formats that anyone can reuse.",
    9: "The Committee encourages local governments to share what they learn about climate adaptation.",
}
REPORT_FOOTNOTE = "See E/C.16/2020/92, para. 14."
REPORT_LEFT_OUT = {
    1: "procedural",  # recommends the adoption of the following draft resolution
    3: "procedural",  # attendance
    4: "procedural",  # adoption of the agenda
    7: "procedural",  # took note
}


def report_pages():
    pages = []
    header = lambda n: [(57, 800, 9, "E/2020/9944"), (420, 800, 9, "E/C.16/2020/99")] if n % 2 == 0 else [
        (57, 800, 9, "E/2020/9944"),
        (470, 800, 9, "E/C.16/2020/99"),
    ]
    footer = lambda n, total: [(57, 40, 8, "%d/%d" % (n, total)), (480, 40, 8, "20-05123")]
    total = 4
    # Page 1: the UN's first page, then Chapter I.
    p1 = [
        (57, 800, 10, "United Nations"),
        (380, 800, 12, REPORT_SYMBOL),
        (57, 780, 12, "Economic and Social Council"),
        (380, 780, 9, "Distr.: General"),
        (380, 768, 9, "14 April 2020"),
        (57, 740, 9, "Committee of Experts on Public Administration"),
        (57, 720, 12, "Report on the thirtieth session (7-11 April 2020)"),
        (57, 690, 11, "Chapter I"),
        (57, 676, 11, "Matters calling for action by the Economic and Social Council or brought to its attention"),
        (57, 656, 10, "A. Draft resolution recommended by the Committee for adoption by the Council"),
    ]
    y = 636
    for line in wrap(
        "1. The Committee of Experts on Public Administration recommends to the Economic and Social Council the "
        "adoption of the following draft resolution:",
        90,
    ):
        p1.append((57, y, 10, line))
        y -= 12
    y -= 8
    p1.append((90, y, 10, "Report of the Committee of Experts on Public Administration on its thirtieth session"))
    y -= 16
    p1.append((90, y, 10, "The Economic and Social Council,"))
    y -= 14
    p1.append((90, y, 10, "Recalling its resolution 2019/12 of 20 July 2019,"))
    y -= 14
    for k, text in enumerate(DRAFT_OPERATIVE, 1):
        for i, line in enumerate(wrap("%d. %s" % (k, text), 82)):
            p1.append((90 if i == 0 else 102, y, 10, line))
            y -= 12
        y -= 4
    y -= 8
    p1.append((57, y, 10, "B. Matters brought to the attention of the Council"))
    y -= 18
    # Paragraph 2, hyphenated at a line end ("digi-" / "talization").
    p2 = [
        "2. The Committee recommends that the Council encourage Governments to invest in the digi-",
        "talization of local services, with attention to:",
    ]
    for i, line in enumerate(p2):
        p1.append((57, y, 10, line))
        y -= 12
    for item in ["(a) people in rural areas;", "(b) older persons;", "(c) persons with disabilities."]:
        p1.append((80, y, 10, item))
        y -= 12
    p1 += [(57, 60, 8, "20-05123 (E)    150420"), (400, 60, 10, "*2005123*")]
    pages.append(p1)

    # Page 2: Chapter II (procedural), Chapter III begins; a footnote.
    p = header(2) + footer(2, total)
    y = 770
    p += [(57, y, 11, "Chapter II"), (57, y - 14, 11, "Organization of the session")]
    y -= 36
    for line in wrap(
        "3. The Committee held its thirtieth session at United Nations Headquarters from 7 to 11 April 2020. "
        "Twenty-two members of the Committee attended the session.",
        90,
    ):
        p.append((57, y, 10, line))
        y -= 12
    y -= 8
    for line in wrap("4. At its 1st meeting, on 7 April, the Committee adopted the agenda of the session.", 90):
        p.append((57, y, 10, line))
        y -= 12
    y -= 16
    p += [(57, y, 11, "Chapter III"), (57, y - 14, 11, "Summary of proceedings and conclusions")]
    y -= 36
    p5 = [
        "5. The Committee noted that supreme audit institutions have a role in the follow-up of the 2030",
        "Agenda1 and urges Governments to give them the means to audit public spending on the Goals.",
    ]
    for line in p5:
        p.append((57, y, 10, line))
        y -= 12
    y -= 8
    # The first half of paragraph 6 on this page, the rest on the next.
    # Hyphenated across a line end where the text has a hyphen ("people-" / "centred").
    lines6 = [
        "6. The Committee recommends that Governments make people-",
        "centred public services the rule, that they measure the trust people place in public",
        "institutions, and that they publish what they find every year, so that the Council can",
        "follow how trust changes over time across regions and levels of government.",
    ]
    assert " ".join(lines6).replace("people- centred", "people-centred") == "6. " + REPORT_PARAGRAPHS[6]
    first, rest = lines6[:2], lines6[2:]
    for line in first:
        p.append((57, y, 10, line))
        y -= 12
    p += [(57, 80, 8, "__________________"), (57, 68, 8, "1 " + REPORT_FOOTNOTE)]
    pages.append(p)

    # Page 3: the rest of paragraph 6 (no heading between), then paragraph 7.
    p = header(3) + footer(3, total)
    y = 770
    for line in rest:
        p.append((57, y, 10, line))
        y -= 12
    y -= 8
    for line in wrap("7. The Committee took note of the note by the Secretariat on its programme of work.", 90):
        p.append((57, y, 10, line))
        y -= 12
    pages.append(p)

    # Page 4: two columns, paragraph 8 on the left and 9 on the right.
    p = header(4) + footer(4, total)
    left = wrap("8. " + REPORT_PARAGRAPHS[8], 40)
    right = wrap("9. " + REPORT_PARAGRAPHS[9], 40)
    y = 770
    for i in range(max(len(left), len(right))):
        if i < len(left):
            p.append((57, y, 10, left[i]))
        if i < len(right):
            p.append((310, y, 10, right[i]))
        y -= 12
    pages.append(p)
    return pages


def write_report():
    write_pdf(os.path.join(HERE, "report-30th-session.pdf"), report_pages())
    expected = {
        "symbol": REPORT_SYMBOL,
        "date": "2020-04-14",
        "title": "Report on the thirtieth session (7-11 April 2020)",
        "recommendations": [{"id": "s30-dr%d" % k, "text": t} for k, t in enumerate(DRAFT_OPERATIVE, 1)]
        + [{"id": "s30-r%d" % n, "text": t} for n, t in sorted(REPORT_PARAGRAPHS.items())],
        "footnotes": {"s30-r5": REPORT_FOOTNOTE},
        "leftOut": sorted(REPORT_LEFT_OUT),
    }
    with open(os.path.join(HERE, "report-30th-session.expected.json"), "w") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")


# --------------------------------------------------------------------------- Word

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
RESOLUTION_SYMBOL = "E/RES/2020/99"
RESOLUTION_PREAMBLE = [
    "Recalling its resolution 2019/12 of 20 July 2019,",
    "Having considered the report of the Committee of Experts on Public Administration on its thirtieth session,",
]
RESOLUTION_OPERATIVE = [
    "Takes note of the report of the Committee of Experts on Public Administration on its thirtieth session;",
    "Encourages Governments to strengthen the digital skills of public servants at every level, including "
    "through schools of public administration;",
    "Invites the Committee to continue its work on the oversight of artificial intelligence in the public "
    "sector, paying attention to:",
    "Requests the Secretary-General to report to the Council on the follow-up of the present resolution.",
]
RESOLUTION_SUBITEMS = {3: ["the transparency of algorithms used in public decisions;", "the right of appeal."]}
RESOLUTION_FOOTNOTE = "E/2020/9944-E/C.16/2020/99."


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text.replace("&", "&amp;").replace("<", "&lt;")


def para(text, num=None, extra=""):
    ppr = ""
    if num is not None:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>' % num
    return "<w:p>%s%s%s</w:p>" % (ppr, run(text) if text else "", extra)


def numbering(abstract=None):
    abstract = abstract or (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
        "</w:abstractNum>"
    )
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>%s<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % (
        W,
        abstract,
    )


def footnotes():
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes %s>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p>%s</w:p></w:footnote></w:footnotes>' % (W, run(RESOLUTION_FOOTNOTE))
    )


def document(body):
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>' % (
        W,
        body,
    )


def resolution_body():
    body = [
        para("United Nations"),
        para(RESOLUTION_SYMBOL),
        para("Economic and Social Council"),
        para("Distr.: General"),
        para("30 July 2020"),
        para("2020 session"),
        para("Agenda item 18 (g)"),
        para("Resolution adopted by the Economic and Social Council on 22 July 2020"),
        para(
            "[on the recommendation of the Committee of Experts on Public Administration (E/2020/9944)]",
            extra='<w:r><w:footnoteReference w:id="1"/></w:r>',
        ),
        para("2020/99. Report of the Committee of Experts on Public Administration on its thirtieth session"),
        para("The Economic and Social Council,"),
    ]
    body += [para(t) for t in RESOLUTION_PREAMBLE]
    for k, text in enumerate(RESOLUTION_OPERATIVE, 1):
        # Paragraph 2 carries a footnote marker at a word's end.
        extra = '<w:r><w:footnoteReference w:id="1"/></w:r>' if k == 2 else ""
        body.append(para(text, (0, 1), extra))
        for item in RESOLUTION_SUBITEMS.get(k, []):
            body.append(para(item, (1, 1)))
    body.append(para("37th plenary meeting"))
    body.append(para("22 July 2020"))
    return "".join(body)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def write_docx(name, doc, numbering_xml=None, footnotes_xml=None, extra=None):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", doc)
        if numbering_xml is not None:
            z.writestr("word/numbering.xml", numbering_xml)
        if footnotes_xml is not None:
            z.writestr("word/footnotes.xml", footnotes_xml)
        for k, v in (extra or {}).items():
            z.writestr(k, v)


def write_resolution():
    write_docx("resolution-2020-99.docx", document(resolution_body()), numbering(), footnotes())
    ops = []
    for k, text in enumerate(RESOLUTION_OPERATIVE, 1):
        items = RESOLUTION_SUBITEMS.get(k, [])
        ops.append(
            {
                "paragraph": k,
                "text": " ".join([text] + ["(%s) %s" % ("abcdefgh"[i], t) for i, t in enumerate(items)]),
            }
        )
    expected = {
        "symbol": RESOLUTION_SYMBOL,
        "adopted": "2020-07-22",
        "title": "Report of the Committee of Experts on Public Administration on its thirtieth session",
        "paragraphs": ops,
        "footnotes": {"2": RESOLUTION_FOOTNOTE},
        "preamble": RESOLUTION_PREAMBLE,
    }
    with open(os.path.join(HERE, "resolution-2020-99.expected.json"), "w") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")


# ---------------------------------------------------------------------- bad input


def write_bad():
    bad = os.path.join(HERE, "bad")
    os.makedirs(bad, exist_ok=True)
    # A scan: a page with no text layer (an image only).
    write_pdf(os.path.join(bad, "scan.pdf"), [[]])
    # A password.
    write_pdf(os.path.join(bad, "password.pdf"), report_pages()[:1], encrypt_user_password="secret")
    # Cut short.
    whole = open(os.path.join(HERE, "report-30th-session.pdf"), "rb").read()
    open(os.path.join(bad, "truncated.pdf"), "wb").write(whole[: len(whole) // 3])
    # Not a zip at all, though it says Word.
    open(os.path.join(bad, "corrupt.docx"), "wb").write(b"PK\x03\x04" + b"\x00" * 200)
    # An entry that inflates far past the limit (256 MiB of spaces in ~250 KiB).
    with zipfile.ZipFile(os.path.join(bad, "bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(256):
                f.write(block)
    # External entities: never resolved.
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<w:document %s><w:body>%s</w:body></w:document>" % (W, "<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")
    )
    write_docx("bad/xxe.docx", xxe)
    # Numbered paragraphs with no numbering definitions.
    write_docx("bad/no-numbering.docx", document(resolution_body()))
    # Numbering that refers to itself (a style link round to its own list).
    circular = (
        '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="ListA"/></w:abstractNum>'
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles %s><w:style w:type="numbering" w:styleId="ListA">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>' % W
    )
    write_docx(
        "bad/circular-numbering.docx", document(resolution_body()), numbering(circular), footnotes(), {"word/styles.xml": styles}
    )


def write_big(folder):
    """The benchmark's documents: a 60-page report, a 400-paragraph resolution."""
    os.makedirs(folder, exist_ok=True)
    pages = report_pages()[:1]
    n = 10
    for page in range(2, 61):
        p = [(57, 800, 9, "E/2020/9944"), (470, 800, 9, "E/C.16/2020/99"), (57, 40, 8, "%d/60" % page), (480, 40, 8, "20-05123")]
        y = 770
        while y > 120:
            text = "%d. The Committee recommends that Governments strengthen public institutions in area %d, " % (n, n) + (
                "measure what their services achieve and publish the results in open formats every year. " * 2
            )
            for line in wrap(text, 92):
                p.append((57, y, 10, line))
                y -= 12
            y -= 8
            n += 1
        pages.append(p)
    write_pdf(os.path.join(folder, "report-60-pages.pdf"), pages)
    body = [para("United Nations"), para(RESOLUTION_SYMBOL), para("Resolution adopted by the Economic and Social Council on 22 July 2020")]
    body.append(para("The Economic and Social Council,"))
    for k in range(1, 401):
        body.append(
            para("Encourages Governments to act on matter %d, with attention to the people it concerns and to what it costs;" % k, (0, 1))
        )
    write_docx(os.path.join(folder, "resolution-400-paragraphs.docx"), document("".join(body)), numbering(), footnotes())


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        write_big(sys.argv[2])
    else:
        write_report()
        write_resolution()
        write_bad()
