"""Facilitator materials agree with the code: record retention = `course purge`, the policy
template has every required section, the vendor questionnaire uses the rubric's weights."""

from __future__ import annotations

import re
import shutil

import pytest

from course.grading.certificates import _table
from course.grading.gradebook import open_gradebook
from course.grading.purge import purge
from course.guidelines.policy import REQUIRED_SECTIONS
from course.guidelines.rubric import CRITERIA, WEIGHTS
from helpers import ROOT

GUIDE = ROOT / "course" / "guide"
POLICIES = GUIDE / "ce-policies"
HANDOUTS = GUIDE / "handouts"


def _retention_rows() -> list[tuple[str, str, str, str]]:
    """(where, after `purge --yes`, after `purge --yes --keep-register`, record) for each table row."""
    rows = []
    for line in (POLICIES / "record-retention.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[2] in {"deleted", "kept"}:
            rows.append((cells[1].strip("`"), cells[2], cells[3], cells[0]))
    return rows


def _course(tmp_path):
    """A course folder with one learner's work everywhere purge looks, and a certificate."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    files = {
        "submitted": "s1/00_welcome/00_welcome.ipynb", "autograded": "s1/00_welcome/00_welcome.ipynb",
        "feedback": "s1/00_welcome/00_welcome.html", "collected": "returned.zip",
        "certificates": "s1.pdf", "reports": "grades.csv",
    }
    for folder, rel in files.items():
        (root / folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / folder / rel).write_text("x", encoding="utf-8")
    url = f"sqlite:///{root / 'gradebook.db'}"
    with open_gradebook(url) as gb:
        gb.add_assignment("00_welcome")
        gb.add_student("s1")
        gb.add_submission("00_welcome", "s1")
    engine, table = _table(url)
    with engine.begin() as conn:
        conn.execute(table.insert().values(code="ABCD", course_id="c", student_id="s1", name="S One",
                                           hours=1.5, issued="2026-12-01", modules="00_welcome"))
    engine.dispose()
    return root, url


def _state(root, url) -> dict[str, str]:
    import sqlalchemy as sa

    state = {}
    for folder in ("submitted", "autograded", "feedback", "collected", "certificates", "reports"):
        base = root / folder
        state[f"{folder}/"] = "kept" if base.exists() and any(p.is_file() for p in base.rglob("*")) else "deleted"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        learners = conn.execute(sa.text("select count(*) from student")).scalar()
        register = conn.execute(sa.text("select count(*) from course_certificate")).scalar()
    engine.dispose()
    state["learners"] = "kept" if learners else "deleted"
    state["register"] = "kept" if register else "deleted"
    return state


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's own session handling
@pytest.mark.parametrize("keep_register", [False, True], ids=["purge", "purge --keep-register"])
def test_record_retention_policy_matches_course_purge(tmp_path, keep_register):
    rows = _retention_rows()
    assert len(rows) >= 8, "the retention table lost rows"
    root, url = _course(tmp_path)
    purge(root, keep_register=keep_register)
    state = _state(root, url)
    column = 2 if keep_register else 1
    for row in rows:
        where, label = row[0], row[3]
        if where.endswith("/"):
            key = where
        elif "register" in label.lower():
            key = "register"
        else:
            key = "learners"
        assert where.endswith("/") or where == "gradebook", f"unknown place in the retention table: {where}"
        assert state[key] == row[column], f"record-retention.md says {where} is {row[column]!r}, course purge left it {state[key]!r}"
    described = {r[0] for r in rows if r[0].endswith("/")}
    assert described == {k for k in state if k.endswith("/")}, "every folder course purge handles is in the table"


def test_policy_template_has_every_required_section():
    headings = re.findall(r"^## (.+)$", (HANDOUTS / "ai-policy-template.md").read_text(encoding="utf-8"), re.M)
    for section, words in REQUIRED_SECTIONS.items():
        assert any(any(w in h.lower() for w in words) for h in headings), f"the policy template lacks '{section}'"
    assert any("permitted and prohibited clinical uses" in h.lower() for h in headings)


def test_vendor_questionnaire_uses_the_rubric_weights():
    text = (HANDOUTS / "vendor-questionnaire.md").read_text(encoding="utf-8")
    weights = [int(w) for w in re.findall(r"^\| \d+ \| [^|]+\| (\d+) \|", text, re.M)]
    assert weights == [WEIGHTS[c] for c in CRITERIA] and sum(weights) == 100


def test_ce_policies_and_handouts_are_all_there_and_linked():
    expected = {"grievance", "refund", "accommodation", "conflict-of-interest", "record-retention"}
    assert expected <= {p.stem for p in POLICIES.glob("*.md")}
    index = (POLICIES / "README.md").read_text(encoding="utf-8")
    for name in expected:
        assert f"({name}.md)" in index
    assert {"consent-script-template", "client-data-use-notice", "vendor-questionnaire", "ai-policy-template",
            "crisis-handoff-checklist"} <= {p.stem for p in HANDOUTS.glob("*.md")}
    guide = (GUIDE / "README.md").read_text(encoding="utf-8")
    for link in ("references.md", "glossary.md", "facilitator-notes/README.md", "handouts/README.md", "ce-policies/README.md"):
        assert f"({link})" in guide, f"course/guide/README.md should link to {link}"


def _hand_graded() -> list[tuple[str, str, int]]:
    """(assignment, grade id, points) of every question a facilitator grades by hand."""
    import json

    items = []
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            md = cell.get("metadata", {}).get("nbgrader", {})
            if (md.get("grade") and cell["cell_type"] == "markdown") or md.get("task"):
                items.append((path.parent.name, md["grade_id"], int(md.get("points", 0))))
    return items


def test_every_hand_graded_question_has_a_rubric_with_its_points():
    items = _hand_graded()
    assert len(items) >= 10
    notes_dir = GUIDE / "facilitator-notes"
    for assignment, grade_id, points in items:
        notes = notes_dir / f"{assignment}.md"
        assert notes.is_file(), f"no facilitator notes for {assignment}"
        text = notes.read_text(encoding="utf-8")
        m = re.search(rf"^## Rubric: `{re.escape(grade_id)}` \((\d+) points?\)[^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
        assert m, f"{notes.name}: no rubric for {grade_id}"
        assert int(m.group(1)) == points, f"{grade_id}: rubric says {m.group(1)} points, the exercise gives {points}"
        levels = {int(x) for x in re.findall(r"^\| (\d+) \|", m.group(2), re.M)}
        assert levels == set(range(points + 1)), f"{grade_id}: the rubric needs a row for every score 0..{points}, has {sorted(levels)}"
    for notes in sorted(notes_dir.glob("[0-9][0-9]_*.md")):
        text = notes.read_text(encoding="utf-8")
        for heading in ("## Key points", "## Common misconceptions", "## Discussion prompts"):
            assert heading in text, f"{notes.name} lacks '{heading}'"
    assert {p.stem for p in notes_dir.glob("[0-9][0-9]_*.md")} == {a for a, _, _ in items} | {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir() and p.name[:2].isdigit()}
