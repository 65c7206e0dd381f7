"""`make handouts`: printable HTML and PDF, built offline, that refer to nothing outside themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from course.handouts import build, external_references, find_chromium, printables
from helpers import ROOT

pytestmark = pytest.mark.slow

# The same strict scan the audit report's test uses, on the raw file: no src or href to the web.
RAW_EXTERNAL = re.compile(r"""(src|href)\s*=\s*['"]?\s*(https?:|//)""", re.I)


def _need_chromium():
    if find_chromium() and shutil.which("pdftotext"):
        return
    message = "printing PDFs needs Chromium and pdftotext"
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}:
        pytest.fail(message + " (in CI this is an error: .ci/run installs chromium)", pytrace=False)
    pytest.skip(message + " (apt-get install chromium poppler-utils)")


def test_everything_is_printable():
    names = {p.name: p.kind for p in printables(ROOT)}
    for handout in ("consent-script-template", "client-data-use-notice", "vendor-questionnaire",
                    "ai-policy-template", "crisis-handoff-checklist"):
        assert names.get(handout) == "handout"
    for policy in ("grievance", "refund", "accommodation", "conflict-of-interest", "record-retention"):
        assert names.get(policy) == "ce-policy"
    assert {n for n, k in names.items() if k == "lesson"} == {p.stem for p in (ROOT / "modules").glob("*.ipynb")}
    assert names.get("references") == names.get("glossary") == "guide"


def test_build_a_handout_and_a_lesson_offline(tmp_path):
    _need_chromium()
    items = build(out=tmp_path, root=ROOT, only=["crisis-handoff-checklist", "00_welcome_lesson", "references"],
                  pdf=True, execute=False, progress=lambda *_: None)
    assert [i.name for i in items] == ["00_welcome_lesson", "crisis-handoff-checklist", "references"]
    for item in items:
        html_path, pdf_path = item.outputs
        page = html_path.read_text(encoding="utf-8")
        assert not external_references(page), f"{html_path.name}: {external_references(page)[:5]}"
        assert not RAW_EXTERNAL.search(page), f"{html_path.name} links or loads something on the web"
        assert "<script src" not in page.lower() and "mathjax" not in page.lower()
        assert "not legal advice" in page
        pdf = pdf_path.read_bytes()
        assert pdf[:5] == b"%PDF-" and b"/URI" not in pdf, f"{pdf_path.name} has web links"
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
        assert "AI Guardrails for Mental Health Practice" in text
    crisis = subprocess.run(["pdftotext", str(tmp_path / "crisis-handoff-checklist.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert "988" in crisis and "duty to warn or protect" in crisis
    # Web addresses are printed as text; links between printed pages still work.
    references = (tmp_path / "references.html").read_text(encoding="utf-8")
    assert "ecfr.gov/current/title-45/section-164.501" in references
    lesson = (tmp_path / "00_welcome_lesson.html").read_text(encoding="utf-8")
    assert 'href="references.html"' in lesson
    assert "Accurate as of 1 December 2026" in re.sub(r"<[^>]+>", "", lesson)


def test_the_scan_finds_what_would_leave_the_page():
    page = """<html><head><link rel="stylesheet" href="https://cdn.example.net/x.css">
    <style>@import "theme.css"; body { background: url(https://img.example.net/b.png); } .a[data-x='y'] {}</style>
    <script src="//cdn.example.net/require.js"></script></head>
    <body><img src='http://example.org/p.png'><a href="guide.md">guide</a><a href="#top">top</a>
    <a href="other.html">other</a><img src="data:image/png;base64,AAAA"></body></html>"""
    found = external_references(page)
    assert len(found) == 6, found  # stylesheet, @import, CSS url(), script, image, a link to a source file
    assert "#top" not in found and "other.html" not in found and not any(f.startswith("data:") for f in found)


def test_make_handouts_runs_course_handouts():
    done = subprocess.run(["make", "-n", "--no-print-directory", "handouts"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "course handouts" in done.stdout
