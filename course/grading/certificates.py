"""Certificates (PDF, reportlab) that a CE board can accept, with verification codes:
``course certificates`` and ``course verify``.

Who gets one is decided by the syllabus's completion rule for the cohort's session
format (:func:`course.grading.results.completion`). Every field printed comes from the
syllabus (course title, module titles, contact and ethics hours), the facilitator's
``ce.toml`` (provider, approval statement, instructor, delivery, dates) and the
gradebook or roster (learner name, optional licence number and state).

The verification code is an HMAC-SHA256, keyed with a per-course secret kept *outside*
the repository (``~/.config/ai-guardrails-course/COURSE_ID.secret``, created on first use
with mode 0600; override with ``$COURSE_SECRET_FILE``), of **every printed field**. The
register table ``course_certificate`` in the gradebook keeps those fields, so ``course
verify CODE`` recomputes the code from them: editing any field in the register (the name
included) makes the certificate NOT VALID.

Names are drawn in DejaVu Sans (shipped by matplotlib), with WenQuanYi Micro Hei (the
pinned ``paperang-p2-fonts-cjk`` package) for Chinese, Japanese and Korean characters;
both are embedded in the PDF, nothing is fetched. A long name shrinks to fit.
"""

from __future__ import annotations

import base64
import csv
import functools
import hashlib
import hmac
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from .. import _paths

__all__ = [
    "NOT_APPROVED_TITLE",
    "APPROVED_TITLE",
    "Certificate",
    "Verification",
    "certificate_fields",
    "draw_certificate",
    "issue_certificates",
    "make_code",
    "safe_text",
    "secret_path",
    "verify",
]

SECRET_ENV = "COURSE_SECRET_FILE"
TABLE = "course_certificate"
APPROVED_TITLE = "Certificate of Completion"
NOT_APPROVED_TITLE = "Certificate of completion (not approved for CE credit)"
NOT_APPROVED_NOTE = ("This course has not been approved for continuing-education credit by any board or "
                     "organisation. This certificate records completion only.")
FOOTER = ("This certificate records completion of an educational course. It is not a licence, a credential "
          "to practise, or legal advice.")
#: Fields signed and printed, in the order they are listed by ``course verify``.
FIELDS = ("title", "name", "licence", "licence_state", "course", "provider", "provider_contact", "delivery",
          "session", "dates", "contact_hours", "ethics_hours", "instructor", "modules", "approval",
          "issued", "course_id", "student_id")


@dataclass
class Certificate:
    """One issued certificate: its code and every printed field."""

    code: str
    fields: dict[str, Any]
    path: Path | None = None

    @property
    def student(self) -> str:
        """The learner's student id."""
        return self.fields["student_id"]

    @property
    def name(self) -> str:
        """The learner's name, as printed on the certificate."""
        return self.fields["name"]


@dataclass
class Verification:
    """The answer of :func:`verify`."""

    valid: bool
    message: str
    certificate: Certificate | None = None


# ---------------------------------------------------------------------------------------
# secret, code, register
# ---------------------------------------------------------------------------------------
def secret_path(course: str) -> Path:
    """Where the per-course secret lives (outside the repository)."""
    if os.environ.get(SECRET_ENV):
        return Path(os.environ[SECRET_ENV])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "ai-guardrails-course" / f"{course}.secret"


