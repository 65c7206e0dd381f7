"""Fast tests of the grading safety parts: literal answers, the nbgrader hooks, output
limits, feedback that is safe to open, CSV cells, collect on hostile input, the sandbox's
description and the set-up check. The whole hostile cohort is in test_hostile_cohort.py."""

from __future__ import annotations

import ast
import json
import math
import os
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course.cli import main
from course.grading import answers, engine, sandbox
from course.grading import collect as collect_mod
from course.grading.feedback import (
    FEEDBACK_HIDDEN_FAILED,
    FEEDBACK_NOT_ATTEMPTED,
    FEEDBACK_PASSED,
    FEEDBACK_SETUP,
    feedback_html,
    write_feedback,
)
from course.grading.notebook import grade_id, nbgrader_meta, setup_problem, source
from course.grading.report import csv_cell
from helpers import ROOT, make_course_dir

A = "00_welcome"
RELEASE = ROOT / "exercises" / A / "00_welcome.ipynb"
SOLUTION = ROOT / "solutions" / A / "00_welcome.ipynb"


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell(nb: dict, gid: str) -> dict:
    return next(c for c in nb["cells"] if grade_id(c) == gid)


# --------------------------------------------------------------------------------------
# external loads in HTML (shared with test_hostile_cohort)
# --------------------------------------------------------------------------------------
class _Loads(HTMLParser):
    """Everything in a page that would make a browser fetch something."""

    FETCHING = {"script", "iframe", "frame", "object", "embed", "link", "base", "img", "audio", "video", "source",
                "track", "input", "form", "svg", "image", "use"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.found.append("meta refresh")
        if tag in self.FETCHING and not (tag == "img" and (attrs.get("src") or "").startswith("data:image/")):
            self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name in ("src", "srcset", "background", "poster", "data") or (name == "style" and "url(" in (value or "")):
                self.found.append(f"{tag} {name}={value}")
        self._style = tag == "style"

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._style and ("url(" in data or "@import" in data):
            self.found.append("style with url()/@import")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        self._style = False


def external_loads(page: str) -> list[str]:
    parser = _Loads()
    parser.feed(page)
    return parser.found


def assert_no_external_loads(page: str) -> None:
    """Nothing in *page* makes a browser fetch anything (links to click are fine), and
    its Content-Security-Policy forbids it anyway."""
    assert external_loads(page) == []
    assert "default-src 'none'" in page


def test_the_external_url_scan_catches_nbconverts_own_template():
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.reads(RELEASE.read_text(encoding="utf-8"), 4))
    assert any("script" in hit for hit in external_loads(body)), "the scan would not notice a CDN script"


# --------------------------------------------------------------------------------------
# literal answers
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [6, -3, 2.5, 1e-9, "c", "line 1\nline 2 'quoted' \"too\"", True, False, None, ...,
                                   ["A", "C"], ("x",), (), {"S01": ("privacy", "hipaa", "b")}, {1, 2}, set(), 1 + 2j,
                                   {"nested": [{"deep": [1, None, ...]}]}])
def test_emit_writes_back_the_same_literal(value):
    text = answers.emit(value)
    assert ast.literal_eval(text) == value if text != "set()" else value == set()


def test_emit_handles_infinity():
    assert answers.read_answer("x = 1e999", ["x"]).values["x"] == math.inf
    assert answers.emit(math.inf) == 'float("inf")' and answers.emit(-math.inf) == 'float("-inf")'


@pytest.mark.parametrize(("text", "why"), [
    ("answer_q1 = 6\nwhile True:\n    pass", "while"),
    ("import os\nanswer_q1 = 6", "import"),
    ("answer_q1 = len('abc')", "call"),
    ("answer_q1 = c", "variable"),
    ("answer_q1 = f'{6}'", "f-string"),
    ("answer_q1 = 6 if True else 5", "if-expression"),
    ("answer_q1 = [x for x in 'ab']", "comprehension"),
    ("answer_q1, b = 6, 7", "assign"),
    ("answer_q1 += 1", "augassign"),
    ("answer_q1 = b'bytes'", "bytes"),
    ("def answer_q1(): return 6", "function"),
    ("class A: pass\nanswer_q1 = A()", "class"),
    ("answer_q1 = = 6", "not valid Python"),
    ("%time answer_q1 = 6", "not valid Python"),
    ("answer_q1 = [" * 300 + "]" * 300, ""),
    ("answer_q1 = '" + "x" * (answers.MAX_ANSWER_CHARS + 1) + "'", "longer than"),
])
def test_anything_but_a_literal_blanks_the_whole_answer(text, why):
    got = answers.read_answer(text, ["answer_q1"])
    assert got.status == "not literal" and got.values == {"answer_q1": ...}
    assert why.lower() in got.reason.lower()


