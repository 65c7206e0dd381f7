"""What a clinician types (and which widgets they use) to complete exercises 04 to 07.

One entry per exercise: ``typed`` maps each answer cell's grade id to the literal answer
typed into it (taken from the nbgrader source, solution markers dropped, so the browser
types exactly the answers the solution holds), ``manual`` the reflection cells, and
``full`` the autograded points a complete submission must score under ``course grade``.
Widget steps live in the browser test beside it.
"""

from __future__ import annotations

import json
import re

from labdriver import ROOT

MARKERS = re.compile(r"^\s*(###|#)?\s*(BEGIN|END) SOLUTION\s*$")
EXERCISES_04_07 = ["04_bias_fairness", "05_ethical_guidelines", "06_professional_orgs", "07_capstone"]


def _solution(assignment: str) -> dict:
    return json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))


def _region(source: str) -> str:
    lines = source.splitlines()
    start = next(i for i, ln in enumerate(lines) if MARKERS.match(ln) and "BEGIN" in ln)
    end = next(i for i, ln in enumerate(lines) if MARKERS.match(ln) and "END" in ln)
    return "\n".join(lines[start + 1 : end])


def entry(assignment: str) -> dict:
    """``{"typed": {grade_id: text}, "manual": {grade_id: text}, "full": {grade_id: points}}``."""
    typed, manual, full = {}, {}, {}
    for cell in _solution(assignment)["cells"]:
        md = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        if md.get("solution") and cell["cell_type"] == "code":
            typed[md["grade_id"]] = _region(source)
        elif md.get("solution"):
            manual[md["grade_id"]] = _region(source)
        if md.get("grade") and cell["cell_type"] == "code":
            full[md["grade_id"]] = float(md["points"])
    return {"typed": typed, "manual": manual, "full": full}


ANSWERS_04_07 = {a: entry(a) for a in EXERCISES_04_07}
