"""CE-readiness: completion by the syllabus rule (manual scores included), course report
(pre/post gain, item analysis, anonymous evaluations), certificates a CE board accepts
(every field checked with pdftotext), and verification codes that sign every printed field."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from ce_helpers import CE_TOML, all_right, ce_course, return_evaluation, submit_graded

from course.cli import main
from course.grading import certificates as certs
from course.grading.ce_config import CEConfig, load_ce
from course.grading.feedback import feedback_notebook
from course.grading.report import csv_cell
from course.grading.results import R_EVALUATION, R_MANUAL, completion, question_label
from course.syllabus import load

SYL = load()
FMT = SYL.format("staff-90")
POST = FMT.test_items("post")
PRE = FMT.test_items("pre")
MODULE = "01_privacy"
MANUAL = "m01_q6"
UNICODE_NAMES = ["Łukasz Wójcik", "王小明", "Nguyễn Thị Minh"]
REPO = Path(__file__).resolve().parents[1]
LONG_NAME = "Maria-Fernanda Alejandra de los Ángeles Rodríguez-Villanueva y Castellanos-Montenegro Hernández"
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run([PDFTOTEXT, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _autograded_points(assignment: str) -> float:
    """The autograded points of one assignment, read from its solution notebook."""
    import nbformat

    nb = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    return sum(
        float(c.metadata["nbgrader"].get("points", 0))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------
# a cohort of a 90-minute staff session, graded (autograder and formgrader)
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ce")
    root, url = ce_course(tmp)
    half = dict.fromkeys(POST[: len(POST) // 2], 1.0)
    learners = {
        # id: (name, post answers right, module submitted, manual score, evaluation)
        "done": ("Łukasz Wójcik", all_right(POST), True, 2.0, True),
        "cjk": ("王小明", all_right(POST), True, 1.5, True),
        "viet": ("Nguyễn Thị Minh", all_right(POST), True, 2.0, True),
        "lowpost": ("Low Post", half, True, 2.0, True),
        "nomodule": ("No Module", all_right(POST), False, None, True),
        "pending": ("Pending Manual", all_right(POST), True, None, True),
        "noeval": ("No Evaluation", all_right(POST), True, 2.0, False),
        "noname": (None, all_right(POST), True, 2.0, True),
    }
    for sid, (name, post, module, manual, evaluation) in learners.items():
        submit_graded(url, sid, SYL.pre_test, dict.fromkeys(PRE[:2], 1.0), name=name)
        submit_graded(url, sid, SYL.post_test, post, name=name)
        if module:
            submit_graded(url, sid, MODULE, 1.0, manual={MANUAL: manual}, name=name)
        if evaluation:
            return_evaluation(root, sid, {"session_format": "staff-90", "relevance": 4, "format": 5, "presenter": 4,
                                          "commercial_bias": "no", "objectives": {"m01_o1": 4, "m01_o2": 5},
                                          "comments": f"<script>alert('{sid}')</script> =HYPERLINK(\"x\")"})
    return root, url


@pytest.mark.slow
def test_completion_needs_post_test_modules_manual_grades_and_evaluation(cohort):
    root, url = cohort
    st = {s.student: s for s in completion(root, url, "staff-90")}
    assert {s for s, v in st.items() if v.complete} == {"done", "cjk", "viet", "noname"}
    assert st["lowpost"].reasons == ["post-test 50% on the session's items (75% needed)"]
    assert st["nomodule"].reasons == [f"not submitted: {MODULE}"]
    assert st["pending"].reasons == [R_MANUAL.format(items=question_label(MANUAL))]
    assert st["noeval"].reasons == [R_EVALUATION]
    assert st["done"].post_score == 1.0 and st["done"].pre_score == pytest.approx(2 / len(PRE))
    assert st["done"].gain == pytest.approx(1 - 2 / len(PRE))


@pytest.mark.slow
def test_report_has_manual_scores_gain_items_and_anonymous_evaluations(cohort, tmp_path, capsys, monkeypatch):
    root, url = cohort
    monkeypatch.setenv("COURSE_ROOT", str(root))
    assert main(["report", "--out", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"Course folder: {root} (from $COURSE_ROOT)"
    assert "Manual grading still pending" in out and "pending: 01 Q6" in out
    r = tmp_path / "r"
    grades = {row["learner"]: row for row in csv.DictReader((r / "grades.csv").open(encoding="utf-8"))}
    # the formgrader's manual score is part of the module's score
    auto = _autograded_points(MODULE)
    assert float(grades["cjk"][f"{MODULE} score"]) == auto + 1.5
    assert float(grades["pending"][f"{MODULE} score"]) == auto
    assert grades["pending"]["manual pending"] == "1"
    comp = {row["learner"]: row for row in csv.DictReader((r / "completion.csv").open(encoding="utf-8"))}
    assert comp["done"]["certificate"] == "yes" and comp["noeval"]["why not"] == R_EVALUATION
    assert [row for row in csv.DictReader((r / "manual_pending.csv").open(encoding="utf-8"))] == [
        {"learner": "pending", "assignment": MODULE, "question": MANUAL}]
    gain = {row["learner"]: row for row in csv.DictReader((r / "knowledge_gain.csv").open(encoding="utf-8"))}
    assert gain["done"]["post-test %"] == "100.0" and float(gain["done"]["gain (points)"]) > 60
    objectives = {row["objective"]: row for row in csv.DictReader((r / "objectives.csv").open(encoding="utf-8"))}
    assert set(objectives) == {o.id for o in SYL.module(MODULE).objectives}
    # everyone had the first two pre-test items of the session right (pre_q4 of m01_o1), none of the others
    o1 = [i for i in next(o for o in SYL.objectives if o.id == "m01_o1").items if i.startswith("pre_")]
    assert objectives["m01_o1"]["pre-test mean %"] == f"{100 * sum(i in PRE[:2] for i in o1) / len(o1):.1f}"
    items = list(csv.DictReader((r / "item_analysis.csv").open(encoding="utf-8")))
    missed = POST[len(POST) // 2]  # the first item the low scorer got wrong
    post7 = next(i for i in items if i["question"] == f"{missed}_test")
    assert post7["objective"] == SYL.objective_of(missed).id and post7["difficulty (p)"] == "0.88"
    assert post7["discrimination (r)"] != ""  # the low scorer missed it: the item discriminates
    data = json.loads((r / "report.json").read_text(encoding="utf-8"))
    assert data["manual_pending"] == {"pending": [f"{MODULE}:{MANUAL}"]}
    done = next(x for x in data["learners"] if x["learner"] == "done")
    assert done["scores"][MODULE]["manual_items"][MANUAL] == {"score": 2.0, "max": 2.0}
    ev = data["evaluations"]
    assert ev["returned"] == 7 and ev["questions"]["relevance"]["mean"] == 4.0
    assert ev["objectives"]["m01_o2"]["counts"]["5"] == 7
    assert "learner" not in json.dumps(ev) and "done" not in ev  # comments are kept, never with who wrote them
    page = (r / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=['\"]?https?:", page), "report.html must load nothing from the internet"
    assert page.count("<img src='data:image/png;base64,") == 2 and "alt='Paired horizontal bars" in page
    comments = (r / "evaluation_comments.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" not in comments  # the formula is inside the text, not at the start of a cell
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("@x") == "'@x" and csv_cell("-2") == "'-2"
    assert main(["report", "--json", "--out", str(tmp_path / "r2")]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["pass_mark"] == 0.75
    assert printed.err.startswith("Course folder:")


@pytest.mark.slow
@needs_pdftotext
def test_certificates_name_who_got_one_and_who_did_not_and_print_every_field(cohort, tmp_path, capsys, monkeypatch):
    root, url = cohort
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,licence,state\ndone,Łukasz Wójcik,LPC-00123,OR\n", encoding="utf-8")
    assert main(["certificates", "--roster", str(roster), "--issued", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    issued = dict(re.findall(r"^  (\w+): \S+\.pdf  code (\S+)$", out, re.M))
    assert set(issued) == {"done", "cjk", "viet"}
    assert "lowpost: post-test 50% on the session's items (75% needed)" in out
    assert f"nomodule: not submitted: {MODULE}" in out and "pending: manual grading pending: 01 Q6" in out
    assert "noeval: evaluation not returned" in out and "noname: no certificate name" in out
    for sid, name in [("done", "Łukasz Wójcik"), ("cjk", "王小明"), ("viet", "Nguyễn Thị Minh")]:
        pdf = root / "certificates" / f"{sid}.pdf"
        text = pdf_text(pdf)
        flat = _flat(text)
        assert name in text.splitlines() or name in flat, f"{name} not rendered"
        for expected in [certs.NOT_APPROVED_TITLE, SYL.title, "Provider: Example Counselling Association (ce@example.org)",
                         "Delivery: live in-person", FMT.title, "Date(s): 28 November 2026",
                         f"Contact hours: {FMT.ce_hours:g}", f"Ethics hours: {FMT.ethics_hours:g}",
                         "Instructor: Dr Dana Example, LCSW", certs.NOT_APPROVED_NOTE,
                         f"Verification code: {issued[sid]}", f"course verify {issued[sid]}"]:
            assert expected in flat, f"{sid}: {expected!r} missing from the certificate"
        lines = [ln.strip() for ln in text.splitlines()]
        for title in (SYL.module(m).title for m in FMT.modules):
            assert title in lines, f"module title {title!r} is not on one line of its own"
        assert "`" not in text and "01_privacy" not in text and "approved by" not in flat.lower()
    assert "Licence number: LPC-00123 (OR)" in _flat(pdf_text(root / "certificates" / "done.pdf"))
    # verify: valid, and the message lists the printed fields
    assert main(["verify", issued["done"]]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Course folder:") and "VALID: " + certs.NOT_APPROVED_TITLE + ": Łukasz Wójcik" in said
    assert "licence LPC-00123 (OR)" in said and "1 contact hours, 0 ethics" in said


def _register(root: Path):
    con = sqlite3.connect(root / "gradebook.db")
    return con


@pytest.mark.slow
def test_editing_any_printed_field_in_the_register_makes_it_not_valid(tmp_path, monkeypatch):
    root, url = ce_course(tmp_path)
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    from course.grading.gradebook import set_learner_name

    set_learner_name(url, "jd01", "Jane Doe")
    ce = load_ce(root)
    fields = certs.certificate_fields(name="Jane Doe", student="jd01", course_id="ai-guardrails", syllabus=SYL,
                                      session_format="staff-90", ce=ce, dates=["2026-11-28"], issued="2026-11-30",
                                      licence="LCSW 4711", licence_state="WA")
    secret = certs._secret("ai-guardrails", create=True)
    code = certs.make_code(secret, fields)
    engine, table = certs._table(url)
    with engine.begin() as conn:
        conn.execute(table.insert().values(code=code, course_id="ai-guardrails", student_id="jd01", name="Jane Doe",
                                           hours=float(fields["contact_hours"]), issued="2026-11-30", modules=MODULE,
                                           fields=json.dumps(fields, ensure_ascii=False)))
    engine.dispose()
    assert certs.verify(code, root).valid
    con = _register(root)
    for key in certs.FIELDS:
        changed = dict(fields)
        value = changed[key]
        changed[key] = [*value, "Extra module"] if isinstance(value, list) else f"{value}X"
        con.execute("update course_certificate set fields = ? where code = ?", (json.dumps(changed), code))
        con.commit()
        result = certs.verify(code, root)
        assert not result.valid and "NOT VALID" in result.message, f"editing {key} still verifies"
    con.execute("update course_certificate set fields = ? where code = ?", (json.dumps(fields), code))
    con.commit()
    assert certs.verify(code, root).valid
    for column, value in [("name", "Jane Dough"), ("hours", 40.0), ("issued", "2020-01-01"), ("student_id", "zz99"),
                          ("course_id", "other")]:
        old = con.execute(f"select {column} from course_certificate where code = ?", (code,)).fetchone()[0]
        con.execute(f"update course_certificate set {column} = ? where code = ?", (value, code))
        con.commit()
        assert not certs.verify(code, root).valid, f"editing the {column} column still verifies"
        con.execute(f"update course_certificate set {column} = ? where code = ?", (old, code))
        con.commit()
    assert certs.verify(code, root).valid
    # a register entry written without the fields (an older version) is not accepted either
    con.execute("update course_certificate set fields = NULL where code = ?", (code,))
    con.commit()
    assert not certs.verify(code, root).valid


@pytest.mark.slow
def test_verify_strips_terminal_control_characters(tmp_path, monkeypatch, capsys):
    root, url = ce_course(tmp_path)
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    from course.grading.gradebook import set_learner_name

    hostile = "Eve\x1b[2J\x1b]0;owned\x07 \u202eevil\x9b31m Doe\r\nVALID"
    set_learner_name(url, "ev1", hostile)
    fields = certs.certificate_fields(name=hostile, student="ev1", course_id="ai-guardrails", syllabus=SYL,
                                      session_format="staff-90", ce=load_ce(root), dates=["2026-11-28"],
                                      issued="2026-11-30")
    code = certs.make_code(certs._secret("ai-guardrails", create=True), fields)
    engine, table = certs._table(url)
    with engine.begin() as conn:
        conn.execute(table.insert().values(code=code, course_id="ai-guardrails", student_id="ev1", name=fields["name"],
                                           hours=1.0, issued="2026-11-30", modules=MODULE, fields=json.dumps(fields)))
    engine.dispose()
    assert main(["verify", code]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out.replace("\n", ""))
    assert out.count("\n") == 2  # the root line and one verdict line: no injected line break
    assert main(["verify", "\x1b[31mABCD"]) == 1
    assert "\x1b" not in capsys.readouterr().out


@needs_pdftotext
@pytest.mark.parametrize("name", [*UNICODE_NAMES, LONG_NAME])
def test_names_outside_latin1_and_long_names_render_and_fit(name, tmp_path):
    ce = CEConfig(provider="Example Counselling Association", instructor="Dr Dana Example", session_format="full-day",
                  delivery="live online", approval_statement="Example Counselling Association is approved by the "
                  "Example State Board of Behavioral Health to sponsor continuing education. Example Counselling "
                  "Association maintains responsibility for this program and its content.", approver="Example Board",
                  approval_number="EX-1234")
    fields = certs.certificate_fields(name=name, student="s1", course_id="c", syllabus=SYL, session_format="full-day",
                                      ce=ce, dates=["2026-11-27", "2026-11-28"], issued="2026-11-30")
    pdf = certs.draw_certificate(tmp_path / "c.pdf", fields, "ABCD-EFGH-2345")
    text = pdf_text(pdf)
    assert name in [ln.strip() for ln in text.splitlines()], "the name should be printed whole, on one line"
    flat = _flat(text)
    assert certs.APPROVED_TITLE in flat and "approval no. EX-1234" in flat and "Date(s): 27 November 2026 and 28 November 2026" in flat
    full = SYL.format("full-day")
    assert "Delivery: live online" in flat and f"Contact hours: {full.ce_hours:g}" in flat and f"Ethics hours: {full.ethics_hours:g}" in flat
    for title in (SYL.module(m).title for m in SYL.format("full-day").modules):
        assert title in [ln.strip() for ln in text.splitlines()]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and ("WenQuanYi" in fonts) == any(ord(c) > 0x2E80 for c in name)
    # every word lies inside the border (the long name shrank instead of running off the page)
    bbox = pdf_text(pdf, "-bbox")
    page = re.search(r'<page width="([\d.]+)"', bbox)
    xs = [(float(a), float(b)) for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', bbox)]
    assert page and xs and all(a >= 24 and b <= float(page.group(1)) - 24 for a, b in xs)


def test_no_approval_statement_means_not_approved_and_config_is_checked(tmp_path):
    root = tmp_path
    (root / "ce.toml").write_text(CE_TOML.format(format="half-day", delivery="live online"), encoding="utf-8")
    ce = load_ce(root)
    assert not ce.approved and ce.session_format == "half-day"
    fields = certs.certificate_fields(name="A B", student="a", course_id="c", syllabus=SYL, session_format="half-day",
                                      ce=ce, dates=["2026-11-28"], issued="2026-11-28")
    assert fields["title"] == certs.NOT_APPROVED_TITLE and fields["approval"] == ""
    half = SYL.format("half-day")
    assert fields["contact_hours"] == f"{half.ce_hours:g}" and fields["ethics_hours"] == f"{half.ethics_hours:g}"
    for bad, message in [
        ("[provider]\nname = ''\n", "name is required"),
        ("[provider]\nname = 'P'\n[session]\nformat = 'weekend'\n", "no session format 'weekend'"),
        ("[provider]\nname = 'P'\n[session]\nformat = 'self-paced'\ndelivery = 'live online'\n", "delivered self-study"),
        ("[provider]\nname = 'P'\n[approval]\nstatement = 'Approved.'\n", "approver is required"),
        ("[provider]\nname = 'P'\n[session]\ndates = ['28/11/2026']\n", "is not a date"),
        ("[provider\n", "not valid TOML"),
    ]:
        (root / "ce.toml").write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError, match=re.escape(message)):
            load_ce(root)
    (root / "ce.toml").unlink()
    with pytest.raises(ValueError, match="copy course/guide/ce.example.toml"):
        load_ce(root)


def test_the_guide_template_is_a_valid_ce_toml(tmp_path):
    from helpers import ROOT

    shutil.copy(ROOT / "course" / "guide" / "ce.example.toml", tmp_path / "ce.toml")
    ce = load_ce(tmp_path)
    assert ce.provider and not ce.approved


def test_feedback_lists_facilitator_grades_and_pending_items():
    nb = feedback_notebook({"cells": []}, {"cells": []}, {"m01_q1_test": (2.0, 2.0)}, "01_privacy (jd)",
                           manual={"m01_q6": (1.5, 2.0), "m01_q7": (None, 3.0)})
    summary = nb["cells"][0]["source"]
    assert "Graded by your facilitator" in summary
    assert "| m01_q6 | 1.5 | 2 |" in summary and "| m01_q7 | not graded yet | 3 |" in summary


@pytest.mark.slow
def test_collect_files_a_returned_evaluation_and_knows_test_notebooks(tmp_path):
    from course.grading.collect import collect
    from helpers import ROOT

    root, url = ce_course(tmp_path)
    src = tmp_path / "mail"
    src.mkdir()
    folder = tmp_path / "saved"
    folder.mkdir()
    saved = return_evaluation(folder, "x", {"session_format": "half-day", "relevance": 3})
    (src / "Jane Doe - evaluation.json").write_bytes(saved.read_bytes())
    (src / "Jane Doe - my test.ipynb").write_bytes((ROOT / "exercises" / SYL.pre_test / f"{SYL.pre_test}.ipynb").read_bytes())
    (src / "Jane Doe - notes.json").write_text('{"form": "something else"}', encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\njd01,Jane Doe\n", encoding="utf-8")
    placed = {p.source: p for p in collect(src, root, roster=roster)}
    assert placed["Jane Doe - evaluation.json"].status == "new"
    assert (root / "submitted/jd01/evaluation/evaluation.json").read_bytes() == saved.read_bytes()
    assert (placed["Jane Doe - my test.ipynb"].student, placed["Jane Doe - my test.ipynb"].assignment) == ("jd01", SYL.pre_test)
    assert placed["Jane Doe - notes.json"].status == "unplaced"


@pytest.mark.slow
def test_purge_keep_register_keeps_certificates_verifiable_and_a_full_purge_does_not(cohort, tmp_path, capsys, monkeypatch):
    src, _ = cohort
    root = tmp_path / "copy"
    shutil.copytree(src, root, ignore=shutil.ignore_patterns("certificates", "reports"))
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    assert main(["certificates"]) == 0
    codes = dict(re.findall(r"^  (\w+): \S+\.pdf  code (\S+)$", capsys.readouterr().out, re.M))
    assert main(["report"]) == 0
    assert main(["purge", "--yes", "--keep-register"]) == 0
    capsys.readouterr()
    assert main(["verify", codes["done"]]) == 0
    assert "VALID (register only; learner data purged)" in capsys.readouterr().out
    assert not (root / "submitted").exists() or not any((root / "submitted").rglob("*.json"))
    assert main(["purge", "--yes", "--no-export-check"]) == 0
    assert main(["verify", codes["done"]]) == 1


def test_people_see_question_numbers_not_grade_ids():
    """Issue 20: ids on the item-analysis axis and in messages; people see question numbers."""
    from course.grading.results import question_label

    assert question_label("m01_q3_test") == "01 Q3"
    assert question_label("m07_q1b_test") == "07 Q1b"
    assert question_label("m02_q6") == "02 Q6"
    assert question_label("post_q12") == "Post-test Q12" and question_label("pre_q3_test") == "Pre-test Q3"


def test_item_analysis_plot_says_when_it_shows_only_some_items(tmp_path):
    from course.grading import report as rep
    from course.grading.report import ItemStat

    def stat(i):
        return ItemStat("post_test", f"post_q{i}", 1.0, 10, i % 10, (i % 10) / 10, None, None)

    few = [stat(i) for i in range(1, 21)]
    path, alt = rep._plot_items(few, tmp_path / "few.png")
    assert path and "all 20 questions" in alt and "post_q" not in alt
    many = [stat(i) for i in range(1, rep.MAX_PLOTTED_ITEMS + 12)]
    path, alt = rep._plot_items(many, tmp_path / "many.png")
    assert f"the {rep.MAX_PLOTTED_ITEMS} most-missed of {rep.MAX_PLOTTED_ITEMS + 11} questions" in alt


def test_a_damaged_submission_reads_could_not_be_read_not_not_submitted(tmp_path, monkeypatch, capsys):
    from course.grading.report import write_report
    from course.grading.results import R_MODULE_UNREADABLE

    root, url = ce_course(tmp_path)
    sub = root / "submitted" / "broken" / MODULE
    sub.mkdir(parents=True)
    (sub / f"{MODULE}.ipynb").write_text('{"cells": [ {"this is": not json', encoding="utf-8")
    submit_graded(url, "broken", SYL.post_test, all_right(POST), name="Broken Notebook")
    st = {s.student: s for s in completion(root, url, "staff-90")}["broken"]
    assert st.modules_missing == [] and st.modules_unreadable == [MODULE]
    assert R_MODULE_UNREADABLE.format(modules=MODULE) in st.reasons
    files = write_report(root, tmp_path / "r")
    comp = next(csv.DictReader((tmp_path / "r" / "completion.csv").open(encoding="utf-8")))
    assert comp[MODULE] == "could not be read" and comp[f"{MODULE} (autograded)"] == "could not be read"
    assert files is not None
