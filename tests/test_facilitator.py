"""Facilitator toolkit: collect, parallel sandboxed grading that survives bad submissions,
feedback, report, certificates, verify, purge (SQLite here; PostgreSQL in
test_facilitator_postgres.py)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from course.cli import build_parser, main
from course.grading import collect as collect_mod
from course.grading import engine
from course.grading.certificates import make_code
from course.grading.feedback import FEEDBACK_HIDDEN_FAILED, feedback_html
from course.grading.report import item_analysis
from course.grading.results import CompletionRule, Submission
from helpers import ROOT, make_course_dir

A = "00_welcome"
SOLUTION = ROOT / "solutions" / A / "00_welcome.ipynb"
RELEASE = ROOT / "exercises" / A / "00_welcome.ipynb"
FULL = {"m00_q1_test": 1.0, "m00_q2_test": 1.0, "m00_q3_test": 2.0, "m00_q4_test": 2.0}
WRONG = {**FULL, "m00_q1_test": 0.0, "m00_q4_test": 0.0}
ONLY_Q1 = {"m00_q1_test": 1.0, "m00_q2_test": 0.0, "m00_q3_test": 0.0, "m00_q4_test": 0.0}
HIDDEN_SECRETS = ("brought her sleep diary", "six hours on most nights", "BEGIN HIDDEN TESTS", "could not come today")


# --------------------------------------------------------------------------------------
# building submissions
# --------------------------------------------------------------------------------------
def _nb(path: Path = RELEASE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _edit(nb: dict, replacements: dict[str, tuple[str, str]]) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in replacements:
            old, new = replacements[gid]
            text = "".join(cell["source"])
            assert old in text
            cell["source"] = text.replace(old, new)
    return nb


def _drop(nb: dict, gid: str) -> dict:
    nb = json.loads(json.dumps(nb))
    nb["cells"] = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != gid]
    return nb


def _q1(code: str) -> dict:
    return _edit(_nb(), {"m00_q1": ("answer_q1 = ...", "answer_q1 = 6\n" + code)})


def _wrong() -> dict:
    return _edit(_nb(), {
        "m00_q1": ("answer_q1 = ...", "answer_q1 = 5"),
        "m00_q2": ("answer_q2 = ...", 'answer_q2 = "c"'),
        "m00_q3": ("answer_q3 = ...", 'answer_q3 = ["A", "C", "D", "F", "H"]'),
        "m00_q4": ("answer_q4 = ...", 'answer_q4 = ["Jane Doe"]'),
    })


def _other_assignment() -> dict:
    text = json.dumps(_nb()).replace('"m00_', '"m03_')
    return json.loads(text)


def _dump(nb: dict) -> bytes:
    return json.dumps(nb, indent=1, ensure_ascii=False).encode()


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------------------
# fast unit tests
# --------------------------------------------------------------------------------------
def test_every_command_has_help(capsys):
    for cmd in ("release", "collect", "grade", "feedback", "report", "certificates", "verify", "purge"):
        with pytest.raises(SystemExit) as exc:
            build_parser().parse_args([cmd, "--help"])
        assert exc.value.code == 0
        assert "usage: course " + cmd in capsys.readouterr().out


def _release_map() -> dict:
    return {"00_welcome.ipynb": _nb()}


@pytest.mark.parametrize(
    ("files", "problem", "warning"),
    [
        ({"00_welcome.ipynb": b'{"cells": [ broken'}, engine.R_INVALID, None),
        ({"notes.txt": b"my answers"}, engine.R_MISSING, None),
        ({"00_welcome.ipynb": _dump(_other_assignment())}, engine.R_OTHER_ASSIGNMENT, None),
        ({"00_welcome.ipynb": b'{"cells": [], "metadata": {}}'}, engine.R_NO_GRADED_CELLS, None),
        ({"00_welcome.ipynb": b'["a list"]'}, engine.R_NOT_NOTEBOOK, None),
        ({"Welcome (1).ipynb": _dump(_nb())}, None, engine.R_RENAMED),
        ({"00_welcome.ipynb": _dump(_drop(_nb(), "m00_q4_test"))}, None, engine.R_DELETED),
        ({"00_welcome.ipynb": _dump(_edit(_nb(), {"m00_q2_test": ("checks.q2.grade(answer_q2)", "pass")}))}, None, engine.R_EDITED),
        ({"00_welcome.ipynb": _dump(_nb(SOLUTION))}, None, None),  # hidden tests are not an "edit"
    ],
)
def test_precheck_names_each_kind_of_bad_submission(tmp_path, files, problem, warning):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    job = engine.precheck(tmp_path, "learner", A, _release_map(), ["00_welcome", "03_human_ai_balance"])
    if problem:
        assert job.problem and problem in job.problem
        if problem == engine.R_OTHER_ASSIGNMENT:
            assert "03_human_ai_balance" in job.problem
    else:
        assert job.problem is None
        assert list(job.notebooks) == ["00_welcome.ipynb"]
        assert bool(job.warnings) == bool(warning)
        if warning:
            assert warning in job.warnings[0]


def test_deleted_cells_are_restored_in_release_order(tmp_path):
    (tmp_path / "00_welcome.ipynb").write_bytes(_dump(_drop(_drop(_nb(), "m00_q4_test"), "m00_setup")))
    job = engine.precheck(tmp_path, "x", A, _release_map(), [A])
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in job.notebooks["00_welcome.ipynb"]["cells"]]
    assert ids == [c["metadata"]["nbgrader"]["grade_id"] for c in _nb()["cells"]]
    assert "m00_q4_test" in job.warnings[0] and "m00_setup" in job.warnings[0]


def test_output_cap_drops_everything_past_the_limit():
    from course.grading._kernel import OUTPUT_CUT_NOTICE, _OutputCap

    class Stream:
        def __init__(self):
            self.parts = []

        def write(self, text):
            self.parts.append(text)
            return len(text)

    stream, cap = Stream(), _OutputCap(1000, "0.001")
    cap.wrap(stream)
    for _ in range(100_000):
        stream.write("x" * 100)
    written = "".join(stream.parts)
    assert len(written) < 1200 and written.endswith(OUTPUT_CUT_NOTICE.format(mb="0.001"))
    cap.reset()
    stream.write("next cell")
    assert stream.parts[-1] == "next cell"


def _zip(path: Path, entries: list[tuple[str, bytes, tuple]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, when in entries:
            zf.writestr(zipfile.ZipInfo(name, when), data)
    return path


def test_collect_files_assorted_names_and_never_loses_a_version(tmp_path):
    root = make_course_dir(tmp_path, [A])
    rel, sol, wrong = RELEASE.read_bytes(), SOLUTION.read_bytes(), _dump(_wrong())
    day = (2026, 11, 2)
    export = _zip(tmp_path / "lms.zip", [
        ("Jane Doe - 00_welcome.ipynb", rel, (*day, 9, 0, 0)),
        ("doe_jane_00_welcome (1).ipynb", wrong, (*day, 10, 0, 0)),
        ("janedoe_12345_67890_00_welcome.ipynb", sol, (*day, 11, 0, 0)),  # Canvas style, latest
        ("JANE DOE late 00_welcome.ipynb", sol, (*day, 11, 0, 0)),  # identical duplicate
        ("Ana Lima_555_assignsubmission_file_welcome.ipynb", b"{broken", (*day, 9, 0, 0)),  # Moodle style
        ("sam.k@example.org/00_welcome.ipynb", rel, (*day, 9, 0, 0)),
        ("__MACOSX/._junk.ipynb", b"x", (*day, 9, 0, 0)),
        ("readme.txt", b"hello", (*day, 9, 0, 0)),
        ("untitled.ipynb", b"{}", (*day, 9, 0, 0)),
        ("../../escape.ipynb", b"{}", (*day, 9, 0, 0)),  # a zip-slip attempt stays inside collected/
    ])
    placements = collect_mod.collect(export, root)
    by = {p.source: p for p in placements}
    assert {p.student for p in placements if p.student} == {"jane-doe", "ana-lima", "sam-k"}
    assert [by[n].status for n in ("Jane Doe - 00_welcome.ipynb", "doe_jane_00_welcome (1).ipynb",
                                   "janedoe_12345_67890_00_welcome.ipynb", "JANE DOE late 00_welcome.ipynb")] == [
        "new", "replaced", "replaced", "duplicate"]
    assert by["readme.txt"].status == by["untitled.ipynb"].status == "unplaced"
    assert not (tmp_path / "escape.ipynb").exists() and not (root / "escape.ipynb").exists()
    assert list(root.joinpath("collected").glob("2*/escape.ipynb"))
    assert by["__MACOSX/._junk.ipynb"].status == "skipped"  # listed with the reason, not filed
    # the newest version is current; both earlier versions are kept
    assert (root / "submitted/jane-doe/00_welcome/00_welcome.ipynb").read_bytes() == sol
    kept = sorted(p.read_bytes() for p in (root / "collected/superseded/jane-doe/00_welcome").iterdir())
    assert kept == sorted([rel, wrong])
    # every received file is archived as-is
    archived = {p.name for p in root.joinpath("collected").glob("2*/**/*") if p.is_file()}
    assert {"readme.txt", "untitled.ipynb", "Jane Doe - 00_welcome.ipynb", "00_welcome.ipynb"} <= archived
    # a late-arriving OLDER copy does not replace the current one, and is kept
    older = tmp_path / "again"
    older.mkdir()
    (older / "Jane Doe 00_welcome.ipynb").write_bytes(b'{"cells": []}')
    os.utime(older / "Jane Doe 00_welcome.ipynb", (1.6e9, 1.6e9))  # 2020
    (p,) = collect_mod.collect(older, root)
    assert p.status == "older" and (root / "submitted/jane-doe/00_welcome/00_welcome.ipynb").read_bytes() == sol
    assert len(list((root / "collected/superseded/jane-doe/00_welcome").iterdir())) == 3


def test_collect_with_roster_matches_ids_and_names_and_stores_only_id_and_name(tmp_path, capsys):
    root = make_course_dir(tmp_path, [A])
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,email\njd01,Jane Doe,jane@example.org\nal02,Ana Lima,ana@example.org\n"
                      "jd02,Jane Dunn,jd@example.org\n", encoding="utf-8")
    src = tmp_path / "mail"
    src.mkdir()
    (src / "DoeJane_00_welcome.ipynb").write_bytes(RELEASE.read_bytes())
    (src / "al02-welcome.ipynb").write_bytes(RELEASE.read_bytes())
    (src / "jane_00_welcome.ipynb").write_bytes(RELEASE.read_bytes())  # ambiguous: two Janes
    os.environ["COURSE_ROOT"] = str(root)
    try:
        assert main(["collect", str(src), "--roster", str(roster)]) == 0
    finally:
        del os.environ["COURSE_ROOT"]
    out = capsys.readouterr().out
    assert "jd01/00_welcome" in out and "al02/00_welcome" in out
    assert "Could not place" in out and "jane_00_welcome.ipynb" in out and "matches no learner" in out
    rows = sqlite3.connect(root / "gradebook.db").execute(
        "select id, first_name, last_name, email, lms_user_id from student order by id").fetchall()
    assert rows == [("al02", "Ana Lima", None, None, None), ("jd01", "Jane Doe", None, None, None)]


def test_collect_rejects_bad_input(tmp_path):
    root = make_course_dir(tmp_path, [A])
    with pytest.raises(ValueError, match="does not exist"):
        collect_mod.collect(tmp_path / "nope.zip", root)
    bad = tmp_path / "roster.csv"
    bad.write_text("name\nJane\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'id' column"):
        collect_mod.read_roster(bad)


def test_feedback_never_reveals_hidden_tests():
    graded = _nb(SOLUTION)
    for cell in graded["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "m00_q4_test":
            cell["outputs"] = [{"output_type": "error", "ename": "CheckFailed",
                                "evalue": "Q4 incorrect: 'Janey (Jane Doe) brought her sleep diary' still names her",
                                "traceback": ["checks.q4.grade(answer_q4, note='... slept six hours on most nights ...')"]}]
            cell["source"] = "".join(cell["source"])
    maxima = {"m00_q1_test": 1.0, "m00_q2_test": 1.0, "m00_q3_test": 2.0, "m00_q4_test": 2.0}
    page = feedback_html(graded, {q: (WRONG[q], maxima[q]) for q in WRONG}, "00_welcome (x)")
    for secret in HIDDEN_SECRETS[:3]:
        assert secret not in page
    assert FEEDBACK_HIDDEN_FAILED in page and "Autograded score: 3 / 6" in page


def test_item_analysis_puts_the_most_missed_question_first():
    subs = [Submission("a", A, {"q1": (1, 1), "q2": (0, 2)}), Submission("b", A, {"q1": (0, 1), "q2": (0, 2)}),
            Submission("c", A, {"q1": (1, 1), "q2": (2, 2)})]
    stats = item_analysis({A: [("q1", 1.0), ("q2", 2.0)]}, subs)
    assert [(s.question, s.missed, s.learners) for s in stats] == [("q2", 2, 3), ("q1", 1, 3)]
    rule = CompletionRule(pass_mark=0.3)
    assert [rule.completed(s) for s in subs] == [True, False, True]
    assert rule.qualifies([A], [A]) and not rule.qualifies([], [A])
    with pytest.raises(ValueError):
        CompletionRule(pass_mark=70)


def test_verification_codes_are_keyed_and_stable():
    fields = {"name": "Jane Doe", "student_id": "jd01", "issued": "2026-11-28", "contact_hours": "1.5", "modules": [A]}
    code = make_code(b"k1", fields)
    assert code == make_code(b"k1", dict(fields))
    assert len(code) == 14 and code.count("-") == 2
    assert code != make_code(b"k2", fields)
    for key, value in [("student_id", "jd02"), ("contact_hours", "3"), ("name", "Jane Dough")]:
        assert code != make_code(b"k1", {**fields, key: value}), key


# --------------------------------------------------------------------------------------
# one cohort, graded once, then the whole lifecycle
# --------------------------------------------------------------------------------------
LIMITS = engine.Limits(cell_timeout=10, memory_mb=1024, output_mb=1)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cohort")
    root = make_course_dir(tmp, [A])
    gradebook = root / "gradebook.db"
    victim = root / "submitted" / "solution" / A / "00_welcome.ipynb"
    day = (2026, 11, 2, 9, 0, 0)
    export = _zip(tmp / "returned.zip", [
        ("solution - 00_welcome.ipynb", SOLUTION.read_bytes(), day),
        ("blank_00_welcome.ipynb", RELEASE.read_bytes(), day),
        ("wrong 00_welcome.ipynb", _dump(_wrong()), day),
        ("broken-00_welcome.ipynb", b'{"cells": [ this is not json', day),
        ("other_00_welcome.ipynb", _dump(_other_assignment()), day),
        ("deleted_00_welcome.ipynb", _dump(_drop(_wrong(), "m00_q4_test")), day),
        ("edited_00_welcome.ipynb", _dump(_edit(_wrong(), {"m00_q4_test": ("checks.q4.grade(answer_q4)", "pass  # gone")})), day),
        ("loop_00_welcome.ipynb", _dump(_q1("while True:\n    pass")), day),
        ("hog_00_welcome.ipynb", _dump(_q1("hog = bytearray(8 * 2**30)")), day),
        ("crash_00_welcome.ipynb", _dump(_q1("import os\nos._exit(1)")), day),
        ("printer_00_welcome.ipynb", _dump(_q1("for _ in range(1000):\n    print('x' * 100_000)")), day),
        ("tamper_00_welcome.ipynb", _dump(_q1(
            "import os\n"
            f"print('peek:', os.listdir({str(root / 'submitted')!r}))\n"
            f"for target in ({str(victim)!r}, {str(gradebook)!r}):\n"
            "    try:\n        os.remove(target)\n    except OSError as exc:\n        print('blocked:', exc)\n"
            f"open({str(gradebook)!r}, 'w').write('gone')")), day),
    ])
    roster = tmp / "roster.csv"
    names = ["solution", "blank", "wrong", "broken", "other", "deleted", "edited", "loop", "hog", "printer",
             "tamper", "renamed", "missing", "crash"]
    roster.write_text("id,name\n" + "".join(f"{n},{n.title()} Learner\n" for n in names), encoding="utf-8")
    placed = collect_mod.collect(export, root, roster=roster)
    assert all(p.status == "new" for p in placed), placed
    # two kinds that collect would have tidied up, placed by hand as a careless facilitator might
    (root / "submitted/renamed" / A).mkdir(parents=True)
    (root / "submitted/renamed" / A / "Copy of 00_welcome.ipynb").write_bytes(SOLUTION.read_bytes())
    (root / "submitted/missing" / A).mkdir(parents=True)
    (root / "submitted/missing" / A / "answers.txt").write_text("I could not open Jupyter", encoding="utf-8")
    before = _hashes(root / "submitted")
    reports = engine.grade([A], root, workers=2, limits=LIMITS, progress=False, sandbox="on")
    return root, reports[A], before


CODE_IN_ANSWER = ("loop", "hog", "printer", "tamper", "crash")


@pytest.mark.slow
def test_grade_reports_every_bad_submission_and_grades_the_rest(cohort):
    from course.grading.answers import R_NOT_LITERAL

    root, report, _ = cohort
    assert report.graded == sorted(["blank", "deleted", "edited", "hog", "loop", "printer", "renamed",
                                    "solution", "tamper", "wrong", "crash"])
    problems = {p.student: p.reason for p in report.problems}
    assert set(problems) == {"broken", "missing", "other"}
    assert engine.R_INVALID in problems["broken"]
    assert engine.R_MISSING in problems["missing"] and "found: answers.txt" in problems["missing"]
    assert engine.R_OTHER_ASSIGNMENT in problems["other"] and "module 03" in problems["other"]
    notes = {}
    for w in report.warnings:
        notes.setdefault(w.student, []).append(w.reason)
    assert engine.R_DELETED in notes["deleted"][0] and "m00_q4_test" in notes["deleted"][0]
    assert engine.R_EDITED in notes["edited"][0]
    assert engine.R_RENAMED in notes["renamed"][0]
    # code written into an answer cell is never run: the answer is blanked and reported
    for name in CODE_IN_ANSWER:
        assert any(n.startswith(R_NOT_LITERAL) and "m00_q1" in n for n in notes[name]), name
    assert not {"solution", "blank", "wrong"} & set(notes)


@pytest.mark.slow
def test_scores_are_right_and_the_gradebook_and_submissions_are_intact(cohort):
    from course import grading

    root, _, before = cohort
    scores = grading.scores(A, root)
    assert scores["solution"] == scores["renamed"] == FULL
    assert sum(scores["blank"].values()) == 0
    # a deleted or edited test cell is restored, hidden tests included, so it still catches the wrong answer
    assert scores["wrong"] == scores["deleted"] == scores["edited"] == WRONG
    for name in CODE_IN_ANSWER:
        assert sum(scores[name].values()) == 0, name
    con = sqlite3.connect(root / "gradebook.db")
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    assert con.execute("select count(*) from student where email is not null or last_name is not null "
                       "or lms_user_id is not null").fetchone() == (0,)
    assert _hashes(root / "submitted") == before, "a submitted file was changed or lost"


@pytest.mark.slow
def test_feedback_report_certificates_verify_purge(cohort, capsys, monkeypatch, tmp_path):
    root, _, _ = cohort
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))

    assert main(["feedback", "--no-progress"]) == 0
    pages = sorted((root / "feedback").rglob("*.html"))
    assert len(pages) == 11
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Autograded score:" in text
        for secret in HIDDEN_SECRETS:
            assert secret not in text, f"{page} reveals {secret!r}"
    assert "Autograded score: 3 / 6" in (root / "feedback/wrong" / A / "00_welcome.html").read_text(encoding="utf-8")

    assert main(["report", "--pass-mark", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "Most-missed questions" in out
    grades = {r["learner"]: r for r in csv.DictReader((root / "reports/grades.csv").open(encoding="utf-8"))}
    assert grades["solution"]["total"] == "6" and grades["wrong"]["total"] == "3" and grades["blank"]["total"] == "0"
    assert main(["report", "--pass-mark", "0.9", "--json"]) == 0  # what report.json holds
    assert set(json.loads(capsys.readouterr().out)) == set(json.loads((root / "reports/report.json").read_text("utf-8")))
    completion = {r["learner"]: r for r in csv.DictReader((root / "reports/completion.csv").open(encoding="utf-8"))}
    assert completion["solution"][f"{A} (autograded)"] == "completed"
    assert completion["wrong"][f"{A} (autograded)"].startswith("incomplete")
    assert completion["broken"][f"{A} (autograded)"] == "could not be read"  # damaged, not missing
    items = list(csv.DictReader((root / "reports/item_analysis.csv").open(encoding="utf-8")))
    assert (items[0]["missed"], items[0]["learners"]) == ("9", "11")
    assert (root / "reports/item_analysis.png").read_bytes()[:4] == b"\x89PNG"

    # Certificates follow the syllabus's completion rule (tested in test_ce.py): module 00 alone
    # completes no session format, and the output says so, learner by learner.
    assert main(["certificates"]) == 2  # bad input: no ce.toml
    assert "copy course/guide/ce.example.toml" in capsys.readouterr().err  # no ce.toml in this folder
    (root / "ce.toml").write_text('[provider]\nname = "Example Provider"\n[session]\nformat = "self-paced"\n',
                                  encoding="utf-8")
    assert main(["certificates"]) == 0
    out = capsys.readouterr().out
    assert "Certificate issued (0):" in out and not list((root / "certificates").glob("*.pdf"))
    why = next(line for line in out.splitlines() if line.startswith("  solution: "))
    assert "post-test not submitted" in why and "not submitted: 01_privacy" in why
    assert "manual grading pending: 00 Q5" in why and "evaluation not returned" in why
    assert main(["verify", "AAAA-BBBB-CCCC"]) == 1
    assert main(["verify", "hello"]) == 1

    assert main(["purge"]) == 2  # needs --yes
    assert main(["purge", "--yes"]) == 0
    for area in ("submitted", "autograded", "feedback", "collected", "certificates"):
        assert not any(p.is_file() for p in (root / area).rglob("*")) if (root / area).exists() else True
    con = sqlite3.connect(root / "gradebook.db")
    assert con.execute("select count(*) from student").fetchone() == (0,)
    assert con.execute("select count(*) from submitted_assignment").fetchone() == (0,)