def test_comments_bare_names_and_reassignment_are_fine():
    text = "answer_q1 = ...\n### BEGIN SOLUTION\n# my answer, # BEGIN HIDDEN TESTS\nanswer_q1 = 6\nanswer_q1\n\"\"\"note\"\"\"\npass\n"
    got = answers.read_answer(text, ["answer_q1"])
    assert (got.status, got.values) == ("answered", {"answer_q1": 6})
    assert answers.read_answer("answer_q1 = ...", ["answer_q1"]).status == "blank"
    assert answers.read_answer("other = 5", ["answer_q1"]).values == {"answer_q1": ...}


def test_the_notebook_to_grade_is_the_release_with_only_the_literal_answers():
    learner = _nb(RELEASE)
    _cell(learner, "m00_q1")["source"] = "answer_q1 = 6  # easy"
    _cell(learner, "m00_q2")["source"] = "import os\nanswer_q2 = 'c'"
    _cell(learner, "m00_q5")["source"] = "<script>alert(1)</script> my reflection"
    _cell(learner, "m00_q1_test")["source"] = "pass  # edited grade cell"
    _cell(learner, "m00_q1_test")["metadata"]["nbgrader"]["points"] = 100
    learner["cells"].insert(2, {"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "m00_fake", "grade": True,
                                                                                 "points": 50, "locked": True}},
                                "source": "import course.checks._core as c", "outputs": [], "execution_count": None})
    learner["cells"].insert(2, {"cell_type": "code", "metadata": {}, "source": "print('going further')", "outputs": [],
                                "execution_count": None})
    learner["cells"].append(json.loads(json.dumps(_cell(learner, "m00_q3"))))  # a copied answer cell
    _cell(learner, "m00_q3")["source"] = "answer_q3 = ['A']"
    built, notes = answers.literal_notebook(learner, _nb(RELEASE), _nb(SOLUTION))
    release = _nb(RELEASE)
    assert [grade_id(c) for c in built["cells"]] == [grade_id(c) for c in release["cells"]]
    assert source(_cell(built, "m00_q1")) == "answer_q1 = 6\n"
    assert source(_cell(built, "m00_q2")) == "answer_q2 = ...\n"
    assert source(_cell(built, "m00_q3")) == "answer_q3 = ['A']\n"
    assert source(_cell(built, "m00_q5")) == "<script>alert(1)</script> my reflection"  # text, never run
    assert source(_cell(built, "m00_q1_test")) == source(_cell(release, "m00_q1_test"))
    assert nbgrader_meta(_cell(built, "m00_q1_test"))["points"] == 1
    assert any(n.startswith(answers.R_NOT_LITERAL) and "m00_q2 (line 1 is an import statement)" in n for n in notes)
    assert any(n.startswith(answers.R_ADDED_CODE) and "2 cell(s)" in n for n in notes)


def test_self_check_cells_are_skipped_but_never_grade_cells():
    nb = _nb(RELEASE)
    n = answers.mark_display_only(nb)
    skipped = [c for c in nb["cells"] if "skip-execution" in c.get("metadata", {}).get("tags", [])]
    assert n == len(skipped) >= 4
    for cell in nb["cells"]:
        gid = grade_id(cell) or ""
        if gid.endswith("_check"):
            assert cell in skipped, gid
        if nbgrader_meta(cell).get("grade") or nbgrader_meta(cell).get("solution"):
            assert cell not in skipped, gid


