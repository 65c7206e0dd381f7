"""HTML feedback per learner that is safe to open and hand back: ``course feedback``.

One self-contained page per notebook, written by :func:`feedback_html` from the
autograded notebook and the gradebook:

* the question texts (the course's own, locked cells), rendered from Markdown with any
  HTML in them escaped, and no external images;
* the learner's answers, always shown as escaped plain text, never as Markdown or HTML;
* for each autograded question a fixed sentence (passed, not attempted, not passed, or
  could not be checked) and the points. Nothing the kernel printed is copied: no test
  code, no hidden cases, no tracebacks, no output of any kind;
* inline CSS and a Content-Security-Policy that forbids loading anything, so the page
  loads nothing from the internet (no scripts, fonts, MathJax or require.js).

One submission that cannot be rendered is reported and the rest are still written.
nbgrader's own ``generate_feedback`` (the formgrader's "Generate Feedback" button) uses
the same renderer through :class:`course.grading.nbgrader_hooks.FeedbackExporter`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .. import _paths
from .answers import defined_names, read_answer
from .notebook import HIDDEN, grade_id, nbgrader_meta, source

__all__ = [
    "FEEDBACK_FAILED",
    "FEEDBACK_HIDDEN_FAILED",
    "FEEDBACK_HIDDEN_PASSED",
    "FEEDBACK_NOT_ATTEMPTED",
    "FEEDBACK_PASSED",
    "FEEDBACK_SETUP",
    "FeedbackResult",
    "feedback_html",
    "feedback_notebook",
    "write_feedback",
]

FEEDBACK_HIDDEN_FAILED = (
    "Not all of the autograder's tests passed, including some you cannot see. "
    "Run the self-check in your notebook again and try your answer on other examples."
)
FEEDBACK_HIDDEN_PASSED = "All of the autograder's tests passed, including the hidden ones."
FEEDBACK_PASSED = "Passed."
FEEDBACK_FAILED = "Not passed yet. Run the self-check in your notebook to see why."
FEEDBACK_NOT_ATTEMPTED = "Not attempted: there was no answer the autograder could read."
FEEDBACK_SETUP = ("The autograder could not check this answer because of a problem on the grading side, "
                  "not in your work. Your facilitator has been told.")
FEEDBACK_MANUAL = "Graded by your facilitator."
_ENV_ERRORS = {"FileNotFoundError", "ModuleNotFoundError", "ImportError", "PermissionError", "OSError"}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;color:#202124;line-height:1.5}
h1{font-size:1.6rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #dadce0;padding:4px 10px;text-align:left}
.question{border-top:1px solid #dadce0;margin-top:1.5rem;padding-top:.5rem}
.answer{background:#f8f9fa;border-left:4px solid #5f6368;padding:6px 10px;white-space:pre-wrap;word-break:break-word;
font-family:ui-monospace,Consolas,monospace;font-size:.9rem}
.result{padding:6px 10px;border-radius:4px;margin:.5rem 0}.pass{background:#e6f4ea}.fail{background:#fdecea}
.none{background:#f1f3f4}.setup{background:#fff4e5}.label{font-weight:600;margin-top:.75rem}
"""
_esc = partial(html.escape, quote=False)  # text nodes only: no learner text goes into an attribute
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


@dataclass
class FeedbackResult:
    """What :func:`write_feedback` did."""

    written: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (learner, assignment, reason)


def _markdown():
    import mistune
    from mistune.renderers.html import HTMLRenderer

    class Safe(HTMLRenderer):
        def image(self, text: str, url: str, title: str | None = None) -> str:
            if url.startswith("data:image/") and not url.startswith("data:image/svg"):
                return super().image(text, url, title)
            return f"[{_esc(text or 'image')}]"

    return mistune.create_markdown(escape=True, renderer=Safe(escape=True), plugins=["table", "strikethrough"])


def _status(cell: dict, got: float | None, mx: float | None, answer: str | None) -> tuple[str, str]:
    """``(css class, fixed sentence)`` for one grade cell."""
    hidden = bool(HIDDEN.search(source(cell)))
    if got is not None and mx is not None and mx > 0 and got >= mx:
        return "pass", FEEDBACK_HIDDEN_PASSED if hidden else FEEDBACK_PASSED
    errors = [str(o.get("ename")) for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors and errors[0] in _ENV_ERRORS:
        return "setup", FEEDBACK_SETUP
    if answer is not None:
        names, _ = defined_names(answer)
        if names and read_answer(answer, names).status == "blank":
            return "none", FEEDBACK_NOT_ATTEMPTED
    return "fail", FEEDBACK_HIDDEN_FAILED if hidden else FEEDBACK_FAILED


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:g}"


