"""Repository conventions: stripped notebooks, one kernelspec, module structure, git hygiene."""

import json
import subprocess

import pytest

from helpers import ROOT, all_notebooks

NOTEBOOKS = all_notebooks("modules") + all_notebooks("solutions") + all_notebooks("exercises")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_notebook_has_no_outputs_and_one_kernelspec(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: outputs not stripped"
            assert cell.get("execution_count") is None, f"{path.name}: execution count not cleared"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", all_notebooks("modules"), ids=lambda p: p.name)
def test_module_notebook_structure(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "Estimated time" in first and "you will be able to" in first.lower()
    assert "Key takeaways" in text and "Reflection" in text
    assert "not legal advice" in text.lower()


def test_gitignore_keeps_learner_data_out():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv/", "submitted/", "autograded/", "feedback/", "gradebook.db"):
        assert entry in ignored
    probe = ["submitted/x/00_welcome/a.ipynb", "autograded/x/a.ipynb", "feedback/x/a.html", "gradebook.db", ".venv/bin/python"]
    done = subprocess.run(["git", "check-ignore", *probe], cwd=ROOT, capture_output=True, text=True)
    assert sorted(done.stdout.split()) == sorted(probe)


def test_ci_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text()
    assert "make test" in text


def test_readme_opens_with_purpose_then_the_learners_commands():
    text = (ROOT / "README.md").read_text()
    assert "mental-health" in text[:800].lower() or "mental health" in text[:800].lower()
    # The learner's two commands come first; the conda route uses `course lab` (same flags).
    first_block = text[text.index("```bash"):]
    first_block = first_block[:first_block.index("```", 3)]
    assert "make lab" in first_block and len([line for line in first_block.splitlines()[1:] if line.strip()]) == 2
    assert text.index("make lab") < text.index("conda env create -f environment.yml") < text.index("course lab")
    # Developer material (tests, PostgreSQL, Chromium, the hub) is lower down.
    developers = text.index("## For developers")
    for word in ("make test", "PostgreSQL", "Chromium", "JupyterHub", "hub/install.sh"):
        assert text.index(word) > developers, f"{word!r} belongs in the developer section"


def test_lesson_test_files_are_named_by_their_lesson():
    """A test file about one lesson is ``test_mNN_slug[_what].py``, with the slug of that
    lesson's checks module (``course/checks/mNN_slug.py``): the NN_slug scheme of DESIGN.md."""
    import re

    checks = {p.stem[:3]: p.stem for p in (ROOT / "course" / "checks").glob("m[0-9][0-9]_*.py")}
    wrong = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        m = re.match(r"test_(m\d\d)_", path.name)
        if m:
            if m.group(1) not in checks or not path.stem.startswith(f"test_{checks[m.group(1)]}"):
                wrong.append(path.name)
        elif re.search(r"(?<![a-z])m?0\d(?![0-9])", path.stem):  # a lesson number elsewhere in the name
            wrong.append(path.name)
    assert not wrong, f"name these test_mNN_slug[_what].py after their lesson: {wrong}"
