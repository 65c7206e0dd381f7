"""HTML feedback per learner that never reveals hidden tests: ``course feedback``.

Built from the autograded notebook and the gradebook. Grade cells show the visible test
only (hidden-test blocks are removed), a failed grade cell shows one plain sentence
instead of a traceback, and a grade cell with hidden tests shows only whether it passed:
the checkers' messages could otherwise quote the hidden cases.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .. import _paths
from .gradebook import resolve_db_url
from .results import load_results

__all__ = ["FEEDBACK_HIDDEN_FAILED", "FEEDBACK_HIDDEN_PASSED", "feedback_notebook", "write_feedback"]

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)
FEEDBACK_HIDDEN_FAILED = (
    "Not all of the autograder's tests passed, including some you cannot see. "
    "Run the self-check above again and try your answer on other examples."
)
FEEDBACK_HIDDEN_PASSED = "All of the autograder's tests passed, including the hidden ones."
FEEDBACK_PASSED = "Passed."


def _gid(cell: dict) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def feedback_notebook(graded: dict, source: dict, scores: dict[str, tuple[float, float]], title: str,
                      manual: dict[str, tuple[float | None, float]] | None = None) -> dict:
    """A copy of the autograded notebook *graded* that is safe to hand back.

    Parameters
    ----------
    graded : dict
        The autograded notebook (JSON).
    source : dict
        The nbgrader source notebook (with hidden tests) of the same assignment.
    scores : dict
        ``{grade id: (score, max)}``.
    title : str
        Heading of the summary cell.
    manual : dict, optional
        ``{grade id: (score or None while pending, max)}`` of the items the facilitator
        grades in the formgrader (:attr:`course.grading.results.Submission.manual`).
    """
    nb = json.loads(json.dumps(graded))
    hidden = {_gid(c) for c in source.get("cells", []) if _gid(c) and HIDDEN.search(_src(c))}
    visible = {_gid(c): HIDDEN.sub("", _src(c)) for c in source.get("cells", []) if _gid(c)}
    cells = []
    for cell in nb.get("cells", []):
        gid = _gid(cell)
        meta = cell.get("metadata", {}).get("nbgrader") or {}
        if gid and meta.get("grade") and not meta.get("solution") and cell.get("cell_type") == "code":
            cell["source"] = visible.get(gid, HIDDEN.sub("", _src(cell)))
            failed = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            if gid in hidden:
                cell["outputs"] = [_stream(FEEDBACK_HIDDEN_FAILED if failed else FEEDBACK_HIDDEN_PASSED)]
            elif failed:
                err = next(o for o in cell["outputs"] if o.get("output_type") == "error")
                cell["outputs"] = [_stream(f"{err.get('ename', 'Error')}: {err.get('evalue', '')}")]
            else:
                cell["outputs"] = [_stream(FEEDBACK_PASSED)]
            cells.append(cell)
            if gid in scores:
                got, mx = scores[gid]
                cells.append({"cell_type": "markdown", "metadata": {}, "source": f"**Score for {gid}: {got:g} / {mx:g}**"})
            continue
        if cell.get("cell_type") == "code":
            cell["source"] = HIDDEN.sub("", _src(cell))
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        cells.append(cell)
    total = sum(s for s, _ in scores.values())
    maximum = sum(m for _, m in scores.values())
    rows = "\n".join(f"| {html.escape(q)} | {s:g} | {m:g} |" for q, (s, m) in sorted(scores.items()))
    summary = (
        f"# Feedback: {title}\n\n**Autograded score: {total:g} / {maximum:g}**\n\n"
        f"| Question | Score | Out of |\n|---|---|---|\n{rows}\n\n"
        "Questions graded by your facilitator (such as reflections) are not included above."
    )
    if manual:
        mrows = "\n".join(f"| {html.escape(q)} | {'not graded yet' if s is None else f'{s:g}'} | {m:g} |"
                           for q, (s, m) in sorted(manual.items()))
        summary += f"\n\n**Graded by your facilitator:**\n\n| Question | Score | Out of |\n|---|---|---|\n{mrows}"
    nb["cells"] = [{"cell_type": "markdown", "metadata": {}, "source": summary}, *cells]
    return nb


def write_feedback(root: Path | None = None, assignments: list[str] | None = None, db_url: str | None = None,
                   students: list[str] | None = None, progress: bool = True) -> list[Path]:
    """Write ``feedback/LEARNER/ASSIGNMENT/NOTEBOOK.html`` for every graded submission.

    Returns
    -------
    list of Path
        The HTML files written.
    """
    import nbformat
    from nbconvert import HTMLExporter

    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    names, _questions, subs = load_results(url)
    wanted = [s for s in subs if (not assignments or s.assignment in assignments) and (not students or s.student in students)]
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    written = []
    iterator = wanted
    if progress and wanted:
        import sys

        from tqdm.auto import tqdm

        iterator = tqdm(wanted, desc="feedback", unit="submission", file=sys.stderr)
    for sub in iterator:
        graded_dir = root / "autograded" / sub.student / sub.assignment
        for path in sorted(graded_dir.glob("*.ipynb")):
            source_path = root / "solutions" / sub.assignment / path.name
            source = json.loads(source_path.read_text(encoding="utf-8")) if source_path.is_file() else {"cells": []}
            graded = json.loads(path.read_text(encoding="utf-8"))
            nb = feedback_notebook(graded, source, sub.questions, f"{sub.assignment} ({sub.student})", sub.manual)
            for i, cell in enumerate(nb["cells"]):
                cell.setdefault("id", f"feedback-{i}")
            node = nbformat.reads(json.dumps(nb), as_version=4)
            body, _ = exporter.from_notebook_node(node)
            if "BEGIN HIDDEN TESTS" in body:  # pragma: no cover - belt and braces
                raise RuntimeError(f"feedback for {sub.student} would reveal hidden tests")
            dest = root / "feedback" / sub.student / sub.assignment / f"{path.stem}.html"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(body, encoding="utf-8")
            written.append(dest)
    del names
    return written
