"""course consent-check: check consent scripts for the nine consent elements."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import _common

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

#: Default for --max-size (megabytes): larger scripts are skipped (the checker itself stops at about 150 pages).
MAX_SIZE_MB = 20.0

OK, SKIPPED, BAD_INPUT = _common.OK, _common.FAILED, _common.BAD_INPUT

BAD_LINE = 'course consent-check: {path}, line {n}: {why}; expected one JSON object like {{"id": "s1", "text": "..."}} per line. Skipped.'
NO_SCRIPTS = "course consent-check: {path} holds no scripts."
EMPTY_FILE = "course consent-check: {path} is empty: there is no script to check."
CANNOT_CHECK = "course consent-check: {path}: {why}."
SKIPPED_FILE = "course consent-check: skipped {path}: {why}."
BOTH_INPUTS = "course consent-check: give either INPUT or --evaluate GOLD.jsonl, not both."
NO_INPUT = "course consent-check: give a script file or folder to check (INPUT), or --evaluate GOLD.jsonl."
BAD_GOLD = "course consent-check: --evaluate: {why}"


class BadInput(_common.BadInput):
    """Nothing can be checked; the message is one line for people, *reason* a short form of it."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the command's arguments on *p*."""
    p.add_argument("input", type=Path, metavar="INPUT", nargs="?",
                   help="a .txt/.md file with one script, a .jsonl file of {id, text}, or a folder of such files")
    _common.add_json(p, "print one JSON object per script (one per line) instead of a report")
    p.add_argument("--evaluate", type=Path, metavar="GOLD.jsonl",
                   help="measure the checker on labelled scripts ({id, text, labels: [...]} or {id, text, elements: {...}}): "
                        "per-element agreement, precision and recall, and every disagreement with its evidence")
    p.add_argument("--max-size", type=float, default=MAX_SIZE_MB, metavar="MB",
                   help=f"skip any one script larger than this many megabytes (default {MAX_SIZE_MB:g})")
    _common.add_quiet(p)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _from_file(path: Path, single: bool, max_bytes: int) -> tuple[list[tuple[str, str]], int]:
    """``[(id, script)]`` from one file (through the shared reader, course/privacy/documents.py)
    and the number of problems; raises :class:`BadInput` when the file gives no script.
    """
    from ..privacy.documents import Problem, read_file

    items, problems, seen = [], 0, 0
    for item in read_file(path, max_bytes, ids="name", follow_link=single):
        seen += 1
        if isinstance(item, Problem):
            if item.line is None:  # the whole file
                why = item.message.removesuffix(" - skipped")
                raise BadInput(CANNOT_CHECK.format(path=path if single else path.name, why=why), item.reason)
            problems += 1
            _say(BAD_LINE.format(path=item.file, n=item.line, why=item.reason))
        elif not item.text.strip():
            if item.line is None:
                raise BadInput(EMPTY_FILE.format(path=path), "it is empty")
            problems += 1
            _say(BAD_LINE.format(path=path.name, n=item.line, why='the "text" is empty'))
        else:
            items.append((item.id, item.text))
    if not items:
        if seen:
            raise BadInput(NO_SCRIPTS.format(path=path), "it holds no scripts")
        raise BadInput(EMPTY_FILE.format(path=path), "it is empty")
    return items, problems


def collect(path: Path, max_bytes: int = int(MAX_SIZE_MB * 1_000_000)) -> tuple[list[tuple[str, str]], int]:
    """``([(id, script), ...], skipped)`` from a file or folder; raises :class:`BadInput`.

    The files are read by the reader ``course deidentify`` uses too
    (:mod:`course.privacy.documents`): a .txt or .md file, a .jsonl file, or the .txt, .md
    and .jsonl files directly inside a folder (no sub-folders, no links).
    """
    from ..privacy.documents import InputError, input_files

    try:
        files = input_files(path)
    except InputError as exc:
        raise BadInput(f"course consent-check: {exc}") from None
    if not path.is_dir():
        return _from_file(path, True, max_bytes)
    items: list[tuple[str, str]] = []
    problems = 0
    for f in files:
        try:
            got, bad = _from_file(f, False, max_bytes)
        except BadInput as exc:
            _say(SKIPPED_FILE.format(path=f.name, why=exc.reason))
            problems += 1
            continue
        items += got
        problems += bad
    if not items:
        raise BadInput(NO_SCRIPTS.format(path=path))
    return items, problems


def _evaluate(gold_path: Path, as_json: bool) -> int:
    from ..consent.evaluate import GoldFormatError, evaluate, load_gold

    try:
        records = load_gold(gold_path)
    except GoldFormatError as exc:
        _say(BAD_GOLD.format(why=exc))
        return BAD_INPUT
    result = evaluate(records)
    if as_json:
        _common.print_json({"gold": str(gold_path), **result.as_dict()}, lines=True)
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
    if not args.max_size > 0:
        _say("course consent-check: --max-size must be a positive number of megabytes.")
        return BAD_INPUT

    from tqdm.auto import tqdm

    from ..consent import check_script

    try:
        items, problems = collect(args.input, int(args.max_size * 1_000_000))
    except BadInput as exc:
        _say(str(exc))
        return BAD_INPUT
    except OSError as exc:
        _say(f"course consent-check: {args.input} cannot be read ({exc.strerror or exc.__class__.__name__}).")
        return BAD_INPUT
    no_bar = len(items) < 20 or not sys.stderr.isatty() or not _common.progress(args)
    for i, (sid, script) in enumerate(tqdm(items, desc="checking scripts", unit="script", disable=no_bar, file=sys.stderr)):
        report = check_script(script)
        if args.json:
            for message in report.messages:  # caveats about this script: shown even with --quiet
                _say(f"{sid}: {message}")
            _common.print_json(report.as_dict(sid), lines=True)
        else:
            if i:
                print()
            print(f"== {sid} ==")
            print(report.text())
    return SKIPPED if problems else OK
