"""The one reader of text documents for the command line (``course deidentify`` and
``course consent-check``): a ``.txt`` or ``.md`` file (one document), a ``.jsonl`` file (one
``{"id", "text"}`` object per line) or a folder of such files (only the files directly
inside it; sub-folders and links are not followed). Bad documents are reported by name and
skipped; the rest are read, one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["MAX_FILES", "SUFFIXES", "Document", "InputError", "Problem", "count_documents", "input_files",
           "iter_documents", "read_documents", "read_file"]


@dataclass
class Document:
    """One document to de-identify (``spans``: gold annotations, when the input has them)."""

    id: str
    text: str
    spans: list[dict] | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)
    line: int | None = None  # its line in a .jsonl file


#: The kinds of file read: one document per .txt or .md file, one per line of a .jsonl file.
SUFFIXES = (".txt", ".md", ".jsonl")
#: A folder with more files than this is refused (read it in parts).
MAX_FILES = 5_000


@dataclass(frozen=True)
class Problem:
    """A document that could not be read, and why (in words for a person).

    ``file`` is the file's name, ``line`` the line of a ``.jsonl`` file (``None`` when the
    whole file was skipped) and ``reason`` a short form of *message* ("it is empty").
    """

    where: str
    message: str
    file: str = ""
    line: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(ValueError):
    """The input as a whole cannot be read (missing, unsupported, empty folder)."""


def _decode(data: bytes, where: str, file: str = "", line: int | None = None) -> tuple[str | None, Problem | None]:
    if line is None and b"\x00" in data[:4096]:  # a Word or PDF file renamed, an image
        return None, Problem(where, "not a UTF-8 text file (is it a Word or PDF document? Save it as plain text "
                                    "first) - skipped", file, line, "not a UTF-8 text file")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Problem(where, f"not valid UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                                    "re-save it as UTF-8 and run again - skipped", file, line, "not a UTF-8 text file")


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


def _jsonl_record(raw: bytes, lineno: int, name: str, seen: set[str], ids: str = "stem") -> Document | Problem | None:
    if not raw.strip():
        return None
    where = f"{name} line {lineno}"
    line, problem = _decode(raw, where, name, lineno)
    if problem:
        return problem
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"not valid JSON ({exc.msg} at column {exc.colno}) - skipped", name, lineno,
                       f"not valid JSON ({exc.msg})")
    if not isinstance(obj, dict):
        return Problem(where, 'expected an object like {"id": ..., "text": ...} - skipped', name, lineno,
                       "not a JSON object")
    doc_id = str(obj.get("id", f"{name} line {lineno}" if ids == "name" else f"line-{lineno}"))
    where = f"{name} line {lineno} (id {doc_id})"
    text = obj.get("text")
    if not isinstance(text, str):
        return Problem(where, "has no 'text' string - skipped", name, lineno, 'no "text" string')
    spans = obj.get("spans")
    if spans is not None:
        bad = _check_spans(spans, text)
        if bad:
            return Problem(where, f"{bad} - skipped", name, lineno, bad)
    doc = Document(doc_id, text, spans, where, line=lineno)
    if doc_id in seen:
        doc.notes.append(f"{where}: the id {doc_id!r} occurs more than once")
    seen.add(doc_id)
    return doc


def _iter_jsonl(path: Path, max_bytes: int | None, ids: str = "stem") -> Iterator[Document | Problem]:
    seen: set[str] = set()
    try:
        f = path.open("rb")
    except OSError as exc:
        yield Problem(str(path), f"cannot be read ({exc.strerror}) - skipped", path.name, None,
                      exc.strerror or "cannot be read")
        return
    with f:
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
                yield Problem(f"{path.name} line {lineno}", _too_big(size, max_bytes), path.name, lineno,
                              f"over the {_megabytes(max_bytes)} limit")
                continue
            item = _jsonl_record(raw[:-1] if raw.endswith(b"\n") else raw, lineno, path.name, seen, ids)
            if item is not None:
                yield item


def _read_txt(path: Path, doc_id: str | None = None, max_bytes: int | None = None) -> Document | Problem:
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            return Problem(path.name, _too_big(size, max_bytes), path.name, None, f"over the {_megabytes(max_bytes)} limit")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(str(path), f"cannot be read ({exc.strerror}) - skipped", path.name, None,
                       exc.strerror or "cannot be read")
    text, problem = _decode(data, path.name, path.name)
    if problem:
        return problem
    return Document(doc_id or path.stem, text, None, path.name)


def _folder_files(path: Path) -> list[Path]:
    """The .txt, .md and .jsonl files directly inside *path*, sorted (links included, to be
    reported as skipped); raises :class:`InputError` when there is nothing to read.
    """
    entries = []
    for i, entry in enumerate(path.iterdir()):
        if i >= MAX_FILES:
            raise InputError(f"the folder {path} has more than {MAX_FILES:,} files; read it in smaller parts.")
        entries.append(entry)
    files = sorted(e for e in entries if e.suffix.lower() in SUFFIXES and (e.is_symlink() or e.is_file()))
    if files:
        return files
    others = [e for e in entries if not e.name.startswith(".")]
    if not others:
        raise InputError(f"the folder {path} is empty: it has no .txt files (nor .md or .jsonl files) to read.")
    raise InputError(f"the folder {path} has no .txt, .md or .jsonl files ({len(others)} other file(s)); "
                     "save the documents as plain text first.")


def _source(path: Path) -> tuple[str, list[Path]]:
    """What kind of input *path* is (``"folder"``, ``"jsonl"``, ``"txt"`` for .txt and .md)
    and, for a folder, its files; raises :class:`InputError` when it cannot be used.
    """
    if not path.exists():
        raise InputError(f"{path} does not exist. Give a .txt, .md or .jsonl file, or a folder of them.")
    if path.is_dir():
        return "folder", _folder_files(path)
    if not path.is_file():
        raise InputError(f"{path} is not a regular file or folder.")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return "jsonl", []
    if suffix in SUFFIXES:
        return "txt", []
    raise InputError(f"{path.name}: unsupported file type {suffix or '(none)'}: not a .txt, .md or .jsonl file "
                     "(or a folder of them); save it as plain text (.txt) first.")


def iter_documents(path: Path | str, max_bytes: int | None = None, ids: str = "stem") -> Iterator[Document | Problem]:
    """Documents in *path*, one at a time, in order: what :func:`read_documents` reads, as a
    stream (one line of a ``.jsonl`` file, or one file, in memory at a time).

    Parameters
    ----------
    path : path-like
        A ``.txt`` or ``.md`` file, a ``.jsonl`` file, or a folder of such files.
    max_bytes : int, optional
        Documents larger than this (a ``.txt``/``.md`` file, or one line of a ``.jsonl``
        file) are not read: a :class:`Problem` says so, and the rest are read as usual.
    ids : {"stem", "name"}
        A text file's document id: its name without (``"stem"``, ``course deidentify``)
        or with its extension (``"name"``, ``course consent-check``); a ``.jsonl`` line
        without an ``id`` is ``line-N`` or ``FILE line N``.

    Returns
    -------
    iterator of Document or Problem
        Each item is a document that was read or a document that was skipped, and why.

    Raises
    ------
    InputError
        At once (before the first item) when *path* is missing, of an unsupported type,
        or a folder without ``.txt``, ``.md`` or ``.jsonl`` files.
    """
    files = input_files(path)
    named = not Path(path).is_dir()  # a file named on the command line is read even through a link

    def items() -> Iterator[Document | Problem]:
        for f in files:
            yield from read_file(f, max_bytes, ids, follow_link=named)

    return items()


def input_files(path: Path | str) -> list[Path]:
    """The files :func:`iter_documents` reads for *path*: the file itself, or the
    ``.txt``, ``.md`` and ``.jsonl`` files directly inside a folder, sorted (a link among
    them is reported as skipped when it is read). Raises :class:`InputError`.
    """
    path = Path(path)
    kind, files = _source(path)
    return files if kind == "folder" else [path]


def read_file(path: Path, max_bytes: int | None = None, ids: str = "stem",
              follow_link: bool = False) -> Iterator[Document | Problem]:
    """The documents in one file of :func:`input_files`: one for a ``.txt`` or ``.md``
    file, one per line of a ``.jsonl`` file, nothing for an empty ``.jsonl`` file. A link
    is skipped (reported as a :class:`Problem`) unless *follow_link*.
    """
    if path.is_symlink() and not follow_link:
        yield Problem(path.name, "a link (links are not followed) - skipped", path.name, None,
                      "a link (links are not followed)")
    elif path.suffix.lower() == ".jsonl":
        yield from _iter_jsonl(path, max_bytes, ids)
    else:
        yield _read_txt(path, path.name if ids == "name" else path.stem, max_bytes)


def count_documents(path: Path | str) -> int:
    """About how many documents *path* holds (lines of a ``.jsonl`` file, counted without
    reading them into memory; one per ``.txt`` or ``.md`` file), for a progress bar.
    """
    return sum(_count(f) for f in input_files(path))


def _count(path: Path) -> int:
    if path.suffix.lower() != ".jsonl" or path.is_symlink():
        return 1
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:  # reported when it is read
        return 1
    return lines + (last != b"\n")


def read_documents(path: Path | str) -> tuple[list[Document], list[Problem]]:
    """Read every document in *path*.

    Parameters
    ----------
    path : path-like
        A ``.jsonl`` file (one ``{"id", "text"}`` object per line, optionally with gold
        ``spans``), a ``.txt`` or ``.md`` file (one document), or a folder of such files.

    Returns
    -------
    (list of Document, list of Problem)
        What could be read, and what was skipped and why.

    Raises
    ------
    InputError
        When *path* is missing, of an unsupported type, or a folder without ``.txt``,
        ``.md`` or ``.jsonl`` files.

    See Also
    --------
    iter_documents : the same, one document at a time.
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents(path):
        (docs if isinstance(item, Document) else problems).append(item)
    return docs, problems
