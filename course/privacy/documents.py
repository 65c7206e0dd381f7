"""Reading documents for ``course deidentify``: a ``.jsonl`` file, a ``.txt`` file or a
folder of ``.txt`` files. Bad documents are reported by name and skipped; the rest are read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "InputError", "Problem", "read_documents"]


@dataclass
class Document:
    """One document to de-identify (``spans``: gold annotations, when the input has them)."""

    id: str
    text: str
    spans: list[dict] | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """A document that could not be read, and why (in words for a person)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(ValueError):
    """The input as a whole cannot be read (missing, unsupported, empty folder)."""


def _decode(data: bytes, where: str) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Problem(where, f"not valid UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                                    "re-save it as UTF-8 and run again - skipped")


def _check_spans(spans: object, text: str) -> str | None:
    if not isinstance(spans, list):
        return "'spans' should be a list"
    for s in spans:
        if not isinstance(s, dict) or not {"start", "end", "label"} <= set(s):
            return "each gold span needs start, end and label"
        if not (isinstance(s["start"], int) and isinstance(s["end"], int) and 0 <= s["start"] <= s["end"] <= len(text)):
            return f"gold span {s} is outside the text"
    return None


def _read_jsonl(path: Path) -> tuple[list[Document], list[Problem]]:
    docs: list[Document] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{path.name} line {lineno}"
        line, problem = _decode(raw, where)
        if problem:
            problems.append(problem)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(where, f"not valid JSON ({exc.msg} at column {exc.colno}) - skipped"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(where, 'expected an object like {"id": ..., "text": ...} - skipped'))
            continue
        doc_id = str(obj.get("id", f"line-{lineno}"))
        where = f"{path.name} line {lineno} (id {doc_id})"
        text = obj.get("text")
        if not isinstance(text, str):
            problems.append(Problem(where, "has no 'text' string - skipped"))
            continue
        spans = obj.get("spans")
        if spans is not None:
            bad = _check_spans(spans, text)
            if bad:
                problems.append(Problem(where, f"{bad} - skipped"))
                continue
        doc = Document(doc_id, text, spans, where)
        if doc_id in seen:
            doc.notes.append(f"{where}: the id {doc_id!r} occurs more than once")
        seen.add(doc_id)
        docs.append(doc)
    return docs, problems


def _read_txt(path: Path, doc_id: str | None = None) -> tuple[list[Document], list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(str(path), f"cannot be read ({exc.strerror}) - skipped")]
    text, problem = _decode(data, path.name)
    if problem:
        return [], [problem]
    return [Document(doc_id or path.stem, text, None, path.name)], []


def read_documents(path: Path | str) -> tuple[list[Document], list[Problem]]:
    """Read every document in *path*.

    Parameters
    ----------
    path : path-like
        A ``.jsonl`` file (one ``{"id", "text"}`` object per line, optionally with gold
        ``spans``), a ``.txt`` file (one document), or a folder of ``.txt`` files.

    Returns
    -------
    (list of Document, list of Problem)
        What could be read, and what was skipped and why.

    Raises
    ------
    InputError
        When *path* is missing, of an unsupported type, or a folder without ``.txt`` files.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist. Give a .jsonl file, a .txt file or a folder of .txt files.")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        if not files:
            raise InputError(f"the folder {path} has no .txt files in it.")
        docs: list[Document] = []
        problems: list[Problem] = []
        for f in files:
            d, p = _read_txt(f, f.stem)
            docs += d
            problems += p
        return docs, problems
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path)
    if suffix == ".txt":
        return _read_txt(path)
    raise InputError(f"{path.name}: unsupported file type {suffix or '(none)'}; use .jsonl, .txt or a folder of .txt files.")
