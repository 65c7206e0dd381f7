"""The one convention every ``course`` command follows, and the helpers that keep it.

Exit status
    ``0`` done. ``1`` ran, but found problems, where the command says so: a check that
    failed (``doctor``, ``syllabus --measure``), a code that is NOT VALID (``verify``),
    documents or scripts that were skipped (``deidentify``, ``consent-check``), nothing
    graded yet (``feedback``), or this machine lacks a piece the command needs (the
    grading sandbox, Chromium, JupyterHub). ``2`` bad input: a wrong option or argument
    (argparse's own errors are 2 as well), a file or folder that is missing or cannot be
    read, an unknown assignment, data set or session format, a missing ``ce.toml``, an
    output path that cannot be written.
Errors
    One line on stderr, ``course COMMAND: what is wrong and what to do``; no traceback.
    Raise :class:`BadInput` (exit 2) or :class:`Failed` (exit 1); ``course.cli.main``
    prints it.
Options (added by the helpers below, so they read the same everywhere)
    ``--json``: print what the command would print, as JSON on stdout (stable keys;
    floats at full precision); status lines go to stderr. ``--out FOLDER``: where a
    command writes its files (always a folder). ``--quiet`` / ``-q``: no status lines and
    no progress bar (errors and skipped items are still shown). ``--no-progress``: no
    progress bar, status lines stay.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "BAD_INPUT", "FAILED", "OK", "BadInput", "CommandError", "Failed",
    "add_json", "add_out", "add_quiet", "chatter", "plain", "print_json", "progress", "to_json",
]

OK, FAILED, BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """A command stops with a one-line message for people and exit status :attr:`status`."""

    status = FAILED


class Failed(CommandError):
    """The command ran but could not finish, or found problems (exit 1)."""

    status = FAILED


class BadInput(CommandError):
    """The input is wrong: an argument, a missing or unreadable file, an unknown name (exit 2)."""

    status = BAD_INPUT


def report_error(command: str, exc: CommandError) -> int:
    """Print *exc* as ``course COMMAND: message`` on one line of stderr; return its status."""
    text = str(exc).strip() or type(exc).__name__
    prefix = f"course {command}"  # a message may name the action too: "course hub setup: ..."
    print(text if text.startswith(prefix) else f"{prefix}: {text}", file=sys.stderr)
    return exc.status


# --------------------------------------------------------------------------- standard options


def add_json(p: argparse.ArgumentParser, help: str = "print the result as JSON instead of text") -> None:
    """``--json``: machine-readable output on stdout."""
    p.add_argument("--json", action="store_true", help=help)


def add_out(p: argparse.ArgumentParser, default: str, help: str | None = None, aliases: tuple[str, ...] = ()) -> None:
    """``--out FOLDER``: the folder a command writes into. *aliases* are older spellings,
    still accepted and not shown in ``--help``.
    """
    p.add_argument("--out", type=Path, metavar="FOLDER", help=help or f"output folder (default: {default})")
    for alias in aliases:
        p.add_argument(alias, dest="out", type=Path, help=argparse.SUPPRESS)


def add_quiet(p: argparse.ArgumentParser, progress: bool = True) -> None:
    """``--quiet``/``-q`` (no status lines, no progress bar) and, for commands that show
    one, ``--no-progress`` (no progress bar).
    """
    if progress:
        p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no status lines" + (" and no progress bar" if progress else "")
                        + " on stderr (errors and skipped items are still shown)")


def chatter(args: argparse.Namespace) -> bool:
    """Whether status lines are wanted (not ``--quiet``)."""
    return not getattr(args, "quiet", False)


def progress(args: argparse.Namespace) -> bool:
    """Whether a progress bar is wanted (neither ``--quiet`` nor ``--no-progress``)."""
    return not (getattr(args, "quiet", False) or getattr(args, "no_progress", False))


# --------------------------------------------------------------------------- JSON


def to_json(value: Any) -> Any:
    """*value* made JSON-ready: paths, dates and other objects as strings, tuples and sets
    as lists, and floats that are not finite (NaN, infinity) as ``null``. Finite floats
    keep their full precision.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_json(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
    if hasattr(value, "item") and callable(value.item):  # a numpy scalar
        try:
            return to_json(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def print_json(data: Any, lines: bool = False) -> None:
    """Print *data* (through :func:`to_json`) as JSON on stdout: indented, or on one line
    (``lines=True``, for JSON Lines output, one object per record).
    """
    text = json.dumps(to_json(data), ensure_ascii=False, allow_nan=False, indent=None if lines else 2)
    # terminal control characters (from learners' names, file names) as \u escapes: the
    # same JSON once parsed, and nothing a terminal would act on
    print(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text), flush=lines)


# --------------------------------------------------------------------------- text from learners

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int = 300) -> str:
    """*text* (ids, file names from learners) without terminal control characters (escape
    sequences, bidi overrides), shortened, so it is safe to print on a terminal.
    """
    text = _CONTROL.sub("?", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