def _secret(course: str, create: bool) -> bytes | None:
    path = secret_path(course)
    if not path.is_file():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(os.urandom(32).hex())
    return path.read_text(encoding="utf-8").strip().encode()


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps({k: fields.get(k) for k in FIELDS}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def make_code(secret: bytes, fields: dict[str, Any]) -> str:
    """The verification code of a certificate with these printed *fields*: 12 base-32
    characters of an HMAC-SHA256 over all of them, as ``XXXX-XXXX-XXXX``.
    """
    digest = hmac.new(secret, _canonical(fields), hashlib.sha256).digest()
    raw = base64.b32encode(digest).decode()[:12]
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def _normalise(code: str) -> str:
    raw = re.sub(r"[^A-Z2-7]", "", code.upper())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def safe_text(text: Any) -> str:
    """*text* without terminal control characters (C0, DEL, C1 such as ESC and CSI) or
    bidirectional overrides, so a register entry cannot rewrite the facilitator's
    terminal or disguise what it says.
    """
    s = str(text).translate(_BIDI)
    return "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in s).strip()


def _table(db_url: str):
    import sqlalchemy as sa

    from .gradebook import normalise_db_url

    engine = sa.create_engine(normalise_db_url(db_url))
    meta = sa.MetaData()
    table = sa.Table(
        TABLE, meta,
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("course_id", sa.String(128), nullable=False),
        sa.Column("student_id", sa.String(128), nullable=False),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("hours", sa.Float, nullable=False),
        sa.Column("issued", sa.String(10), nullable=False),
        sa.Column("modules", sa.Text, nullable=False),
        sa.Column("fields", sa.Text, nullable=True),
    )
    meta.create_all(engine)
    columns = {c["name"] for c in sa.inspect(engine).get_columns(TABLE)}
    if "fields" not in columns:  # a register from before every field was signed
        with engine.begin() as conn:
            conn.execute(sa.text(f"ALTER TABLE {TABLE} ADD COLUMN fields TEXT"))
    return engine, table


# ---------------------------------------------------------------------------------------
# fields
# ---------------------------------------------------------------------------------------
def _hours(h: float) -> str:
    return f"{h:g}"


def _human_date(iso: str) -> str:
    d = Date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def certificate_fields(*, name: str, student: str, course_id: str, syllabus, session_format: str, ce,
                       dates: list[str], issued: str, licence: str = "", licence_state: str = "") -> dict[str, Any]:
    """Every field a certificate prints (and its code signs)."""
    fmt = syllabus.format(session_format)
    approved = ce.approved
    return {
        "title": APPROVED_TITLE if approved else NOT_APPROVED_TITLE,
        "name": unicodedata.normalize("NFC", " ".join(name.split())),
        "licence": " ".join(licence.split()),
        "licence_state": " ".join(licence_state.split()),
        "course": syllabus.title,
        "provider": ce.provider,
        "provider_contact": ce.contact,
        "delivery": ce.delivery,
        "session": fmt.title,
        "dates": [Date.fromisoformat(d).isoformat() for d in dates],
        "contact_hours": _hours(fmt.ce_hours),
        "ethics_hours": _hours(fmt.ethics_hours),
        "instructor": ce.instructor,
        "modules": [syllabus.module(m).title for m in fmt.modules],
        "approval": (f"{ce.approval_statement}" + (f" (approval no. {ce.approval_number})" if ce.approval_number else ""))
        if approved else "",
        "issued": issued,
        "course_id": course_id,
        "student_id": student,
    }


# ---------------------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------------------
def _font_paths() -> dict[str, tuple[str, int]]:
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    out = {"Sans": (str(ttf / "DejaVuSans.ttf"), 0), "Sans-Bold": (str(ttf / "DejaVuSans-Bold.ttf"), 0),
           "Mono": (str(ttf / "DejaVuSansMono-Bold.ttf"), 0)}
    try:
        import paperang_p2_fonts_cjk

        cjk = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
        if cjk.is_file():
            out["CJK"] = (str(cjk), 0)
    except ImportError:  # pragma: no cover - a pinned dependency
        pass
    return out


@functools.cache
def _register_fonts() -> dict[str, Any]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = {}
    for name, (path, index) in _font_paths().items():
        font = TTFont(f"Course{name}", path, subfontIndex=index)
        pdfmetrics.registerFont(font)
        fonts[name] = font
    return fonts


def _font_for(ch: str, bold: bool) -> str | None:
    fonts = _register_fonts()
    primary = "Sans-Bold" if bold else "Sans"
    if ord(ch) in fonts[primary].face.charToGlyph or ch in " \u00a0":
        return primary
    if "CJK" in fonts and ord(ch) in fonts["CJK"].face.charToGlyph:
        return "CJK"
    return None


def missing_glyphs(text: str) -> list[str]:
    """Characters of *text* that no bundled font can draw (``U+XXXX name``)."""
    out = []
    for ch in text:
        if _font_for(ch, False) is None and unicodedata.category(ch)[0] not in "CZ":
            out.append(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}")
    return out


def _runs(text: str, bold: bool) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = _font_for(ch, bold) or ("Sans-Bold" if bold else "Sans")
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(t, f"Course{f}", size) for f, t in _runs(text, bold))


