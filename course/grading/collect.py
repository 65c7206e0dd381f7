"""File returned notebooks into nbgrader's ``submitted/`` layout: ``course collect``.

Learners e-mail notebooks or an LMS exports them, with the learner's name or id in the
file (or folder) name in assorted forms: ``Jane Doe - 00_welcome.ipynb``,
``doe_jane_00_welcome (1).ipynb``, ``janedoe_12345_67890_00_welcome.ipynb`` (Canvas),
``Jane Doe_12345_assignsubmission_file_00_welcome.ipynb`` (Moodle),
``jane.doe@example.org/00_welcome.ipynb``. :func:`collect` works out the learner (from
a roster when given, else from the name) and the assignment (from the notebook's grade
ids, else from the name), files the newest version as
``submitted/LEARNER/ASSIGNMENT/NOTEBOOK.ipynb``, and never loses anything:

* every file received is archived as-is in ``collected/BATCH/``;
* an earlier filed version that a newer one replaces moves to
  ``collected/superseded/LEARNER/ASSIGNMENT/``, and so does a late-arriving *older* copy;
* identical duplicates are recognised and not filed twice;
* nothing is skipped silently: every entry that is not filed (hidden files, folders,
  symbolic links, files too large) is listed with the reason;
* a damaged, truncated or encrypted zip, or one that would expand past
  :data:`MAX_ARCHIVE_BYTES`, is refused as a whole with a one-line message, before
  anything is filed; symbolic links in a folder are never followed;
* two people with the same name are told apart by their LMS id or e-mail address when
  the file names carry one: a file whose id differs from the one already filed under
  that name is not merged but left unplaced, with the reason (use ``--roster``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from .. import _paths
from ..evaluation import EVALUATION_FILE, FORM_ID

__all__ = ["Placement", "Received", "collect", "learner_tokens", "read_roster"]

NOISE = {
    "ipynb", "late", "final", "copy", "resubmission", "resubmit", "resubmitted", "submission", "submitted",
    "assignsubmission", "file", "onlinetext", "attempt", "exercise", "ex", "module", "notebook", "nb",
    "version", "updated", "new", "revised", "fixed", "draft", "of", "by", "and", "the",
}
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"
#: Largest single file read from a source (a returned notebook is well under 1 MB).
MAX_FILE_BYTES = 32 * 2**20
#: Most an archive may expand to, all entries together.
MAX_ARCHIVE_BYTES = 512 * 2**20
#: Most entries an archive may have.
MAX_ENTRIES = 20_000
IDENTITIES = "identities.json"  # in collected/: which LMS id or e-mail each learner folder belongs to


@dataclass
class Received:
    """One file as received (from a folder or a zip)."""

    name: str  # path inside SRC, with forward slashes
    data: bytes
    modified: datetime


@dataclass
class Placement:
    """What :func:`collect` did with one received file."""

    source: str
    student: str | None
    assignment: str | None
    status: str  # new, replaced, duplicate, older, unplaced, skipped
    detail: str = ""


# --------------------------------------------------------------------------------------
def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _split(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", _ascii(text)) if t]


def read_roster(path: Path) -> list[dict[str, object]]:
    """Read a roster CSV with columns ``id`` and ``name`` (optional ``aliases``, separated by ``;``).

    Returns
    -------
    list of dict
        ``{"id", "name", "keys"}`` where *keys* are token sets that identify the learner.

    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"roster not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "id" not in fields:
            raise ValueError(f"{path.name}: the roster needs an 'id' column (and 'name' for certificates); found {fields}")
        rows = []
        for raw in reader:
            row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
            if not row.get("id"):
                continue
            sid = row["id"]
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", sid):
                raise ValueError(f"{path.name}: learner id {sid!r} should be letters, digits, '.', '_' or '-'")
            keys = [tuple(_split(sid))]
            for alias in [row.get("name", "")] + (row.get("aliases", "").split(";") if row.get("aliases") else []):
                if _split(alias):
                    keys.append(tuple(_split(alias)))
            rows.append({"id": sid, "name": row.get("name") or None, "keys": keys})
    return rows


def _assignment_tokens(assignments: list[str]) -> dict[str, set[str]]:
    out = {}
    for a in assignments:
        parts = _split(a)
        number = a[:2]
        out[a] = {"".join(parts), number, f"m{number}", f"ex{number}", *[p for p in parts if not p.isdigit()]}
    return out


