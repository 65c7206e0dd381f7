"""course consent-check: check consent scripts for the nine consent elements."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

NAME = "consent-check"
HELP = "check a consent script (.txt/.md), many (.jsonl of {id, text}) or a folder of them for the nine consent elements"
DESCRIPTION = (
    "Check consent scripts for the nine elements a client needs to hear before an AI tool is used: "
    "what the tool is, what data it collects, how the data is used and protected, risks and limits, "
    "human oversight, voluntariness, withdrawal, and questions. Also reports the reading grade level "
    "(Flesch-Kincaid) and word count. INPUT is a .txt or .md file holding one script, a .jsonl file "
    'with one {"id": ..., "text": ...} object per line, or a folder: every .txt, .md and .jsonl file '
    "directly inside it is checked (sub-folders and links are not followed). "
    "With --evaluate GOLD.jsonl it measures the checker against labelled scripts instead. "
    "Runs offline; nothing leaves this computer. A first screen, not a judge: a person still reads the script. "
    "Exit status: 0 checked, 1 checked but something was skipped, 2 nothing could be checked."
)

#: Files bigger than this are read only in part (the checker itself stops at about 150 pages).
MAX_BYTES = 20_000_000
#: A folder with more files than this is refused (check it in parts).
MAX_FILES = 5_000
SUFFIXES = (".txt", ".md", ".jsonl")

OK, SKIPPED, BAD_INPUT = 0, 1, 2

NO_FILE = "course consent-check: {path} does not exist."
NOT_A_FILE = "course consent-check: {path} is not a regular file or folder."
BAD_SUFFIX = "course consent-check: {path} is not a .txt, .md or .jsonl file; save the script as plain text (.txt) first."
NOT_TEXT = "course consent-check: {path} is not a UTF-8 text file (is it a Word or PDF document? Save it as plain text first)."
BAD_LINE = 'course consent-check: {path}, line {n}: {why}; expected one JSON object like {{"id": "s1", "text": "..."}} per line. Skipped.'
TOO_BIG = "course consent-check: {path} is {mb:.0f} MB; only the first {limit} MB were read."
NO_SCRIPTS = "course consent-check: {path} holds no scripts."
EMPTY_FILE = "course consent-check: {path} is empty: there is no script to check."
EMPTY_FOLDER = "course consent-check: the folder {path} is empty: there is no script to check."
NO_TEXT_FILES = "course consent-check: the folder {path} has no .txt, .md or .jsonl files ({n} other file(s)); save the scripts as plain text first."
TOO_MANY_FILES = "course consent-check: the folder {path} has more than {limit:,} files; check it in smaller parts."
SKIPPED_FILE = "course consent-check: skipped {path}: {why}."
BOTH_INPUTS = "course consent-check: give either INPUT or --evaluate GOLD.jsonl, not both."
NO_INPUT = "course consent-check: give a script file or folder to check (INPUT), or --evaluate GOLD.jsonl."
BAD_GOLD = "course consent-check: --evaluate: {why}"


class BadInput(Exception):
    """Nothing can be checked; the message is one line for people, *reason* a short form of it."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the command's arguments on *p*."""
    p.add_argument("input", type=Path, metavar="INPUT", nargs="?",
                   help="a .txt/.md file with one script, a .jsonl file of {id, text}, or a folder of such files")
    p.add_argument("--json", action="store_true", help="print one JSON object per script (one per line) instead of a report")
    p.add_argument("--evaluate", type=Path, metavar="GOLD.jsonl",
                   help="measure the checker on labelled scripts ({id, text, labels: [...]} or {id, text, elements: {...}}): "
                        "per-element agreement, precision and recall, and every disagreement with its evidence")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _read(path: Path) -> str:
    """The text of *path*; raises BadInput for binary or non-UTF-8 files."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        raw = fh.read(MAX_BYTES)
    if size > MAX_BYTES:
        _say(TOO_BIG.format(path=path, mb=size / 1e6, limit=MAX_BYTES // 1_000_000))
    if b"\x00" in raw[:4096]:
        raise BadInput(NOT_TEXT.format(path=path), "not a UTF-8 text file")
    try:
        return raw.decode("utf-8-sig", errors="strict" if size <= MAX_BYTES else "ignore")
    except UnicodeDecodeError:
        raise BadInput(NOT_TEXT.format(path=path), "not a UTF-8 text file") from None


def _items(path: Path, text: str, label: str) -> tuple[list[tuple[str, str]], int]:
    """``[(id, script)]`` from one file's text, and the number of skipped lines."""
    if path.suffix.lower() != ".jsonl":
        if not text.strip():
            raise BadInput(EMPTY_FILE.format(path=path), "it is empty")
        return [(label, text)], 0
    items, problems = [], 0
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            why = f"not valid JSON ({exc.msg})"
        else:
            if not isinstance(obj, dict):
                why = "not a JSON object"
            elif not isinstance(obj.get("text"), str):
                why = 'no "text" string'
            elif not obj["text"].strip():
                why = 'the "text" is empty'
            else:
                items.append((str(obj.get("id", f"{label} line {n}")), obj["text"]))
                continue
        problems += 1
        _say(BAD_LINE.format(path=path.name, n=n, why=why))
    if not items:
        if text.strip():
            raise BadInput(NO_SCRIPTS.format(path=path), "it holds no scripts")
        raise BadInput(EMPTY_FILE.format(path=path), "it is empty")
    return items, problems


