"""One syllabus, one source: measurable objectives mapped to real items, honest (measured)
times, CE hours and session formats that add up, and the notebooks, the session plans,
the knowledge tests and the certificates in step with it."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from course.checks import knowledge
from course.checks import post_test as post_checks
from course.checks import pre_test as pre_checks
from course.checks._core import Status
from course.cli import main
from course.grading.results import question_id
from course.syllabus import (
    BANNED_VERBS,
    estimate_exercise,
    estimate_test,
    estimated_time_line,
    load,
    measure_module,
    notebook_header,
    objectives_lines,
)
from helpers import ROOT, lesson_path, module_id

SYL = load()
MODULES = [m.id for m in SYL.modules]
KEY = re.compile(r'grade\(answer_q\d+, key="([abcd])"\)')


def _nb(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def _grade_ids(assignment: str) -> dict[str, dict]:
    out = {}
    for cell in _nb(assignment).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            out[question_id(meta["grade_id"])] = {"cell": cell, "points": meta.get("points", 0)}
    return out


def test_the_syllabus_has_no_problems():
    assert SYL.problems() == []


def test_every_module_has_three_to_five_measurable_objectives():
    assert MODULES == sorted(module_id(p) for p in (ROOT / "modules").glob("*.ipynb"))
    for m in SYL.modules:
        assert 3 <= len(m.objectives) <= 5, m.id
        for o in m.objectives:
            low = o.text.lower()
            assert not any(re.search(rf"\b{v}\b", low) for v in BANNED_VERBS), o.id


def test_every_item_named_exists_and_every_graded_item_assesses_an_objective():
    named = {i for o in SYL.objectives for i in o.items}
    for m in SYL.modules:
        graded = _grade_ids(m.id)
        mine = {i for o in m.objectives for i in o.items if i.startswith(f"m{m.number}_")}
        assert mine == set(graded), f"{m.id}: syllabus items {sorted(mine ^ set(graded))} do not match the exercise"
    for test in (SYL.pre_test, SYL.post_test):
        graded = _grade_ids(test)
        assert set(graded) == {i for i in named if i.startswith(test.split("_")[0] + "_q")}
        assert all(g["points"] == 1 for g in graded.values())


def test_post_test_covers_every_objective_with_six_items_per_ce_hour_and_a_parallel_pre_test():
    for o in SYL.objectives:
        assert o.items_of("post_q") and len(o.items_of("pre_q")) == len(o.items_of("post_q")), o.id
    for f in SYL.formats:
        credited = [m for m in f.modules if SYL.module(m).ce_credit]
        assert len(SYL.test_items("post", credited)) >= 6 * f.ce_hours, f.id
    assert [i[4:] for i in SYL.test_items("pre")] == [i[5:] for i in SYL.test_items("post")]


def test_knowledge_tests_are_multiple_choice_with_one_letter_keys_in_hidden_tests_only():
    for test in (SYL.pre_test, SYL.post_test):
        keys = {}
        for cell in _nb(test).cells:
            meta = cell.metadata.get("nbgrader", {})
            gid = meta.get("grade_id", "")
            if gid.endswith("_text") and gid[:-5] in SYL.test_items(test.split("_")[0]):
                options = re.findall(r"^\* \*\*([a-d])\)\*\* ", cell.source, re.M)
                assert options == ["a", "b", "c", "d"], gid
            if meta.get("grade"):
                hidden = cell.source.split("### BEGIN HIDDEN TESTS", 1)
                assert len(hidden) == 2 and not KEY.search(hidden[0]), f"{gid}: key outside the hidden tests"
                keys[gid] = KEY.search(hidden[1]).group(1)
            if meta.get("solution"):
                assert re.search(r'^answer_q\d+ = "[abcd]"$', cell.source, re.M), gid
        counts = {k: list(keys.values()).count(k) for k in "abcd"}
        assert max(counts.values()) - min(counts.values()) <= 2, f"{test}: keys unbalanced {counts}"
        release = (ROOT / "exercises" / test / f"{test}.ipynb").read_text(encoding="utf-8")
        assert "key=" not in release and "BEGIN SOLUTION" not in release


def test_a_knowledge_self_check_never_gives_the_answer_away_or_disagrees_with_the_grader():
    for checks, test in ((pre_checks, "pre"), (post_checks, "post")):
        assert len(checks.__all__) == len(SYL.test_items(test))
    q = post_checks.q1
    for letter in "abcd":
        shown = q.check(letter)
        assert isinstance(shown, knowledge.Recorded) and not shown.correct
        html = shown._repr_html_()
        assert "course-check-recorded" in html and "✅" not in html and "correct" not in html.lower()
        q.grade(letter)  # the visible part of the grade cell accepts any readable answer
    assert q.check(...).status is Status.NOT_ATTEMPTED
    assert q.check("e").message == knowledge.FORMAT and q.check(3).status is Status.INCORRECT
    q.grade(" B ", key="b")
    with pytest.raises(AssertionError) as exc:
        q.grade("a", key="b")
    assert "b" not in str(exc.value).replace("(post_q1)", "").lower().replace("not scored", "")
    with pytest.raises(AssertionError, match="not attempted"):
        q.grade(...)


@pytest.mark.parametrize("module", SYL.modules, ids=lambda m: m.id)
def test_times_are_measured_not_guessed(module):
    t = measure_module(lesson_path(module.id), SYL.words_per_minute)
    assert module.teaching_minutes == t.minutes, (
        f"{module.id}: {t.words} words and {t.code_cells} code cells measure {t.minutes} min of teaching; "
        f"the syllabus says {module.teaching_minutes} (run `course syllabus --measure`)")
    if module.exercise_basis == "estimate":
        e = estimate_exercise(ROOT / "solutions" / module.id / f"{module.id}.ipynb", SYL.words_per_minute)
        assert module.exercise_minutes == e.minutes, f"{module.id}: exercise estimated at {e.minutes} min"
    else:
        assert re.fullmatch(r"browser run \d{4}-\d\d-\d\d", module.exercise_basis), module.exercise_basis


def test_test_blocks_leave_time_for_their_items():
    for f in SYL.formats:
        for test, name in (("pre", SYL.pre_test), ("post", SYL.post_test)):
            need = estimate_test(ROOT / "solutions" / name / f"{name}.ipynb", f.test_items(test)).minutes
            assert f.minutes_of(f"{test}_test") >= need, f"{f.id}: {test}-test needs {need} min"


@pytest.mark.parametrize("module", SYL.modules, ids=lambda m: m.id)
def test_module_notebooks_state_the_syllabus_time_and_objectives(module):
    estimated, objectives = notebook_header(lesson_path(module.id))
    assert estimated == estimated_time_line(module)
    assert objectives == objectives_lines(module)


def test_session_plans_guide_is_in_step_with_the_syllabus():
    text = (ROOT / "course" / "guide" / "session-plans.md").read_text(encoding="utf-8")
    for m in SYL.modules:
        ce = f"{m.ce_hours:.2f}" if m.ce_credit else "orientation"
        row = f"| {m.number} | {m.title} | {m.teaching_minutes} | {m.exercise_minutes} | {m.minutes} | {ce} |"
        assert row in text, f"session-plans.md lacks the row {row}"
    for f in SYL.formats:
        line = (f"**{f.title}** (`{f.id}`): {f.minutes} minutes; {f.ce_hours:g} contact hours, "
                f"{f.ethics_hours:g} of them ethics; modules {', '.join(m[:2] for m in f.modules)}")
        assert line in text, f"session-plans.md lacks: {line}"
        t = 0
        for b in f.blocks:
            assert f"| {t // 60}:{t % 60:02d}–{(t + b.minutes) // 60}:{(t + b.minutes) % 60:02d} | {b.label} |" in text, (f.id, b.label)
            t += b.minutes
    assert f"{SYL.pass_mark:.0%}" in text
    # the old, unmeasured figures are gone
    assert "6.5 hours" not in text and "1.5 CE hours" not in text


def test_course_syllabus_prints_the_plan_and_json(capsys):
    assert main(["syllabus"]) == 0
    out = capsys.readouterr().out
    for m in SYL.modules:
        assert m.title in out
        for o in m.objectives:
            assert o.id in out
    assert f"{SYL.total_ce_hours:g} h CE" in out
    for f in SYL.formats:
        assert f"({f.id}): {f.minutes} minutes; {f.ce_hours:g} h CE" in out
    assert main(["syllabus", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["id"] for m in data["modules"]] == [m.id for m in SYL.modules]
    assert data["totals"]["ce_hours"] == SYL.total_ce_hours
    assert data["modules"][1]["objectives"][0]["items"] == list(SYL.modules[1].objectives[0].items)
    assert {f["id"]: f["ce_hours"] for f in data["formats"]} == {f.id: f.ce_hours for f in SYL.formats}
    assert main(["syllabus", "--format", "weekend"]) == 2
    assert main(["syllabus", "--measure"]) == 0
    assert "In step with the syllabus." in capsys.readouterr().out


def test_certificate_hours_come_from_the_syllabus():
    from course.grading.ce_config import CEConfig
    from course.grading.certificates import certificate_fields

    for f in SYL.formats:
        ce = CEConfig(provider="P", session_format=f.id, delivery=f.delivery[0])
        fields = certificate_fields(name="A", student="a", course_id="c", syllabus=SYL, session_format=f.id, ce=ce,
                                    dates=["2026-11-28"], issued="2026-11-28")
        assert fields["contact_hours"] == f"{f.ce_hours:g}" and fields["ethics_hours"] == f"{f.ethics_hours:g}"
        assert fields["modules"] == [SYL.module(m).title for m in f.modules]