def _assignment_from_content(data: bytes, assignments: list[str]) -> str | None:
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    counts: dict[str, int] = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id", "") if isinstance(cell, dict) else ""
        m = re.match(r"^m(\d\d)_", gid or "") or re.match(r"^(pre|post|eval)_", gid or "")
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    prefix = max(counts, key=counts.get)
    for a in assignments:
        if a.startswith(prefix + "_") or (not prefix.isdigit() and a.startswith(prefix)):
            return a
    return None


def _is_evaluation(item: Received) -> bool:
    """A saved course evaluation (``evaluation.json``, perhaps renamed by an LMS)."""
    if not item.name.lower().endswith(".json") or "evaluation" not in item.name.lower() or len(item.data) > 256 * 1024:
        return False
    try:
        data = json.loads(item.data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("form") == FORM_ID


def _assignment_from_name(tokens: list[str], joined: str, assignments: list[str]) -> str | None:
    hits = []
    for a in assignments:
        if a.lower() in joined or "".join(_split(a)) in tokens:
            hits.append(a)
    if len(hits) == 1:
        return hits[0]
    slugs = _assignment_tokens(assignments)
    hits = [a for a, keys in slugs.items() if any(k in tokens and not k.isdigit() for k in keys - {a[:2]})]
    return hits[0] if len(hits) == 1 else None


def learner_tokens(name: str, assignments: list[str]) -> list[str]:
    """The tokens of a received file's path that may name the learner.

    Drops the extension, assignment names, e-mail domains, LMS noise words and short
    numbers such as ``(1)``; keeps long numbers (LMS user ids).
    """
    parts = PurePosixPath(name).parts
    text = " ".join(parts)
    text = re.sub(r"\.(ipynb|json)$", "", text, flags=re.I)
    text = re.sub(r"@[A-Za-z0-9.-]+", " ", text)  # e-mail domains
    for a in assignments:
        text = re.sub(re.escape(a), " ", text, flags=re.I)
    drop = set(NOISE)
    for keys in _assignment_tokens(assignments).values():
        drop |= keys
    out = []
    for t in _split(text):
        if t in drop or (t.isdigit() and len(t) <= 2) or re.fullmatch(r"v\d{1,2}", t):
            continue
        if re.fullmatch(r"(19|20)\d{6}(t?\d{4,6})?", t) or re.fullmatch(r"\d{4}", t):  # dates, times
            continue
        out.append(t)
    return out


def _version_hint(name: str) -> int:
    base = PurePosixPath(name).name.lower()
    m = re.search(r"\((\d+)\)|\bv(\d+)\b|_(\d)\.ipynb$", base)
    n = int(next(g for g in m.groups() if g)) if m else 0
    if re.search(r"late|resubmi|final|updated|revised|fixed", base):
        n += 100
    return n


def _match_roster(tokens: list[str], roster: list[dict]) -> list[str]:
    tset = set(tokens)
    joined = "".join(tokens)
    hits = []
    for row in roster:
        for key in row["keys"]:
            if not key:
                continue
            if set(key) <= tset or "".join(key) in tset or "".join(reversed(key)) in tset or (len(key) > 1 and "".join(key) == joined):
                hits.append(row["id"])
                break
    return sorted(set(hits))


class _Skipped(Exception):
    pass


def _read_zip(src: Path, skipped: list[Placement]) -> list[Received]:
    what = f"{src.name} is not a readable .zip file"
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ValueError(f"{what} (damaged or truncated? {str(exc)[:80]}); nothing was filed") from None
    items: list[Received] = []
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ValueError(f"{src.name} has {len(infos):,} entries (limit {MAX_ENTRIES:,}); nothing was filed")
        if any(i.flag_bits & 0x1 for i in infos):
            raise ValueError(f"{src.name} is encrypted (password-protected); export it again without a password. Nothing was filed")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_ARCHIVE_BYTES:
            raise ValueError(f"{src.name} would expand to {declared / 2**20:,.0f} MB (limit {MAX_ARCHIVE_BYTES / 2**20:,.0f} MB); "
                             "nothing was filed")
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            if _skippable(info.filename):
                skipped.append(Placement(info.filename, None, None, "skipped", "hidden or system file (e.g. __MACOSX, .DS_Store)"))
                continue
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                skipped.append(Placement(info.filename, None, None, "skipped", "symbolic link (not followed)"))
                continue
            if info.file_size > MAX_FILE_BYTES:
                skipped.append(Placement(info.filename, None, None, "skipped",
                                         f"too large for a returned notebook ({info.file_size / 2**20:.0f} MB)"))
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
                raise ValueError(f"{what}: entry {info.filename!r} cannot be read ({str(exc)[:80]}); nothing was filed") from None
            total += len(data)
            if len(data) > MAX_FILE_BYTES or total > MAX_ARCHIVE_BYTES:
                raise ValueError(f"{src.name} expands to more than its entries declare (a zip bomb?); nothing was filed")
            try:
                when = datetime(*info.date_time, tzinfo=timezone.utc)
            except ValueError:
                when = datetime(1980, 1, 1, tzinfo=timezone.utc)
            items.append(Received(info.filename, data, when))
    return items


def _read_folder(src: Path, skipped: list[Placement]) -> list[Received]:
    items: list[Received] = []
    for top, dirs, files in os.walk(src, followlinks=False):
        here = Path(top)
        for d in sorted(dirs):
            if (here / d).is_symlink():
                skipped.append(Placement((here / d).relative_to(src).as_posix(), None, None, "skipped",
                                         "symbolic link to a folder (not followed)"))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for f in sorted(files):
            path = here / f
            name = path.relative_to(src).as_posix()
            if path.is_symlink():
                skipped.append(Placement(name, None, None, "skipped", "symbolic link (not followed)"))
            elif _skippable(name):
                skipped.append(Placement(name, None, None, "skipped", "hidden or system file (e.g. .DS_Store)"))
            elif not path.is_file():
                skipped.append(Placement(name, None, None, "skipped", "not a regular file"))
            elif path.stat().st_size > MAX_FILE_BYTES:
                skipped.append(Placement(name, None, None, "skipped",
                                         f"too large for a returned notebook ({path.stat().st_size / 2**20:.0f} MB)"))
            else:
                items.append(Received(name, path.read_bytes(), datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)))
    return items


