"""CE certificates (PDF, reportlab) with verification codes: ``course certificates`` and
``course verify``.

A code is an HMAC-SHA256, keyed with a per-course secret kept *outside* the repository
(``~/.config/ai-guardrails-course/COURSE_ID.secret`` by default, created on first use with
mode 0600; override with ``$COURSE_SECRET_FILE``), of the course id, learner id, date,
hours and modules. Each issued certificate is also recorded in a small register table
(``course_certificate``) in the gradebook, so ``course verify CODE`` can confirm it:
the code must be in the register, the register entry must still match its HMAC (so an
edited entry is caught), and the learner must still be in the gradebook unless the
register was deliberately kept through ``course purge --keep-register``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from .. import COURSE_TITLE, _paths
from .gradebook import course_id as get_course_id
from .gradebook import learner_names, resolve_db_url
from .results import CompletionRule, load_results

__all__ = [
    "Certificate",
    "Verification",
    "eligible",
    "issue_certificates",
    "make_code",
    "secret_path",
    "verify",
]

SECRET_ENV = "COURSE_SECRET_FILE"
TABLE = "course_certificate"


@dataclass
class Certificate:
    """One issued certificate."""

    code: str
    student: str
    name: str
    hours: float
    issued: str  # ISO date
    modules: list[str]
    path: Path | None = None


@dataclass
class Verification:
    """The answer of :func:`verify`."""

    valid: bool
    message: str
    certificate: Certificate | None = None


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


def make_code(secret: bytes, course: str, student: str, issued: str, hours: float, modules: list[str]) -> str:
    """The verification code: 12 base-32 characters of an HMAC, as ``XXXX-XXXX-XXXX``."""
    msg = "|".join([course, student, issued, f"{hours:g}", ",".join(sorted(modules))]).encode()
    digest = hmac.new(secret, msg, hashlib.sha256).digest()
    raw = base64.b32encode(digest).decode()[:12]
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def _normalise(code: str) -> str:
    raw = re.sub(r"[^A-Z2-7]", "", code.upper())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _table(db_url: str):
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
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
    )
    meta.create_all(engine)
    return engine, table


def eligible(db_url: str, rule: CompletionRule) -> list[tuple[str, list[str]]]:
    """``[(learner id, modules completed)]`` for learners who meet *rule*."""
    assignments, _questions, subs = load_results(db_url)
    done: dict[str, list[str]] = {}
    for s in subs:
        if rule.completed(s):
            done.setdefault(s.student, []).append(s.assignment)
    return [(sid, sorted(mods)) for sid, mods in sorted(done.items()) if rule.qualifies(mods, assignments)]


def _draw(path: Path, cert: Certificate, course_title: str) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas

    width, height = landscape(letter)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setTitle(f"Certificate of completion: {cert.name}")
    c.setAuthor(course_title)
    c.setStrokeColor(HexColor("#2f5d62"))
    c.setLineWidth(4)
    c.rect(28, 28, width - 56, height - 56)
    c.setFillColor(HexColor("#2f5d62"))
    c.setFont("Helvetica-Bold", 30)
    c.drawCentredString(width / 2, height - 110, "Certificate of Completion")
    c.setFillColor(HexColor("#000000"))
    c.setFont("Helvetica", 14)
    c.drawCentredString(width / 2, height - 150, "This certifies that")
    c.setFont("Helvetica-Bold", 26)
    c.drawCentredString(width / 2, height - 192, cert.name)
    c.setFont("Helvetica", 14)
    c.drawCentredString(width / 2, height - 228, "has completed the continuing-education course")
    c.setFont("Helvetica-Bold", 18)
    c.drawCentredString(width / 2, height - 258, course_title)
    c.setFont("Helvetica", 14)
    c.drawCentredString(width / 2, height - 292, f"{cert.hours:g} CE hours  ·  completed {cert.issued}")
    c.setFont("Helvetica", 11)
    mods = ", ".join(cert.modules)
    lines = [mods[i:i + 110] for i in range(0, len(mods), 110)] or [""]
    y = height - 326
    c.drawCentredString(width / 2, y, "Modules completed:")
    for line in lines:
        y -= 16
        c.drawCentredString(width / 2, y, line)
    c.setFont("Courier-Bold", 14)
    c.drawCentredString(width / 2, 96, f"Verification code: {cert.code}")
    c.setFont("Helvetica", 9)
    c.drawCentredString(width / 2, 78, "The course provider confirms this code with `course verify CODE` against its records.")
    c.drawCentredString(width / 2, 64, "This certificate records completion of an educational course. It is not a licence, "
                                       "a credential to practise, or legal advice.")
    c.showPage()
    c.save()


def issue_certificates(hours: float, root: Path | None = None, out: Path | None = None, db_url: str | None = None,
                       rule: CompletionRule | None = None, issued: Date | None = None,
                       course_title: str = COURSE_TITLE) -> tuple[list[Certificate], list[str]]:
    """Write a PDF for every learner who meets the completion rule, and register its code.

    Parameters
    ----------
    hours : float
        CE hours to print.
    root, out, db_url : optional
        Course root, output folder (default ``ROOT/certificates``), gradebook URL.
    rule : CompletionRule, optional
        The completion rule (default: 70 % of the autograded points in every module).
    issued : date, optional
        Completion date to print (default: today).

    Returns
    -------
    certificates : list of Certificate
    skipped : list of str
        Learners who qualify but have no certificate name in the gradebook.
    """
    if not hours or hours <= 0:
        raise ValueError("--hours must be a positive number of CE hours, e.g. 1.5")
    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    rule = rule or CompletionRule()
    out = Path(out or root / "certificates")
    out.mkdir(parents=True, exist_ok=True)
    course = get_course_id(root)
    secret = _secret(course, create=True)
    day = (issued or Date.today()).isoformat()
    names = learner_names(url)
    certs, skipped = [], []
    engine, table = _table(url)
    with engine.begin() as conn:
        for student, modules in eligible(url, rule):
            name = names.get(student)
            if not name:
                skipped.append(student)
                continue
            code = make_code(secret, course, student, day, hours, modules)
            cert = Certificate(code, student, name, float(hours), day, modules, out / f"{student}.pdf")
            _draw(cert.path, cert, course_title)
            conn.execute(table.delete().where(table.c.code == code))
            conn.execute(table.insert().values(code=code, course_id=course, student_id=student, name=name,
                                               hours=float(hours), issued=day, modules=",".join(modules)))
            certs.append(cert)
    engine.dispose()
    return certs, skipped


def verify(code: str, root: Path | None = None, db_url: str | None = None) -> Verification:
    """Confirm a certificate's verification *code* against the gradebook.

    Returns
    -------
    Verification
        ``valid`` is True only when the code is registered, its entry matches its HMAC
        and the learner is still in the gradebook.
    """
    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    wanted = _normalise(code)
    if len(wanted) != 14:
        return Verification(False, f"{code!r} is not a verification code (expected 12 letters/digits like ABCD-EFGH-2345)")
    engine, table = _table(url)
    with engine.connect() as conn:
        row = conn.execute(table.select().where(table.c.code == wanted)).mappings().first()
    engine.dispose()
    if row is None:
        return Verification(False, f"NOT VALID: no certificate with code {wanted} was issued by this course.")
    modules = [m for m in row["modules"].split(",") if m]
    cert = Certificate(row["code"], row["student_id"], row["name"], row["hours"], row["issued"], modules)
    secret = _secret(row["course_id"], create=False)
    if secret is None:
        return Verification(False, f"cannot check {wanted}: the course secret ({secret_path(row['course_id'])}) is missing", cert)
    expected = make_code(secret, row["course_id"], row["student_id"], row["issued"], row["hours"], modules)
    if not hmac.compare_digest(expected, wanted):
        return Verification(False, f"NOT VALID: the register entry for {wanted} has been altered.", cert)
    if row["student_id"] not in learner_names(url):
        return Verification(True, f"VALID (register only; learner data purged): {row['name']}, {COURSE_TITLE}, "
                                  f"{row['hours']:g} CE hours, completed {row['issued']}, modules {', '.join(modules)}.", cert)
    return Verification(True, f"VALID: {row['name']} completed {COURSE_TITLE}, {row['hours']:g} CE hours, "
                              f"on {row['issued']}; modules {', '.join(modules)}.", cert)