def test_literal_answers_preprocessor_inside_nbgrader(tmp_path):
    import nbformat

    from course.grading.gradebook import generate
    from course.grading.nbgrader_hooks import LiteralAnswers

    root = make_course_dir(tmp_path, [A])
    db = f"sqlite:///{tmp_path / 'gb.db'}"
    generate(root, A, db, tmp_path / "release")
    learner = _nb(SOLUTION)
    _cell(learner, "m00_q1")["source"] = "import os\nanswer_q1 = 6"
    learner["cells"].insert(1, {"cell_type": "code", "metadata": {}, "source": "import os", "outputs": [], "execution_count": None})
    nb = nbformat.reads(json.dumps(learner), as_version=4)
    resources = {"nbgrader": {"db_url": db, "notebook": "00_welcome", "assignment": A, "student": "x"}}
    out, _ = LiteralAnswers().preprocess(nb, resources)
    assert "import os" not in "".join(c.source for c in out.cells if c.cell_type == "code" and grade_id(c) != "m00_q4")
    assert next(c for c in out.cells if grade_id(c) == "m00_q1").source == "answer_q1 = ...\n"
    assert next(c for c in out.cells if grade_id(c) == "m00_q2").source == "answer_q2 = 'c'\n"


# --------------------------------------------------------------------------------------
# nbgrader's process: the kernel cannot hide an error or display its own score
# --------------------------------------------------------------------------------------
def _msg(kind: str, content: dict) -> dict:
    return {"msg_type": kind, "content": content, "header": {"msg_type": kind}, "parent_header": {"msg_id": "p"},
            "metadata": {}}


def test_outputs_are_capped_and_errors_always_kept(monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    from course.grading._worker import limit_outputs

    monkeypatch.setattr(NotebookClient, "process_message", NotebookClient.process_message)  # undone after the test
    monkeypatch.setattr(NotebookClient, "_course_limited", False, raising=False)
    limit_outputs(1000, 3000)
    nb = nbformat.v4.new_notebook()
    client = NotebookClient(nb)
    client.reset_execution_trackers()
    client.clear_before_next_output = False  # set per cell by nbclient's execute_cell
    grade = nbformat.v4.new_code_cell("checks.q1.grade(answer_q1)", metadata={"nbgrader": {"grade": True}})
    client.process_message(_msg("execute_result", {"data": {"text/plain": "1e9"}, "metadata": {}, "execution_count": 1}), grade, 0)
    client.process_message(_msg("error", {"ename": "CheckFailed", "evalue": "no", "traceback": ["x" * 10**6]}), grade, 0)
    client.process_message(_msg("clear_output", {"wait": False}), grade, 0)
    client.process_message(_msg("display_data", {"data": {"text/plain": "1e9"}, "metadata": {}}), grade, 0)
    client.process_message(_msg("comm_open", {"comm_id": "c", "target_name": "jupyter.widget", "data": {}}), grade, 0)
    assert [o["output_type"] for o in grade.outputs] == ["error"]
    assert len(grade.outputs[0]["traceback"][0]) <= 2000
    chatty = nbformat.v4.new_code_cell("print()")
    for _ in range(20):
        client.process_message(_msg("stream", {"name": "stdout", "text": "y" * 400}), chatty, 1)
    client.process_message(_msg("error", {"ename": "ValueError", "evalue": "late", "traceback": []}), chatty, 1)
    texts = [o.get("text", "") for o in chatty.outputs if o["output_type"] == "stream"]
    assert sum(len(t) for t in texts) < 1500 and "output past this cell's limit" in texts[-1]
    assert chatty.outputs[-1]["output_type"] == "error"


# --------------------------------------------------------------------------------------
# feedback
# --------------------------------------------------------------------------------------
def _graded(outputs: dict[str, list[dict]]) -> dict:
    nb = _nb(SOLUTION)
    for cell in nb["cells"]:
        if grade_id(cell) in outputs:
            cell["outputs"] = outputs[grade_id(cell)]
    return nb


LEAKS = ["PGPASSWORD=hunter2", "answer of another learner: 42", "Tomás Ruiz-Ortega", "<script>alert(2)</script>"]


def test_feedback_copies_nothing_the_kernel_printed_and_escapes_learner_text():
    leak = [{"output_type": "stream", "name": "stdout", "text": "\n".join(LEAKS)},
            {"output_type": "display_data", "data": {"text/html": "<script>alert(3)</script>"}, "metadata": {}}]
    nb = _graded({"m00_q1_test": leak, "m00_q4_test": [{"output_type": "error", "ename": "CheckFailed",
                                                        "evalue": "Hope Grant", "traceback": LEAKS}]})
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and not nbgrader_meta(cell).get("grade"):
            cell["outputs"] = leak
    _cell(nb, "m00_q5")["source"] = "My reflection <script>alert(1)</script>\n### BEGIN HIDDEN TESTS\n[x](javascript:alert(1))"
    scores = {"m00_q1_test": (1.0, 1.0), "m00_q2_test": (1.0, 1.0), "m00_q3_test": (2.0, 2.0), "m00_q4_test": (0.0, 2.0)}
    page = feedback_html(nb, scores, "00 (<b>x</b>)")
    for text in [*LEAKS, "Hope Grant", "alert(3)", "<b>x</b>"]:
        assert text not in page, text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and 'href="javascript' not in page
    assert FEEDBACK_PASSED in page and FEEDBACK_HIDDEN_FAILED in page and "Autograded score: 4 / 6" in page
    assert_no_external_loads(page)


def test_feedback_says_not_attempted_and_set_up_problem():
    nb = _nb(RELEASE)
    _cell(nb, "m00_q1")["source"] = "answer_q1 = ...\n"
    _cell(nb, "m00_q1_test")["outputs"] = [{"output_type": "error", "ename": "CheckFailed", "evalue": "", "traceback": []}]
    _cell(nb, "m00_q2_test")["outputs"] = [{"output_type": "error", "ename": "FileNotFoundError", "evalue": "", "traceback": []}]
    page = feedback_html(nb, {"m00_q1_test": (0.0, 1.0), "m00_q2_test": (0.0, 1.0)}, "x")
    assert FEEDBACK_NOT_ATTEMPTED in page and FEEDBACK_SETUP in page


def test_one_bad_submission_never_stops_feedback_for_the_others(tmp_path):
    from course.grading.gradebook import generate, open_gradebook

    root = make_course_dir(tmp_path, [A])
    generate(root, A, f"sqlite:///{root / 'gradebook.db'}", tmp_path / "release")
    with open_gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for who in ("good", "bad", "hidden-marker"):
            gb.update_or_create_student(who)
            gb.update_or_create_submission(A, who)
    for who in ("good", "hidden-marker"):
        (root / "autograded" / who / A).mkdir(parents=True)
        nb = _nb(SOLUTION)
        if who == "hidden-marker":
            _cell(nb, "m00_q5")["source"] = "### BEGIN HIDDEN TESTS\n# BEGIN HIDDEN TESTS"
        (root / "autograded" / who / A / "00_welcome.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (root / "autograded" / "bad" / A).mkdir(parents=True)
    (root / "autograded" / "bad" / A / "00_welcome.ipynb").write_text("{not json", encoding="utf-8")
    result = write_feedback(root, progress=False)
    assert sorted(p.parts[-3] for p in result.written) == ["good", "hidden-marker"]
    assert [(s, a) for s, a, _ in result.problems] == [("bad", A)]


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    for bad in ("=HYPERLINK(\"x\")", "+SUM(1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(bad) == "'" + bad
    for fine in ("jane-doe", "", 3, None, 1.5):
        assert csv_cell(fine) == fine


# --------------------------------------------------------------------------------------
# collect on hostile input
# --------------------------------------------------------------------------------------
def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name, (2026, 11, 2, 9, 0, 0)), data)
    return path


def _encrypt_flag(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at != -1:
            data[at + offset] |= 1
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))