def _read_source(src: Path, skipped: list[Placement] | None = None) -> list[Received]:
    """Every file in *src* (a folder or a zip); what is left out goes to *skipped*."""
    skipped = [] if skipped is None else skipped
    if src.is_dir():
        return _read_folder(src, skipped)
    if src.is_file():
        with src.open("rb") as fh:
            magic = fh.read(4)
        if magic[:2] == b"PK" or src.suffix.lower() == ".zip":
            return _read_zip(src, skipped)
    raise ValueError(f"{src} is neither a folder nor a .zip file")


def identity(name: str, assignments: list[str]) -> str | None:
    """The LMS user id or e-mail address in a received file's path, if it has one."""
    m = re.search(r"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})", name)
    if m:
        return m.group(1).lower()
    for token in learner_tokens(name, assignments):
        if token.isdigit() and len(token) >= 3:
            return token
    return None


def _safe_relative(name: str) -> str:
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", "/", ".", "..")]
    return "/".join(parts) or "unnamed"


def _skippable(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts)


def _read_timestamp(folder: Path) -> datetime | None:
    path = folder / "timestamp.txt"
    if not path.is_file():
        return None
    from nbgrader.utils import parse_utc

    try:
        value = parse_utc(path.read_text(encoding="utf-8").strip())
    except Exception:  # noqa: BLE001 - a damaged timestamp counts as unknown
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def _target_name(item: Received, notebooks: list[str]) -> str | None:
    if len(notebooks) == 1:
        return notebooks[0]
    base = PurePosixPath(item.name).name
    if base in notebooks:
        return base
    tokens = set(_split(base))
    scored = sorted(((len(tokens & set(_split(n))), n) for n in notebooks), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def collect(
    src: Path,
    root: Path | None = None,
    roster: Path | None = None,
    db_url: str | None = None,
    now: datetime | None = None,
) -> list[Placement]:
    """File every notebook in *src* (a folder or a .zip) into ``submitted/``.

    Parameters
    ----------
    src : Path
        Folder or zip of returned notebooks.
    root : Path, optional
        Course root (default: this checkout).
    roster : Path, optional
        CSV with ``id,name[,aliases]``; learners are then matched to it, and their
        certificate names are stored in the gradebook (id and name only).
    db_url : str, optional
        Gradebook URL (used only with a roster).
    now : datetime, optional
        Batch time (default: now, UTC).

    Returns
    -------
    list of Placement
        One per received file, in the order received, then one per entry skipped
        (status ``"skipped"``, with the reason).

    Raises
    ------
    ValueError
        For a source that cannot be read as a whole (a damaged, truncated or encrypted
        zip, or one too large); nothing is filed then.

    """
    root = Path(root or _paths.root()).resolve()
    src = Path(src).resolve() if Path(src).exists() else Path(src)
    if not src.exists():
        raise ValueError(f"{src} does not exist")
    assignments = _paths.assignments(root / "solutions")
    if not assignments:
        raise ValueError(f"no assignments in {root / 'solutions'}")
    notebooks = {a: sorted(p.name for p in (root / "solutions" / a).glob("*.ipynb")) for a in assignments}
    people = read_roster(roster) if roster else None
    skipped: list[Placement] = []
    items = _read_source(src, skipped)
    batch = _batch_folder(root, now or datetime.now(timezone.utc))
    # 1. keep every file exactly as received (under a safe name: no "..", no absolute paths)
    for item in items:
        dest = _unique(batch / _safe_relative(item.name))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(item.data)
    submitted = root / "submitted"
    learners = _Learners(root / "collected" / IDENTITIES, people, submitted if people is None else None)

    results: dict[int, Placement] = {}
    groups: dict[tuple[str, str, str], list[int]] = {}
    for idx, item in enumerate(items):
        placed = _place(item, assignments, notebooks, learners, batch.relative_to(root))
        if isinstance(placed, Placement):
            results[idx] = placed
        else:
            groups.setdefault(placed, []).append(idx)

    # 2. file each learner's versions oldest first, so the newest ends up current
    for (student, assignment, target), idxs in groups.items():
        idxs.sort(key=lambda i: (items[i].modified, _version_hint(items[i].name), i))
        folder = submitted / student / assignment
        for idx in idxs:
            results[idx] = _file_one(root, folder, target, items[idx], student, assignment)

    learners.save()
    if people is not None and groups:
        from .gradebook import resolve_db_url, set_learner_name

        url = resolve_db_url(root, db_url)
        names = {row["id"]: row["name"] for row in people}
        for student in sorted({s for s, _, _ in groups}):
            set_learner_name(url, student, names.get(student))
    return [results[i] for i in range(len(items))] + skipped


def _batch_folder(root: Path, now: datetime) -> Path:
    """``collected/<UTC time>``, with ``-2``, ``-3``... if that batch exists already."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    batch = root / "collected" / stamp
    n = 2
    while batch.exists():
        batch = batch.with_name(f"{stamp}-{n}")
        n += 1
    return batch


class _Learners:
    """Who a file belongs to: the roster when there is one, else the learners already
    filed (by the words of their id) and the identity registry (name -> id seen).
    """

    def __init__(self, registry_path: Path, people: list[dict] | None, submitted: Path | None) -> None:
        self.registry_path = registry_path
        self.people = people
        try:
            self.registry: dict[str, str] = (json.loads(registry_path.read_text(encoding="utf-8"))
                                             if people is None and registry_path.is_file() else {})
        except (OSError, json.JSONDecodeError):
            self.registry = {}
        self.existing: dict[frozenset, str] = {}
        self.concat: dict[str, str] = {}
        if submitted is not None and submitted.is_dir():
            for p in submitted.iterdir():
                if p.is_dir():
                    self._remember(frozenset(_split(p.name)), p.name)

    def _remember(self, key: frozenset, sid: str) -> None:
        self.existing[key] = sid
        words = _split(sid)
        if len(words) > 1:
            self.concat.setdefault("".join(words), sid)
            self.concat.setdefault("".join(reversed(words)), sid)

    def student(self, name: str, tokens: list[str], assignments: list[str]) -> tuple[str | None, str | None]:
        """``(learner id, None)``, or ``(None, why not)`` in plain words."""
        if self.people is not None:
            hits = _match_roster(tokens, self.people)
            if len(hits) != 1:
                why = "matches several learners: " + ", ".join(hits) if hits else "matches no learner on the roster"
                return None, f"file name {why}"
            return hits[0], None
        words = [t for t in tokens if not t.isdigit()] or tokens
        if not words:
            return None, "no learner name or id in the file name"
        key = frozenset(words)
        student = self.existing.get(key) or self.concat.get("".join(words))
        who = identity(name, assignments)
        if student is not None and who and self.registry.get(student) and self.registry[student] != who:
            return None, (f"same name as learner {student} but a different id ({who}, not {self.registry[student]}): "
                          "probably two people with the same name, so not merged; use --roster to tell them apart")
        if student is None:
            student = "-".join(words)
            self._remember(key, student)
        if who and student not in self.registry:
            self.registry[student] = who
        return student, None

    def save(self) -> None:
        """Write the identity registry (only without a roster, and only if it holds anything)."""
        if self.people is None and self.registry:
            self.registry_path.parent.mkdir(parents=True, exist_ok=True)
            self.registry_path.write_text(json.dumps(self.registry, indent=1, sort_keys=True), encoding="utf-8")


def _place(item: Received, assignments: list[str], notebooks: dict[str, list[str]], learners: _Learners,
           kept_in: Path) -> Placement | tuple[str, str, str]:
    """Where *item* goes, ``(student, assignment, notebook name)``, or why it stays unplaced."""
    evaluation = _is_evaluation(item)
    if not item.name.lower().endswith(".ipynb") and not evaluation:
        return Placement(item.name, None, None, "unplaced", f"not a notebook (kept in {kept_in})")
    if evaluation:  # a saved evaluation form travels with (or instead of) its notebook
        from ..syllabus import load

        assignment = load().evaluation if load().evaluation in assignments else None
    else:
        assignment = (_assignment_from_content(item.data, assignments)
                      or _assignment_from_name(_split(item.name), _ascii(item.name), assignments))
    if assignment is None:
        return Placement(item.name, None, None, "unplaced",
                         "cannot tell which assignment this is (no grade ids, no assignment name in the file name)")
    student, why = learners.student(item.name, learner_tokens(item.name, assignments), assignments)
    if student is None:
        return Placement(item.name, None, assignment, "unplaced", why)
    target = EVALUATION_FILE if evaluation else _target_name(item, notebooks[assignment])
    if target is None:
        return Placement(item.name, student, assignment, "unplaced", f"cannot tell which of {', '.join(notebooks[assignment])} this is")
    return student, assignment, target


def _file_one(root: Path, folder: Path, target: str, item: Received, student: str, assignment: str) -> Placement:
    dest = folder / target
    stamp = item.modified.astimezone(timezone.utc)
    superseded = root / "collected" / "superseded" / student / assignment
    if not dest.exists():
        folder.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(item.data)
        (folder / "timestamp.txt").write_text(stamp.strftime(TIMESTAMP_FORMAT), encoding="utf-8")
        return Placement(item.name, student, assignment, "new", f"-> submitted/{student}/{assignment}/{target}")
    if hashlib.sha256(dest.read_bytes()).digest() == hashlib.sha256(item.data).digest():
        return Placement(item.name, student, assignment, "duplicate", "identical to the copy already filed")
    current = _read_timestamp(folder) or datetime.fromtimestamp(dest.stat().st_mtime, tz=timezone.utc)
    superseded.mkdir(parents=True, exist_ok=True)
    if stamp >= current:
        keep = _unique(superseded / f"{current.strftime('%Y%m%dT%H%M%S')}__{target}")
        shutil.move(str(dest), keep)
        dest.write_bytes(item.data)
        (folder / "timestamp.txt").write_text(stamp.strftime(TIMESTAMP_FORMAT), encoding="utf-8")
        return Placement(item.name, student, assignment, "replaced",
                         f"newer version filed; the earlier one is kept in {keep.relative_to(root)}")
    keep = _unique(superseded / f"{stamp.strftime('%Y%m%dT%H%M%S')}__{target}")
    keep.write_bytes(item.data)
    return Placement(item.name, student, assignment, "older",
                     f"older than the filed copy; kept in {keep.relative_to(root)}")
