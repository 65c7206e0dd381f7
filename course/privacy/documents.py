"""Reading documents for ``course deidentify``: a ``.jsonl`` file, a ``.txt`` file or a
folder of ``.txt`` files. Bad documents are reported by name and skipped; the rest are read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "InputError", "Problem", "count_documents", "iter_documents", "read_documents"]


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
        if not isinstance(s["label"], str) or not s["label"]:
            return f"gold span {s} has no label"
        if isinstance(s.get("text"), str) and text[s["start"]:s["end"]] != s["text"]:
            # the external format carries each span's text: a mismatch means the offsets
            # count something else (bytes, UTF-16 units) or belong to another version
            return (f"gold span {s['start']}-{s['end']} reads {text[s['start']:s['end']]!r}, not {s['text']!r} "
                    "(offsets must count characters, as Python does)")
    return None


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def _too_big(size: int, max_bytes: int) -> str:
    return (f"is {_megabytes(size)}, over the limit of {_megabytes(max_bytes)} for one document - skipped "
            "(split it into smaller documents, or raise the limit with --max-size)")


def _jsonl_record(raw: bytes, lineno: int, name: str, seen: set[str]) -> Document | Problem | None:
    if not raw.strip():
        return None
    where = f"{name} line {lineno}"
    line, problem = _decode(raw, where)
    if problem:
        return problem
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"not valid JSON ({exc.msg} at column {exc.colno}) - skipped")
    if not isinstance(obj, dict):
        return Problem(where, 'expected an object like {"id": ..., "text": ...} - skipped')
    doc_id = str(obj.get("id", f"line-{lineno}"))
    where = f"{name} line {lineno} (id {doc_id})"
    text = obj.get("text")
    if not isinstance(text, str):
        return Problem(where, "has no 'text' string - skipped")
    spans = obj.get("spans")
    if spans is not None:
        bad = _check_spans(spans, text)
        if bad:
            return Problem(where, f"{bad} - skipped")
    doc = Document(doc_id, text, spans, where)
    if doc_id in seen:
        doc.notes.append(f"{where}: the id {doc_id!r} occurs more than once")
    seen.add(doc_id)
    return doc


def _iter_jsonl(path: Path, max_bytes: int | None) -> Iterator[Document | Problem]:
    seen: set[str] = set()
    with path.open("rb") as f:
        lineno = 0
        while True:
            raw = f.readline(max_bytes + 1) if max_bytes else f.readline()
            if not raw:
                break
            lineno += 1
            if max_bytes and len(raw.rstrip(b"\r\n")) > max_bytes:
                size = len(raw)
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a megabyte at a time
                    raw = f.readline(1 << 20)
                    size += len(raw)
                yield Problem(f"{path.name} line {lineno}", _too_big(size, max_bytes))
                continue
            item = _jsonl_record(raw[:-1] if raw.endswith(b"\n") else raw, lineno, path.name, seen)
            if item is not None:
                yield item


def _read_txt(path: Path, doc_id: str | None = None, max_bytes: int | None = None) -> Document | Problem:
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            return Problem(path.name, _too_big(size, max_bytes))
        data = path.read_bytes()
    except OSError as exc:
        return Problem(str(path), f"cannot be read ({exc.strerror}) - skipped")
    text, problem = _decode(data, path.name)
    if problem:
        return problem
    return Document(doc_id or path.stem, text, None, path.name)


def _source(path: Path) -> tuple[str, list[Path]]:
    """What kind of input *path* is (``"folder"``, ``"jsonl"``, ``"txt"``) and, for a folder,
    its ``.txt`` files; raises :class:`InputError` when it cannot be used."""
    if not path.exists():
        raise InputError(f"{path} does not exist. Give a .jsonl file, a .txt file or a folder of .txt files.")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        if not files:
            raise InputError(f"the folder {path} has no .txt files in it.")
        return "folder", files
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".txt"):
        return suffix[1:], []
    raise InputError(f"{path.name}: unsupported file type {suffix or '(none)'}; use .jsonl, .txt or a folder of .txt files.")


def iter_documents(path: Path | str, max_bytes: int | None = None) -> Iterator[Document | Problem]:
    """Documents in *path*, one at a time, in order: what :func:`read_documents` reads, as a
    stream (one line of a ``.jsonl`` file, or one file, in memory at a time).

    Parameters
    ----------
    path : path-like
        A ``.jsonl`` file, a ``.txt`` file or a folder of ``.txt`` files.
    max_bytes : int, optional
        Documents larger than this (a ``.txt`` file, or one line of a ``.jsonl`` file)
        are not read: a :class:`Problem` says so, and the rest are read as usual.

    Returns
    -------
    iterator of Document or Problem
        Each item is a document that was read or a document that was skipped, and why.

    Raises
    ------
    InputError
        At once (before the first item) when *path* is missing, of an unsupported type,
        or a folder without ``.txt`` files.
    """
    path = Path(path)
    kind, files = _source(path)

    def items() -> Iterator[Document | Problem]:
        if kind == "folder":
            for f in files:
                yield _read_txt(f, f.stem, max_bytes)
        elif kind == "jsonl":
            yield from _iter_jsonl(path, max_bytes)
        else:
            yield _read_txt(path, None, max_bytes)

    return items()


def count_documents(path: Path | str) -> int:
    """About how many documents *path* holds (lines of a ``.jsonl`` file, counted without
    reading them into memory; ``.txt`` files of a folder), for a progress bar."""
    path = Path(path)
    kind, files = _source(path)
    if kind == "folder":
        return len(files)
    if kind == "txt":
        return 1
    lines, last = 0, b"\n"
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


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

    See Also
    --------
    iter_documents : the same, one document at a time.
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents(path):
        (docs if isinstance(item, Document) else problems).append(item)
    return docs, problems
