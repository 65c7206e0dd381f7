"""What a clinician types into exercises 04 to 07, and the widgets they use (issue 14 item 7).

The same shape as ``exercise_answers.py`` (modules 00-03): one ``Typed`` entry per
assignment. ``code`` maps each answer variable to the literal typed after its ``=``
(taken from the nbgrader source, so the browser types exactly the solution's answers),
``text`` each written (Markdown) answer, ``actions(page, cells)`` the widgets a learner
uses (after typing, before the final Run All), ``minutes`` our estimate of the time a
non-programmer needs, reading and thinking included.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable

from exercise_answers import Typed
from labdriver import ROOT
from playwright.sync_api import expect


def _solution_literals(assignment: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(code, text)``: every answer variable's literal, as written in the solution, and every written answer."""
    nb = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    code, text = {}, {}
    for cell in nb["cells"]:
        md = cell.get("metadata", {}).get("nbgrader", {})
        if not md.get("solution"):
            continue
        source = "".join(cell["source"])
        begin, end = ("### BEGIN SOLUTION", "### END SOLUTION") if cell["cell_type"] == "code" else ("BEGIN SOLUTION", "END SOLUTION")
        region = source.split(begin, 1)[1].split(end, 1)[0].strip("\n")
        if cell["cell_type"] == "markdown":
            text[md["grade_id"]] = region
            continue
        for node in ast.parse(region).body:
            code[node.targets[0].id] = ast.get_source_segment(region, node.value)
    return code, text


def _use_threshold_explorer(page, cells) -> None:
    """04 Q4: type the Spanish threshold into its slider's readout; the table shows the FPR typed in answer_q4."""
    explorer = page.locator(".course-threshold-explorer").first
    explorer.scroll_into_view_if_needed()
    slider = explorer.locator(".course-threshold-slider").filter(has_text="Spanish")
    readout = slider.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("0.35")
    page.keyboard.press("Enter")
    expect(readout).to_have_text("0.35")
    spanish = explorer.locator("table.course-threshold-table tbody tr").filter(has_text="Spanish")
    expect(spanish.locator("td").nth(2)).to_have_text("0.35")
    expect(spanish.locator("td").nth(5)).to_have_text("0.57")


def _use_scenario_quiz(page, cells) -> None:
    """06: for two scenarios, choose in the box and press Check; the box agrees (✅) with the answer typed."""
    from course.guidelines.crosswalk import GUARDRAILS, SHORT
    from course.guidelines.scenarios import SCENARIOS
    from course.widgets.scenario_quiz import option_label

    code = ANSWERS["06_professional_orgs"].code
    for n in (1, 7):
        sc = SCENARIOS[n - 1]
        answer = ast.literal_eval(code[f"answer_q{n}"])
        box = page.locator(f".course-quiz-{sc.id}").first
        box.scroll_into_view_if_needed()
        box.locator(".course-quiz-guardrail select").select_option(label=option_label(GUARDRAILS[answer["guardrail"]], answer["guardrail"]))
        box.locator(".course-quiz-source select").select_option(label=option_label(SHORT[answer["source"]], answer["source"]))
        box.locator(".course-quiz-action label").filter(has_text=f"{answer['action']}) ").click()
        box.locator("button.course-quiz-check").click()
        expect(box.locator(".course-quiz-feedback")).to_contain_text("✅")


def _save_action_plan(page, cells) -> None:
    """07: run the self-assessment answer and the plan cell, then press the widget's button: the plan is saved."""
    for marker in ("my_ratings = {", "self_assessment(ratings=my_ratings"):
        cell = cells.filter(has_text=marker).first
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputPrompt").first.click()
        page.keyboard.press("Shift+Enter")
    sa = page.locator(".course-self-assessment").last
    expect(sa.locator(".course-sa-scores")).not_to_contain_text("statements rated")
    sa.scroll_into_view_if_needed()
    sa.locator("button.course-sa-build").click()
    expect(sa.locator(".course-sa-saved")).to_contain_text("Saved your action plan")


def _entry(assignment: str, minutes: int, actions: Callable | None = None) -> Typed:
    code, text = _solution_literals(assignment)
    return Typed(code=code, text=text, actions=actions, minutes=minutes)


ANSWERS: dict[str, Typed] = {
    "04_bias_fairness": _entry("04_bias_fairness", 45, _use_threshold_explorer),
    "05_ethical_guidelines": _entry("05_ethical_guidelines", 40),
    "06_professional_orgs": _entry("06_professional_orgs", 45, _use_scenario_quiz),
    "07_capstone": _entry("07_capstone", 80, _save_action_plan),
}
