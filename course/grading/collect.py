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
* identical duplicates are recognised and not filed twice.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import unicodedata
import zipfile
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
    status: str  # new, replaced, duplicate, older, unplaced
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


def _read_source(src: Path) -> list[Received]:
    items: list[Received] = []
    if src.is_file() and zipfile.is_zipfile(src):
        with zipfile.ZipFile(src) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                items.append(Received(info.filename, zf.read(info), datetime(*info.date_time, tzinfo=timezone.utc)))
    elif src.is_dir():
        for path in sorted(src.rglob("*")):
            if path.is_file():
                items.append(
                    Received(path.relative_to(src).as_posix(), path.read_bytes(),
                             datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc))
                )
    else:
        raise ValueError(f"{src} is neither a folder nor a .zip file")
    return items


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
        One per received file, in the order received.
    """
    root = Path(root or _paths.root()).resolve()
    src = Path(src)
    if not src.exists():
        raise ValueError(f"{src} does not exist")
    assignments = _paths.assignments(root / "solutions")
    if not assignments:
        raise ValueError(f"no assignments in {root / 'solutions'}")
    notebooks = {a: sorted(p.name for p in (root / "solutions" / a).glob("*.ipynb")) for a in assignments}
    people = read_roster(roster) if roster else None
    items = [i for i in _read_source(src) if not _skippable(i.name)]
    now = now or datetime.now(timezone.utc)
    batch = root / "collected" / now.strftime("%Y%m%dT%H%M%SZ")
    n = 2
    while batch.exists():
        batch = batch.with_name(f"{now.strftime('%Y%m%dT%H%M%SZ')}-{n}")
        n += 1
    # 1. keep every file exactly as received (under a safe name: no "..", no absolute paths)
    for item in items:
        dest = batch / _safe_relative(item.name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(item.data)

    existing = {}
    submitted = root / "submitted"
    if people is None and submitted.is_dir():
        for p in submitted.iterdir():
            if p.is_dir():
                existing[frozenset(_split(p.name))] = p.name
    concat = {}
    for sid in existing.values():
        words = _split(sid)
        if len(words) > 1:
            concat.setdefault("".join(words), sid)
            concat.setdefault("".join(reversed(words)), sid)

    results: dict[int, Placement] = {}
    groups: dict[tuple[str, str, str], list[int]] = {}
    for idx, item in enumerate(items):
        evaluation = _is_evaluation(item)
        if not item.name.lower().endswith(".ipynb") and not evaluation:
            results[idx] = Placement(item.name, None, None, "unplaced", f"not a notebook (kept in {batch.relative_to(root)})")
            continue
        joined = _ascii(item.name)
        if evaluation:  # a saved evaluation form travels with (or instead of) its notebook
            from ..syllabus import load

            assignment = load().evaluation if load().evaluation in assignments else None
        else:
            assignment = _assignment_from_content(item.data, assignments) or _assignment_from_name(_split(item.name), joined, assignments)
        tokens = learner_tokens(item.name, assignments)
        student = None
        if assignment is None:
            results[idx] = Placement(item.name, None, None, "unplaced", "cannot tell which assignment this is (no grade ids, no assignment name in the file name)")
            continue
        if people is not None:
            hits = _match_roster(tokens, people)
            if len(hits) != 1:
                why = "matches several learners: " + ", ".join(hits) if hits else "matches no learner on the roster"
                results[idx] = Placement(item.name, None, assignment, "unplaced", f"file name {why}")
                continue
            student = hits[0]
        else:
            words = [t for t in tokens if not t.isdigit()] or tokens
            if not words:
                results[idx] = Placement(item.name, None, assignment, "unplaced", "no learner name or id in the file name")
                continue
            key = frozenset(words)
            student = existing.get(key) or concat.get("".join(words))
            if student is None:
                student = "-".join(words)
                existing[key] = student
                if len(words) > 1:
                    concat.setdefault("".join(words), student)
                    concat.setdefault("".join(reversed(words)), student)
        target = EVALUATION_FILE if evaluation else _target_name(item, notebooks[assignment])
        if target is None:
            results[idx] = Placement(item.name, student, assignment, "unplaced", f"cannot tell which of {', '.join(notebooks[assignment])} this is")
            continue
        groups.setdefault((student, assignment, target), []).append(idx)

    # 2. file each learner's versions oldest first, so the newest ends up current
    for (student, assignment, target), idxs in groups.items():
        idxs.sort(key=lambda i: (items[i].modified, _version_hint(items[i].name), i))
        folder = submitted / student / assignment
        for idx in idxs:
            item = items[idx]
            results[idx] = _file_one(root, folder, target, item, student, assignment)

    if people is not None and groups:
        from .gradebook import resolve_db_url, set_learner_name

        url = resolve_db_url(root, db_url)
        names = {row["id"]: row["name"] for row in people}
        for student in sorted({s for s, _, _ in groups}):
            set_learner_name(url, student, names.get(student))
    return [results[i] for i in range(len(items))]


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