def test_collect_refuses_damaged_encrypted_and_oversized_archives_in_one_line(tmp_path, capsys, monkeypatch):
    root = make_course_dir(tmp_path, [A])
    good = _zip(tmp_path / "good.zip", {"Jane Doe 00_welcome.ipynb": RELEASE.read_bytes()})
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    encrypted = _zip(tmp_path / "encrypted.zip", {"Jane Doe 00_welcome.ipynb": RELEASE.read_bytes()})
    _encrypt_flag(encrypted)
    big = _zip(tmp_path / "big.zip", {"Jane Doe 00_welcome.ipynb": b"0" * 3_000_000})
    monkeypatch.setenv("COURSE_ROOT", str(root))
    for archive, words in ((truncated, "damaged or truncated"), (encrypted, "encrypted"), (big, "would expand")):
        if archive is big:
            monkeypatch.setattr(collect_mod, "MAX_ARCHIVE_BYTES", 1_000_000)
        assert main(["collect", str(archive)]) == 2  # bad input
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert not (root / "submitted").exists()


def test_collect_lists_every_skipped_entry_and_never_follows_symlinks(tmp_path):
    root = make_course_dir(tmp_path, [A])
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "Sam Lee 00_welcome.ipynb").write_bytes(SOLUTION.read_bytes())
    src = tmp_path / "returned"
    src.mkdir()
    (src / "Jane Doe 00_welcome.ipynb").write_bytes(RELEASE.read_bytes())
    (src / "Ana Lima 00_welcome.ipynb").symlink_to(outside / "Sam Lee 00_welcome.ipynb")
    (src / "linked-folder").symlink_to(outside, target_is_directory=True)
    (src / ".DS_Store").write_bytes(b"x")
    placements = collect_mod.collect(src, root)
    by = {p.source: p for p in placements}
    assert by["Jane Doe 00_welcome.ipynb"].status == "new"
    assert by["Ana Lima 00_welcome.ipynb"].status == "skipped" and "symbolic link" in by["Ana Lima 00_welcome.ipynb"].detail
    assert by["linked-folder"].status == "skipped" and by[".DS_Store"].status == "skipped"
    assert sorted(p.name for p in (root / "submitted").iterdir()) == ["jane-doe"]
    archived = b"".join(p.read_bytes() for p in (root / "collected").rglob("*.ipynb"))
    assert SOLUTION.read_bytes() not in archived