def _draw_centred(c, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    start = x - _width(text, size, bold) / 2
    for font, t in _runs(text, bold):
        c.setFont(f"Course{font}", size)
        c.drawString(start, y, t)
        start += _width(t, size, bold)


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break *text* into lines at spaces only (never inside a word)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and _width(trial, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _fit(text: str, start: float, width: float, bold: bool, smallest: float = 11) -> tuple[float, list[str]]:
    """The largest size (down to *smallest*) at which *text* fits on one line, else two lines."""
    size = start
    while size > smallest and _width(text, size, bold) > width:
        size -= 0.5
    if _width(text, size, bold) <= width:
        return size, [text]
    words = text.split()
    if len(words) > 1:
        return size, _wrap(text, size, width, bold)
    # One very long word (no spaces, e.g. CJK): shrink further rather than break it.
    while size > 6 and _width(text, size, bold) > width:
        size -= 0.5
    return size, [text]


def draw_certificate(path: Path, fields: dict[str, Any], code: str) -> Path:
    """Write the certificate PDF for *fields* and *code* to *path*."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas

    _register_fonts()
    width, height = landscape(letter)
    mid = width / 2
    text_width = width - 130
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setTitle(f"{fields['title']}: {fields['name']}")
    c.setAuthor(fields["provider"])
    c.setSubject(fields["course"])
    teal = HexColor("#1f4e52")  # 9:1 contrast on white
    c.setStrokeColor(teal)
    c.setLineWidth(3)
    c.rect(24, 24, width - 48, height - 48)
    c.setFillColor(teal)
    y = height - 78
    size, lines = _fit(fields["title"], 26, text_width, True)
    for line in lines:
        _draw_centred(c, mid, y, line, size, True)
        y -= size + 4
    c.setFillColor(HexColor("#000000"))
    y -= 8
    _draw_centred(c, mid, y, "This certifies that", 12)
    y -= 34
    size, lines = _fit(fields["name"], 26, text_width, True)
    for line in lines:
        _draw_centred(c, mid, y, line, size, True)
        y -= size + 4
    if fields["licence"]:
        state = f" ({fields['licence_state']})" if fields["licence_state"] else ""
        y -= 2
        _draw_centred(c, mid, y, f"Licence number: {fields['licence']}{state}", 11)
        y -= 16
    y -= 8
    _draw_centred(c, mid, y, "has completed the course", 12)
    y -= 24
    size, lines = _fit(fields["course"], 18, text_width, True)
    for line in lines:
        _draw_centred(c, mid, y, line, size, True)
        y -= size + 4
    y -= 6
    dates = " and ".join(_human_date(d) for d in fields["dates"])
    details = [
        f"Provider: {fields['provider']}" + (f" ({fields['provider_contact']})" if fields["provider_contact"] else ""),
        f"Delivery: {fields['delivery']}  ·  {fields['session']}  ·  Date(s): {dates}",
        f"Contact hours: {fields['contact_hours']}  ·  Ethics hours: {fields['ethics_hours']}"
        + (f"  ·  Instructor: {fields['instructor']}" if fields["instructor"] else ""),
    ]
    for text in details:
        for line in _wrap(text, 11, text_width):
            _draw_centred(c, mid, y, line, 11)
            y -= 15
    y -= 4
    _draw_centred(c, mid, y, "Modules completed", 11, True)
    y -= 15
    # Whole titles only: one per line, or two per line when there are many.
    titles = list(fields["modules"])
    per_line = 1 if len(titles) <= 8 else 2
    for i in range(0, len(titles), per_line):
        line = "  ·  ".join(titles[i:i + per_line])
        size, _ = _fit(line, 10.5, text_width, False, smallest=7)
        _draw_centred(c, mid, y, line, size)
        y -= 13.5
    y -= 6
    statement = fields["approval"] or NOT_APPROVED_NOTE
    for line in _wrap(statement, 9.5, text_width):
        _draw_centred(c, mid, y, line, 9.5)
        y -= 12
    c.setFillColor(teal)
    _draw_centred(c, mid, 84, f"Verification code: {code}", 13, True)
    c.setFillColor(HexColor("#000000"))
    _draw_centred(c, mid, 68, f"The provider confirms this code against its register (course verify {code}).", 9)
    for i, line in enumerate(_wrap(FOOTER, 8.5, text_width)):
        _draw_centred(c, mid, 52 - 11 * i, line, 8.5)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------------------------------
# issuing and verifying
# ---------------------------------------------------------------------------------------
def _read_licences(roster: Path | None) -> dict[str, dict[str, str]]:
    if roster is None:
        return {}
    out = {}
    with Path(roster).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
        if "id" not in cols:
            raise ValueError(f"{Path(roster).name}: needs an 'id' column (and optionally name, licence, state)")
        for row in reader:
            get = lambda *keys, row=row: next(((row.get(cols[k]) or "").strip() for k in keys if k in cols), "")  # noqa: E731
            sid = get("id")
            if sid:
                out[sid] = {"name": get("name"), "licence": get("licence", "license", "licence_number", "license_number"),
                            "state": get("state", "licence_state", "license_state")}
    return out


@dataclass
class IssueResult:
    """What :func:`issue_certificates` did, learner by learner."""

    certificates: list[Certificate] = field(default_factory=list)
    not_issued: list[tuple[str, str | None, list[str]]] = field(default_factory=list)  # (id, name, reasons)
    format_id: str = ""
    rule: str = ""


def issue_certificates(root: Path | None = None, out: Path | None = None, db_url: str | None = None,
                       session_format: str | None = None, delivery: str | None = None,
                       dates: list[Date] | None = None, roster: Path | None = None,
                       issued: Date | None = None) -> IssueResult:
    """Write a PDF for every learner who completes the cohort's session format, and register it.

    Parameters
    ----------
    root, out, db_url : optional
        Course root, output folder (default ``ROOT/certificates``), gradebook URL.
    session_format, delivery, dates : optional
        Override ``ce.toml`` (``[session] format``, ``delivery``, ``dates``).
    roster : Path, optional
        CSV with ``id`` and optional ``name``, ``licence``, ``state`` columns (licence numbers
        are read from here at issue time; the gradebook never stores them).
    issued : date, optional
        Issue date (default: today).

    Returns
    -------
    IssueResult
        Certificates issued, and every learner without one with the reasons.

    """
    from ..syllabus import load
    from .ce_config import load_ce
    from .gradebook import course_id as get_course_id
    from .gradebook import resolve_db_url
    from .results import completion, load_results

    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    syl = load()
    ce = load_ce(root)
    if session_format:
        syl.format(session_format)
        ce.session_format = session_format
    if delivery:
        ce.delivery = delivery
    fmt = syl.format(ce.session_format)
    if "self-study" in fmt.delivery and ce.delivery not in fmt.delivery:
        ce.delivery = "self-study"
    if ce.delivery not in fmt.delivery:
        raise ValueError(f"the {fmt.id} format is delivered {' or '.join(fmt.delivery)}, not {ce.delivery!r}")
    day = (issued or Date.today()).isoformat()
    session_dates = [d.isoformat() for d in dates] if dates else list(ce.dates)
    licences = _read_licences(roster)
    out = Path(out or root / "certificates")
    course = get_course_id(root)
    results = load_results(url)
    statuses = completion(root, url, fmt.id, syl, results)
    result = IssueResult(format_id=fmt.id, rule=syl.describe_completion(fmt.id))
    todo = []
    for st in statuses:
        name = (licences.get(st.student, {}).get("name") or st.name or "").strip()
        reasons = list(st.reasons)
        if not reasons and not name:
            reasons.append("no certificate name in the gradebook (collect with --roster, or give --roster here)")
        if not reasons and name and missing_glyphs(name):
            reasons.append("the name has characters no bundled font can print: " + ", ".join(missing_glyphs(name)))
        if reasons:
            result.not_issued.append((st.student, name or None, reasons))
        else:
            todo.append((st, name))
    if not todo:
        return result
    out.mkdir(parents=True, exist_ok=True)
    secret = _secret(course, create=True)
    engine, table = _table(url)
    with engine.begin() as conn:
        for st, name in todo:
            when = session_dates or [(st.completed_on.date().isoformat() if st.completed_on else day)]
            lic = licences.get(st.student, {})
            fields = certificate_fields(name=name, student=st.student, course_id=course, syllabus=syl,
                                        session_format=fmt.id, ce=ce, dates=when, issued=day,
                                        licence=lic.get("licence", ""), licence_state=lic.get("state", ""))
            code = make_code(secret, fields)
            safe_id = re.sub(r"[^A-Za-z0-9._-]", "_", st.student)
            cert = Certificate(code, fields, out / f"{safe_id}.pdf")
            draw_certificate(cert.path, fields, code)
            conn.execute(table.delete().where(table.c.code == code))
            conn.execute(table.insert().values(
                code=code, course_id=course, student_id=st.student, name=fields["name"],
                hours=float(fields["contact_hours"]), issued=day, modules=",".join(fmt.modules),
                fields=json.dumps(fields, ensure_ascii=False, sort_keys=True)))
            result.certificates.append(cert)
    engine.dispose()
    return result


def _describe(f: dict[str, Any]) -> str:
    parts = [f"{f.get('title')}: {f.get('name')}"]
    if f.get("licence"):
        parts.append(f"licence {f['licence']}" + (f" ({f['licence_state']})" if f.get("licence_state") else ""))
    parts += [
        f"course {f.get('course')}", f"provider {f.get('provider')}", f"delivery {f.get('delivery')} ({f.get('session')})",
        f"date(s) {', '.join(f.get('dates') or [])}", f"{f.get('contact_hours')} contact hours, "
        f"{f.get('ethics_hours')} ethics", f"instructor {f.get('instructor') or 'not named'}",
        f"modules: {'; '.join(f.get('modules') or [])}",
        f"approval: {f.get('approval') or 'none (not approved for CE credit)'}", f"issued {f.get('issued')}",
    ]
    return "; ".join(safe_text(p) for p in parts)


def verify(code: str, root: Path | None = None, db_url: str | None = None) -> Verification:
    """Confirm a certificate's verification *code* against the register.

    Returns
    -------
    Verification
        ``valid`` only when the code is registered, recomputing it from every registered
        field gives the same code, the register's own columns agree with those fields,
        and the learner is still in the gradebook (or the register was kept on purpose
        through ``course purge --keep-register``). The message is free of terminal
        control characters.

    """
    from .gradebook import learner_names, resolve_db_url

    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    wanted = _normalise(code)
    if len(wanted) != 14:
        return Verification(False, f"NOT VALID: {safe_text(code)[:40]!r} is not a verification code "
                                   "(expected 12 letters/digits like ABCD-EFGH-2345)")
    engine, table = _table(url)
    with engine.connect() as conn:
        row = conn.execute(table.select().where(table.c.code == wanted)).mappings().first()
    engine.dispose()
    if row is None:
        return Verification(False, f"NOT VALID: no certificate with code {wanted} was issued by this course.")
    try:
        fields = json.loads(row["fields"] or "")
    except (TypeError, json.JSONDecodeError):
        return Verification(False, f"NOT VALID: the register entry for {wanted} does not hold its printed fields "
                                   "(issued by an earlier version, or altered); ask the provider to re-issue it.")
    if not isinstance(fields, dict) or set(fields) != set(FIELDS):
        return Verification(False, f"NOT VALID: the register entry for {wanted} has been altered.")
    cert = Certificate(wanted, fields)
    secret = _secret(str(row["course_id"]), create=False)
    if secret is None:
        return Verification(False, f"cannot check {wanted}: the course secret ({secret_path(str(row['course_id']))}) "
                                   "is missing", cert)
    columns_agree = (
        row["course_id"] == fields["course_id"] and row["student_id"] == fields["student_id"]
        and row["name"] == fields["name"] and row["issued"] == fields["issued"]
        and f"{row['hours']:g}" == str(fields["contact_hours"])
    )
    if not hmac.compare_digest(make_code(secret, fields), wanted) or not columns_agree:
        return Verification(False, f"NOT VALID: the register entry for {wanted} has been altered.", cert)
    if fields["student_id"] not in learner_names(url):
        return Verification(True, f"VALID (register only; learner data purged): {_describe(fields)}.", cert)
    return Verification(True, f"VALID: {_describe(fields)}.", cert)