def _manual_rows(manual: dict[str, tuple[float | None, float]] | None) -> list[tuple[str, str, str]]:
    return [(q, "not graded yet" if s is None else f"{s:g}", f"{m:g}") for q, (s, m) in sorted((manual or {}).items())]


def feedback_html(graded: dict, scores: dict[str, tuple[float, float]] | None, title: str,
                  manual: dict[str, tuple[float | None, float]] | None = None) -> str:
    """One learner's feedback page for one notebook.

    Parameters
    ----------
    graded : dict
        The autograded notebook (JSON).
    scores : dict, optional
        ``{grade id: (score, max)}`` from the gradebook; default: the scores nbgrader's
        ``GetGrades`` put in the cells' metadata.
    title : str
        Heading (learner text is escaped).
    manual : dict, optional
        ``{grade id: (score or None while pending, max)}`` of the items the facilitator
        grades in the formgrader (:attr:`course.grading.results.Submission.manual`).

    Returns
    -------
    str
        A complete HTML document that loads nothing from anywhere.

    """
    md = _markdown()
    scores = dict(scores or {})
    for cell in graded.get("cells", []):
        meta, gid = nbgrader_meta(cell), grade_id(cell)
        if gid and meta.get("grade") and gid not in scores and meta.get("score") is not None:
            try:
                scores[gid] = (float(meta["score"]), float(meta.get("points", 0)))
            except (TypeError, ValueError):
                pass
    body: list[str] = []
    last_answer: str | None = None
    for cell in graded.get("cells", []):
        meta, gid = nbgrader_meta(cell), grade_id(cell)
        if not gid:
            continue  # not one of the course's cells
        kind = cell.get("cell_type")
        text = source(cell)
        if meta.get("solution"):
            last_answer = text if kind == "code" else None
            body.append('<div class="label">Your answer</div>')
            body.append(f'<div class="answer">{_esc(text.strip()) or "(empty)"}</div>')
            if kind == "markdown":
                got, mx = (manual or {}).get(gid) or scores.get(gid, (None, meta.get("points")))
                body.append(f'<div class="result none">{_esc(FEEDBACK_MANUAL)} '
                            f"Points: {_num(got)} / {_num(mx)}</div>")
        elif meta.get("grade") and kind == "code":
            got, mx = scores.get(gid, (None, meta.get("points")))
            css, sentence = _status(cell, got, mx, last_answer)
            body.append(f'<div class="result {css}"><b>{_esc(gid)}</b>: {_esc(sentence)} '
                        f"Points: {_num(got)} / {_num(mx)}</div>")
        elif kind == "markdown" and meta.get("locked"):
            body.append(f'<div class="question">{md(text)}</div>')
    auto = {q: v for q, v in scores.items() if any(grade_id(c) == q and c.get("cell_type") == "code"
                                                     for c in graded.get("cells", []))}
    total = sum(s for s, _ in auto.values())
    maximum = sum(m for _, m in auto.values())
    rows = "".join(f"<tr><td>{_esc(q)}</td><td>{s:g}</td><td>{m:g}</td></tr>" for q, (s, m) in sorted(auto.items()))
    head = (f"<h1>Feedback: {_esc(title)}</h1><p><b>Autograded score: {total:g} / {maximum:g}</b></p>"
            f"<table><tr><th>Question</th><th>Score</th><th>Out of</th></tr>{rows}</table>"
            "<p>Questions graded by your facilitator (such as reflections) are not included above.</p>")
    if manual:
        mrows = "".join(f"<tr><td>{_esc(q)}</td><td>{_esc(s)}</td><td>{m}</td></tr>" for q, s, m in _manual_rows(manual))
        head += (f"<p><b>Graded by your facilitator:</b></p><table><tr><th>Question</th><th>Score</th><th>Out of</th></tr>"
                 f"{mrows}</table>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Feedback: {_esc(title)}</title><style>{_CSS}</style></head>"
            f"<body>{head}{''.join(body)}</body></html>\n")


