"""course consent-check: check consent scripts for the nine consent elements."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "consent-check"
HELP = "check a consent script (.txt/.md) or many (.jsonl of {id, text}) for the nine consent elements"
DESCRIPTION = (
    "Check consent scripts for the nine elements a client needs to hear before an AI tool is used: "
    "what the tool is, what data it collects, how the data is used and protected, risks and limits, "
    "human oversight, voluntariness, withdrawal, and questions. Also reports the reading grade level "
    "(Flesch-Kincaid) and word count. INPUT is a .txt or .md file holding one script, or a .jsonl file "
    'with one {"id": ..., "text": ...} object per line. Runs offline; nothing leaves this computer. '
    "A first screen, not a judge: a person still reads the script."
)

#: Files bigger than this are read only in part (the checker itself stops at about 150 pages).
MAX_BYTES = 20_000_000

NO_FILE = "course consent-check: {path} does not exist."
BAD_SUFFIX = "course consent-check: {path} is not a .txt, .md or .jsonl file; save the script as plain text (.txt) first."
NOT_TEXT = "course consent-check: {path} is not a UTF-8 text file (is it a Word or PDF document? Save it as plain text first)."
BAD_LINE = 'course consent-check: {path}, line {n}: {why}; expected one JSON object like {{"id": "s1", "text": "..."}} per line. Skipped.'
TOO_BIG = "course consent-check: {path} is {mb:.0f} MB; only the first {limit} MB were read."
NO_SCRIPTS = "course consent-check: {path} holds no scripts."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the command's arguments on *p*."""
    p.add_argument("input", type=Path, metavar="INPUT", help="a .txt/.md file with one script, or a .jsonl file of {id, text}")
    p.add_argument("--json", action="store_true", help="print one JSON object per script (one per line) instead of a report")


def _read(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as fh:
        raw = fh.read(MAX_BYTES)
    if size > MAX_BYTES:
        print(TOO_BIG.format(path=path, mb=size / 1e6, limit=MAX_BYTES // 1_000_000), file=sys.stderr)
    if b"\x00" in raw[:4096]:
        raise UnicodeDecodeError("utf-8", raw[:1], 0, 1, "binary file")
    return raw.decode("utf-8-sig", errors="strict" if size <= MAX_BYTES else "ignore")


def _items(path: Path, text: str) -> tuple[list[tuple[str, str]], int]:
    if path.suffix.lower() != ".jsonl":
        return [(path.name, text)], 0
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
            else:
                items.append((str(obj.get("id", f"line {n}")), obj["text"]))
                continue
        problems += 1
        print(BAD_LINE.format(path=path.name, n=n, why=why), file=sys.stderr)
    return items, problems


def run(args: argparse.Namespace) -> int:
    """Check the scripts in ``args.input``; returns the exit status (0 ok, 1 bad input)."""
    from tqdm.auto import tqdm

    from ..consent import check_script

    path: Path = args.input
    if not path.is_file():
        print(NO_FILE.format(path=path), file=sys.stderr)
        return 1
    if path.suffix.lower() not in {".txt", ".md", ".jsonl"}:
        print(BAD_SUFFIX.format(path=path), file=sys.stderr)
        return 1
    try:
        text = _read(path)
    except UnicodeDecodeError:
        print(NOT_TEXT.format(path=path), file=sys.stderr)
        return 1
    items, problems = _items(path, text)
    if not items:
        print(NO_SCRIPTS.format(path=path), file=sys.stderr)
        return 1
    quiet = len(items) < 20 or not sys.stderr.isatty()
    for i, (sid, script) in enumerate(tqdm(items, desc="checking scripts", unit="script", disable=quiet, file=sys.stderr)):
        report = check_script(script)
        if args.json:
            for message in report.messages:
                print(f"{sid}: {message}", file=sys.stderr)
            print(json.dumps(report.as_dict(sid), ensure_ascii=False))
        else:
            if i:
                print()
            print(f"== {sid} ==")
            print(report.text())
    return 1 if problems else 0