def _from_file(path: Path, label: str) -> tuple[list[tuple[str, str]], int]:
    if path.suffix.lower() not in SUFFIXES:
        raise BadInput(BAD_SUFFIX.format(path=path))
    return _items(path, _read(path), label)


def _from_folder(folder: Path) -> tuple[list[tuple[str, str]], int]:
    """Every .txt/.md/.jsonl file directly inside *folder* (no sub-folders, no links)."""
    entries = []
    for i, entry in enumerate(folder.iterdir()):
        if i >= MAX_FILES:
            raise BadInput(TOO_MANY_FILES.format(path=folder, limit=MAX_FILES))
        entries.append(entry)
    if not entries:
        raise BadInput(EMPTY_FOLDER.format(path=folder))
    scripts = sorted(e for e in entries if e.suffix.lower() in SUFFIXES and not e.is_symlink() and e.is_file())
    if not scripts:
        others = [e for e in entries if not e.name.startswith(".")]
        if not others:
            raise BadInput(EMPTY_FOLDER.format(path=folder))
        raise BadInput(NO_TEXT_FILES.format(path=folder, n=len(others)))
    items: list[tuple[str, str]] = []
    problems = 0
    for path in scripts:
        try:
            got, bad = _from_file(path, path.name)
        except BadInput as exc:
            _say(SKIPPED_FILE.format(path=path.name, why=exc.reason))
            problems += 1
            continue
        except OSError as exc:
            _say(SKIPPED_FILE.format(path=path.name, why=exc.strerror or "cannot be read"))
            problems += 1
            continue
        items += got
        problems += bad
    skipped_links = [e for e in entries if e.is_symlink() and e.suffix.lower() in SUFFIXES]
    for link in skipped_links:
        _say(SKIPPED_FILE.format(path=link.name, why="a link (links are not followed)"))
    problems += len(skipped_links)
    if not items:
        raise BadInput(NO_SCRIPTS.format(path=folder))
    return items, problems


def collect(path: Path) -> tuple[list[tuple[str, str]], int]:
    """``([(id, script), ...], skipped)`` from a file or folder; raises :class:`BadInput`."""
    if not path.exists():
        raise BadInput(NO_FILE.format(path=path))
    if path.is_dir():
        return _from_folder(path)
    if not path.is_file():
        raise BadInput(NOT_A_FILE.format(path=path))
    return _from_file(path, path.name)


def _evaluate(gold_path: Path, as_json: bool) -> int:
    from ..consent.evaluate import GoldFormatError, evaluate, load_gold

    try:
        records = load_gold(gold_path)
    except GoldFormatError as exc:
        _say(BAD_GOLD.format(why=exc))
        return BAD_INPUT
    result = evaluate(records)
    if as_json:
        print(json.dumps({"gold": str(gold_path), **result.as_dict()}, ensure_ascii=False))
    else:
        print(f"Agreement with {gold_path.name}")
        print(result.report())
    return OK


def run(args: argparse.Namespace) -> int:
    """Check the scripts in ``args.input``; returns the exit status (0 ok, 1 something skipped, 2 bad input)."""
    try:
        return _run(args)
    except BrokenPipeError:  # the output was piped into a command that stopped reading (e.g. head)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's final flush
        return OK


def _run(args: argparse.Namespace) -> int:
    if args.evaluate is not None:
        if args.input is not None:
            _say(BOTH_INPUTS)
            return BAD_INPUT
        return _evaluate(args.evaluate, args.json)
    if args.input is None:
        _say(NO_INPUT)
        return BAD_INPUT

    from tqdm.auto import tqdm

    from ..consent import check_script

    try:
        items, problems = collect(args.input)
    except BadInput as exc:
        _say(str(exc))
        return BAD_INPUT
    except OSError as exc:
        _say(f"course consent-check: {args.input} cannot be read ({exc.strerror or exc.__class__.__name__}).")
        return BAD_INPUT
    quiet = len(items) < 20 or not sys.stderr.isatty()
    for i, (sid, script) in enumerate(tqdm(items, desc="checking scripts", unit="script", disable=quiet, file=sys.stderr)):
        report = check_script(script)
        if args.json:
            for message in report.messages:
                _say(f"{sid}: {message}")
            print(json.dumps(report.as_dict(sid), ensure_ascii=False))
        else:
            if i:
                print()
            print(f"== {sid} ==")
            print(report.text())
    return SKIPPED if problems else OK
