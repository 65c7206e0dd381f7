"""The evaluation form, filled in and saved in the browser as a learner would.

Every control has an accessible name (its visible label, linked with ``for=``), the save
result is announced (``role=status``), and the answers land in ``evaluation.json`` in the
assignment folder, next to the notebook, with no name or id in it.
"""

from __future__ import annotations

import json

import pytest
from labdriver import NOTEBOOK, open_notebook, run_all
from playwright.sync_api import expect

from course.evaluation import read_evaluation
from course.syllabus import load

pytestmark = pytest.mark.browser


def test_the_evaluation_form_is_labelled_and_saves_in_the_assignment_folder(page, lab_server):
    syl = load()
    target = lab_server.course / "exercises" / syl.evaluation / "evaluation.json"
    target.unlink(missing_ok=True)
    open_notebook(page, lab_server, f"exercises/{syl.evaluation}/{syl.evaluation}.ipynb", workspace="evaluation")
    run_all(page)
    form = page.locator(f"{NOTEBOOK} .course-evaluation").first
    form.wait_for(state="visible")
    # every select and text box has a label that names it
    unnamed = form.evaluate("""f => [...f.querySelectorAll('select, textarea, input')]
        .filter(el => !(el.id && f.querySelector(`label[for="${el.id}"]`)?.textContent.trim())
                      && !el.getAttribute('aria-label') && !el.closest('label'))
        .map(el => el.outerHTML.slice(0, 120))""")
    assert unnamed == [], unnamed
    # saving before choosing a format explains what is missing
    form.locator(".course-eval-save button, button.course-eval-save").first.click()
    status = form.locator(".course-eval-status [role=status]")
    expect(status).to_contain_text("choose which way you took the course")  # after "Saving..."
    form.locator(".course-eval-format select").select_option(label=syl.format("half-day").title)
    objectives = form.locator(".course-eval-objective select")
    expected = sum(len(syl.module(m).objectives) for m in syl.format("half-day").modules)
    page.wait_for_function("([f, n]) => f.querySelectorAll('.course-eval-objective select').length === n",
                           arg=[form.element_handle(), expected])
    objectives.first.select_option(label="5 · fully")
    form.locator(".course-eval-relevance select").select_option(label="4 · mostly")
    form.locator(".course-eval-bias input[type=radio]").first.check()
    form.locator(".course-eval-accessibility textarea").fill("Larger text on the slides, please.")
    form.locator(".course-eval-save button, button.course-eval-save").first.click()
    page.wait_for_function("f => f.querySelector('.course-eval-status').innerText.includes('Saved')",
                           arg=form.element_handle())
    saved = read_evaluation(target)
    first = syl.module(syl.format("half-day").modules[0]).objectives[0].id
    assert saved["session_format"] == "half-day" and saved["objectives"][first] == 5 and saved["relevance"] == 4
    assert saved["commercial_bias"] == "no" and saved["accessibility"] == "Larger text on the slides, please."
    raw = json.loads(target.read_text(encoding="utf-8"))
    assert not {"name", "student", "learner", "id"} & set(raw)
    target.unlink()