def feedback_notebook(graded: dict, source_nb: dict, scores: dict[str, tuple[float, float]], title: str,
                      manual: dict[str, tuple[float | None, float]] | None = None) -> dict:
    """The same feedback as a notebook (for tools that want one): a summary cell, then the
    course's question texts and the learner's answers as escaped text, and one fixed
    sentence per autograded question. Like :func:`feedback_html`, it copies no output.
    """
    del source_nb  # hidden tests are recognised in the graded cells themselves
    auto = sorted(scores.items())
    total, maximum = sum(s for _, (s, _m) in auto), sum(m for _, (_s, m) in auto)
    rows = "\n".join(f"| {_esc(q)} | {s:g} | {m:g} |" for q, (s, m) in auto)
    summary = (f"# Feedback: {_esc(title)}\n\n**Autograded score: {total:g} / {maximum:g}**\n\n"
               f"| Question | Score | Out of |\n|---|---|---|\n{rows}\n\n"
               "Questions graded by your facilitator (such as reflections) are not included above.")
    if manual:
        mrows = "\n".join(f"| {_esc(q)} | {s} | {m} |" for q, s, m in _manual_rows(manual))
        summary += f"\n\n**Graded by your facilitator:**\n\n| Question | Score | Out of |\n|---|---|---|\n{mrows}"
    cells = [{"cell_type": "markdown", "metadata": {}, "source": summary}]
    last_answer = None
    for cell in graded.get("cells", []):
        meta, gid = nbgrader_meta(cell), grade_id(cell)
        if not gid:
            continue
        if meta.get("solution"):
            last_answer = source(cell) if cell.get("cell_type") == "code" else None
            cells.append({"cell_type": "markdown", "metadata": {}, "source": "```\n" + _esc(source(cell)).replace("```", "` ` `") + "\n```"})
        elif meta.get("grade") and cell.get("cell_type") == "code":
            got, mx = scores.get(gid, (None, meta.get("points")))
            _css, sentence = _status(cell, got, mx, last_answer)
            cells.append({"cell_type": "markdown", "metadata": {}, "source": f"**{_esc(gid)}**: {sentence}"})
        elif cell.get("cell_type") == "markdown" and meta.get("locked"):
            cells.append({"cell_type": "markdown", "metadata": {}, "source": _esc(source(cell))})
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def write_feedback(root: Path | None = None, assignments: list[str] | None = None, db_url: str | None = None,
                   students: list[str] | None = None, progress: bool = True) -> FeedbackResult:
    """Write ``feedback/LEARNER/ASSIGNMENT/NOTEBOOK.html`` for every graded submission.

    Returns
    -------
    FeedbackResult
        The files written, and the submissions that could not be rendered (with why).

    """
    from .gradebook import resolve_db_url
    from .notebook import MAX_NOTEBOOK_BYTES
    from .results import load_results

    root = Path(root or _paths.root()).resolve()
    _names, _questions, subs = load_results(resolve_db_url(root, db_url))
    wanted = [s for s in subs if (not assignments or s.assignment in assignments) and (not students or s.student in students)]
    out = FeedbackResult()
    iterator = wanted
    if progress and wanted:
        import sys

        from tqdm.auto import tqdm

        iterator = tqdm(wanted, desc="feedback", unit="submission", file=sys.stderr)
    for sub in iterator:
        graded_dir = root / "autograded" / sub.student / sub.assignment
        for path in sorted(graded_dir.glob("*.ipynb")):
            try:
                if path.is_symlink() or path.stat().st_size > MAX_NOTEBOOK_BYTES:
                    raise ValueError("the graded notebook is missing or too large")
                graded = json.loads(path.read_text(encoding="utf-8"))
                page = feedback_html(graded, sub.questions, f"{sub.assignment} ({sub.student})", sub.manual)
                dest = root / "feedback" / sub.student / sub.assignment / f"{path.stem}.html"
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(page, encoding="utf-8")
                out.written.append(dest)
            except Exception as exc:  # noqa: BLE001 - one bad submission never stops the others
                out.problems.append((sub.student, sub.assignment, f"{path.name}: {type(exc).__name__}: {str(exc)[:200]}"))
    return out
