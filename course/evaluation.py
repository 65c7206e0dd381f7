"""The course evaluation form: what it asks, how answers are saved and read back.

Learners fill it in with :class:`course.widgets.evaluation_form.EvaluationForm` in
``exercises/evaluation/evaluation.ipynb``. Pressing *Save* writes ``evaluation.json`` in
the assignment folder (next to the notebook), so it travels with the submission: the
hub's exchange submits the whole folder, and ``course collect`` files a returned
``evaluation.json`` next to the learner's evaluation notebook. The file holds no name
and no learner id; ``course report`` summarises the evaluations anonymously.

Everything a learner typed is untrusted: :func:`read_evaluation` checks the shape,
caps text length and rejects anything else.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = [
    "EVALUATION_FILE",
    "FORM_ID",
    "QUESTIONS",
    "RATING_LABELS",
    "read_evaluation",
    "save_evaluation",
]

EVALUATION_FILE = "evaluation.json"
FORM_ID = "course-evaluation"
VERSION = 1
MAX_TEXT = 2000
MAX_FILE = 256 * 1024

#: Ratings 1-5, what each means.
RATING_LABELS = {1: "1 · not at all", 2: "2 · a little", 3: "3 · partly", 4: "4 · mostly", 5: "5 · fully"}

#: The form's questions besides the per-objective ratings: (key, kind, text).
QUESTIONS = [
    ("relevance", "rating", "How relevant was the course to your own practice?"),
    ("format", "rating", "How well did the format (live session or self-paced) work for you?"),
    ("presenter", "rating", "How clear were the presenter and the materials?"),
    ("commercial_bias", "yesno", "Did you notice any commercial bias: promotion of a product, vendor or company?"),
    ("commercial_bias_detail", "text", "If yes: what did you notice?"),
    ("accessibility", "text", "Did anything make the course hard to take part in (sight, hearing, reading, language, "
                              "technology, timing)? What would have helped?"),
    ("comments", "text", "Anything else you would like the course team to know?"),
]


def _rating(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_LABELS:
        raise ValueError(f"{what}: a rating is a whole number from 1 to 5")
    return value


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{what}: expected text")
    return value.strip()[:MAX_TEXT]


def _clean(answers: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(answers, dict):
        raise ValueError("the evaluation should be a set of answers")
    out: dict[str, Any] = {"form": FORM_ID, "version": VERSION}
    fmt = answers.get("session_format")
    if fmt is not None:
        from .syllabus import load

        load().format(str(fmt))  # KeyError for an unknown format
    out["session_format"] = fmt
    objectives = answers.get("objectives") or {}
    if not isinstance(objectives, dict):
        raise ValueError("objectives: expected {objective id: rating}")
    from .syllabus import load

    known = {o.id for o in load().objectives}
    out["objectives"] = {}
    for key, value in objectives.items():
        if key not in known:
            raise ValueError(f"objectives: no objective {str(key)[:40]!r} in the syllabus")
        out["objectives"][key] = _rating(value, key)
    for key, kind, _ in QUESTIONS:
        value = answers.get(key)
        if kind == "rating":
            out[key] = _rating(value, key)
        elif kind == "yesno":
            if value not in (None, "yes", "no"):
                raise ValueError(f"{key}: answer 'yes' or 'no'")
            out[key] = value
        else:
            out[key] = _text(value, key)
    return out


def save_evaluation(answers: dict[str, Any], folder: Path | None = None) -> Path:
    """Check *answers* and write them to ``FOLDER/evaluation.json`` (default: the
    working directory, which in JupyterLab is the notebook's folder).

    Returns
    -------
    Path
        The file written.

    """
    data = _clean(answers)
    data["saved"] = datetime.now(timezone.utc).strftime("%Y-%m-%d")  # a date, not a time: less identifying
    path = Path(folder or Path.cwd()) / EVALUATION_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def read_evaluation(path: Path) -> dict[str, Any]:
    """A returned evaluation, checked (raises ValueError when it is not one)."""
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        raise ValueError(f"{path.name}: not a file")
    if path.stat().st_size > MAX_FILE:
        raise ValueError(f"{path.name}: too large to be an evaluation ({path.stat().st_size} bytes)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name}: not a saved evaluation ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("form") != FORM_ID:
        raise ValueError(f"{path.name}: not a saved course evaluation")
    try:
        clean = _clean(data)
    except KeyError as exc:
        raise ValueError(f"{path.name}: {exc.args[0]}") from None
    clean["saved"] = str(data.get("saved", ""))[:10]
    return clean