def test_collect_tells_two_people_with_the_same_name_apart(tmp_path):
    root = make_course_dir(tmp_path, [A])
    first = _zip(tmp_path / "a.zip", {"Jane Doe_111_assignsubmission_file_00_welcome.ipynb": RELEASE.read_bytes(),
                                      "Jane Doe_222_assignsubmission_file_00_welcome.ipynb": SOLUTION.read_bytes()})
    by = {p.source: p for p in collect_mod.collect(first, root)}
    assert by["Jane Doe_111_assignsubmission_file_00_welcome.ipynb"].status == "new"
    other = by["Jane Doe_222_assignsubmission_file_00_welcome.ipynb"]
    assert other.status == "unplaced" and "different id" in other.detail and "--roster" in other.detail
    assert (root / "submitted/jane-doe" / A / "00_welcome.ipynb").read_bytes() == RELEASE.read_bytes()
    again = _zip(tmp_path / "b.zip", {"Jane Doe_111_assignsubmission_file_00_welcome (1).ipynb": SOLUTION.read_bytes()})
    (p,) = collect_mod.collect(again, root)
    assert p.status == "replaced" and p.student == "jane-doe"


# --------------------------------------------------------------------------------------
# the sandbox, the refusal and the set-up check
# --------------------------------------------------------------------------------------
def test_the_kernel_environment_is_an_allow_list(monkeypatch):
    for k in ("PGPASSWORD", "COURSE_DB_URL", "NBGRADER_EXECUTION", "COURSE_SECRET_FILE", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(k, "secret")
    env = sandbox.kernel_env("/home/learner", None)
    assert "secret" not in env.values() and not {"PGPASSWORD", "NBGRADER_EXECUTION", "COURSE_ROOT"} & set(env)


def test_grading_refuses_without_the_sandbox_and_says_why(tmp_path, monkeypatch, capsys):
    root = make_course_dir(tmp_path, [A])
    (root / "submitted" / "x" / A).mkdir(parents=True)
    (root / "submitted" / "x" / A / "00_welcome.ipynb").write_bytes(RELEASE.read_bytes())
    monkeypatch.setattr(engine, "sandbox_support", lambda: sandbox.Support(False, "user namespaces are switched off here"))
    with pytest.raises(RuntimeError, match="user namespaces are switched off here"):
        engine.grade([A], root, progress=False)
    monkeypatch.setenv("COURSE_ROOT", str(root))
    assert main(["grade", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "sandbox is not available" in err and "--sandbox off" in err and "Traceback" not in err
    assert not (root / "autograded").exists()


def test_the_sandbox_describes_what_it_does_here():
    support = sandbox.support()
    text = support.describe()
    assert ("PID namespaces" in text and "no_new_privs" in text) if support.ok else text.startswith("not available")


def test_a_submission_failing_everywhere_on_one_environment_error_is_flagged():
    nb = _nb(RELEASE)
    for cell in nb["cells"]:
        if nbgrader_meta(cell).get("grade"):
            cell["outputs"] = [{"output_type": "error", "ename": "FileNotFoundError", "evalue": "data/notes.csv is missing",
                                "traceback": []}]
    assert setup_problem(nb, engine.R_SETUP).startswith(engine.R_SETUP)
    for cell in nb["cells"]:
        if nbgrader_meta(cell).get("grade"):
            cell["outputs"] = [{"output_type": "error", "ename": "CheckFailed", "evalue": "not attempted", "traceback": []}]
    assert setup_problem(nb, engine.R_SETUP) is None
    setup = _cell(nb, "m00_setup")
    setup["outputs"] = [{"output_type": "error", "ename": "ModuleNotFoundError", "evalue": "No module named 'course'",
                         "traceback": []}]
    assert "ModuleNotFoundError" in setup_problem(nb, engine.R_SETUP)


def test_every_grading_module_stays_under_600_lines():
    for path in sorted((ROOT / "course" / "grading").glob("*.py")) + sorted((ROOT / "course" / "cli").glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path


def test_learner_text_printed_on_a_terminal_has_no_control_characters():
    from course.cli._common import plain

    assert plain("jane\x1b[2J\x1b]0;owned\x07doe\u202e") == "jane?[2J?]0;owned?doe?"


@pytest.mark.slow
def test_plain_nbgrader_autograde_in_the_course_runs_no_learner_code_either(tmp_path):
    """The formgrader's "Autograde" button: nbgrader_config.py puts LiteralAnswers first."""
    import subprocess
    import sys

    from course.offline import offline_command

    root = make_course_dir(tmp_path, [A])
    marker = tmp_path / "learner-code-ran"
    nb = _nb(SOLUTION)
    _cell(nb, "m00_q2")["source"] = f"open({str(marker)!r}, 'w').write('x')\nanswer_q2 = 'c'"
    nb["cells"].insert(1, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": f"open({str(marker)!r} + '-2', 'w').write('x')"})
    (root / "submitted" / "x" / A).mkdir(parents=True)
    (root / "submitted" / "x" / A / "00_welcome.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    for args in (["generate_assignment", A, "--force", f"--CourseDirectory.release_directory={tmp_path / 'release'}"],
                 ["autograde", A, "--force"]):
        cmd, env2 = offline_command([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={root}"], env)
        done = subprocess.run(cmd, cwd=root, env=env2, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
    assert not marker.exists() and not Path(str(marker) + "-2").exists()
    from course.grading import scores

    got = scores(A, root)["x"]
    assert got["m00_q2_test"] == 0.0 and got["m00_q1_test"] == 1.0


@pytest.mark.slow
def test_course_grade_flags_a_missing_data_set_as_a_set_up_problem(tmp_path, monkeypatch, capsys):
    a = "04_bias_fairness"
    root = make_course_dir(tmp_path, [a])
    (root / "data").mkdir()  # the course folder has a data/ folder, but it is empty
    src = next((ROOT / "solutions" / a).glob("*.ipynb"))
    (root / "submitted" / "x" / a).mkdir(parents=True)
    (root / "submitted" / "x" / a / src.name).write_bytes(src.read_bytes())
    monkeypatch.setenv("COURSE_ROOT", str(root))
    assert main(["grade", a, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "CHECK SET-UP" in out and engine.R_SETUP in out and "not at the learners' work" in out


def test_only_cells_that_cannot_change_a_score_are_skipped():
    def cell(src, **meta):
        return {"cell_type": "code", "source": src, "metadata": {"nbgrader": meta} if meta else {}, "outputs": []}

    nb = {"cells": [
        cell("from course.checks import m01_privacy as checks", locked=True, grade_id="a"),
        cell("print(checks.show_batch(x, y))", locked=True, grade_id="b"),  # display only
        cell("checks.starting_point()  # shown to the learner", locked=True, grade_id="c"),  # display only
        cell("table = checks.starting_point()", locked=True, grade_id="d"),  # assigns: runs
        cell("print(other.show())", locked=True, grade_id="e"),  # not the checks module: runs
        cell("checks.q1.check(a)\nchecks.q2.check(b)", locked=True, grade_id="f"),  # two statements: runs
        cell("checks.q1.check(a)", grade_id="g", solution=True),  # an answer cell: runs
        cell("checks.q1.grade(a)", locked=True, grade=True, grade_id="h", points=1),  # grade: runs
        cell("checks.q1.check(a)", locked=True, grade_id="i"),  # display only
        cell("going_further = 1"),  # after the last grade cell: cannot change a score
    ]}
    answers.mark_display_only(nb)
    skipped = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]
               if "skip-execution" in c["metadata"].get("tags", [])]
    assert skipped == ["b", "c", "i", None]
