"""Policy builder and scenario quiz widgets: callbacks change what the learner sees."""

from course.checks import m06_professional_orgs as m06
from course.guidelines.policy import check_policy
from course.guidelines.scenarios import SCENARIOS
from course.widgets._saving import CHANGED_SINCE_SAVED
from course.widgets.policy_builder import (
    SAVED_MESSAGE,
    STRUCTURE_OK,
    PolicyBuilder,
    markdown_to_html,
)
from course.widgets.scenario_quiz import SCORE_TEXT, ScenarioQuiz, option_label, scenario_quiz


def _choose_clinical_uses(b, state="IL"):
    from course.guidelines.policy import CLINICAL_USES

    b.state.value = state
    b.permitted.value = tuple(CLINICAL_USES[k] for k in "ABC")
    b.prohibited.value = tuple(CLINICAL_USES[k] for k in "DEFGH")


def test_policy_builder_starts_unfinished_until_clinical_uses_are_chosen(tmp_path):
    from course.guidelines.policy import CLINICAL_USES_SECTION

    b = PolicyBuilder(folder=tmp_path)
    assert STRUCTURE_OK not in b.status.value and CLINICAL_USES_SECTION in b.status.value
    _choose_clinical_uses(b)
    assert STRUCTURE_OK in b.status.value
    assert "Public Act 104-0054" in b.preview.value and "emotions" in b.preview.value
    b.state.value = "UT"
    assert "Chapter 72a" in b.preview.value


def test_policy_builder_preview_follows_choices(tmp_path):
    b = PolicyBuilder(folder=tmp_path)
    _choose_clinical_uses(b)
    assert STRUCTURE_OK in b.status.value
    before = b.preview.value
    b.practice.value = "Maple Street Therapy"
    assert "Maple Street Therapy" in b.preview.value and b.preview.value != before
    b.cadence.value = 12
    assert "every 12 months" in b.preview.value
    b.education.value = 7
    assert "at least 7 hour(s)" in b.preview.value
    b.tools.value = "secure note assistant\n\n  \nscheduling bot"
    assert b.choices()["tools"] == ["secure note assistant", "scheduling bot"]
    assert "Secure note assistant." in b.policy()
    assert "'cadence_months': 12" in b.code.value and b.code.value.startswith("my_choices = ")
    assert "course-policy-builder" in b.widget._dom_classes


def test_policy_builder_code_rebuilds_the_same_policy(tmp_path):
    from course.guidelines.policy import build_policy

    b = PolicyBuilder(folder=tmp_path)
    _choose_clinical_uses(b)
    b.triggers.value = b.triggers.options[:2]
    scope = {}
    exec(b.code.value, scope)  # the learner pastes this into the exercise
    assert build_policy(scope["my_choices"]) == b.policy()


def test_policy_builder_save_button_writes_file_and_confirms(tmp_path):
    b = PolicyBuilder(folder=tmp_path)
    _choose_clinical_uses(b)
    b.owner.value = "the Privacy Officer"
    b.save_button.click()
    path = tmp_path / "my_work" / "ai_use_policy.md"
    assert path.exists() and "the Privacy Officer" in path.read_text()
    assert check_policy(path.read_text()) == []
    assert SAVED_MESSAGE.split("{")[0] in b.saved.value and str(path.resolve()) in b.saved.value
    b.owner.value = "someone else"  # a change after saving is said, never hidden
    assert CHANGED_SINCE_SAVED.split("{")[0] in b.saved.value and SAVED_MESSAGE.split("{")[0] not in b.saved.value


def test_policy_builder_reports_save_errors(tmp_path):
    blocker = tmp_path / "my_work"
    blocker.write_text("a file where the folder should be")
    b = PolicyBuilder(folder=tmp_path)
    b.save_button.click()
    assert "Could not save" in b.saved.value


def test_policy_builder_structure_warning_when_sections_empty(tmp_path, monkeypatch):
    import course.widgets.policy_builder as pb

    monkeypatch.setattr(pb, "build_policy", lambda choices: "# Just a title\n")
    b = pb.PolicyBuilder(folder=tmp_path)
    assert "Structure check" in b.status.value and "Missing section" in b.status.value


def test_markdown_to_html():
    out = markdown_to_html("# T\n## S\n- a **b**\n- c\n\ntext <x> *i*")
    assert "<h3>T</h3>" in out and "<h4>S</h4>" in out and "<li>a <b>b</b></li>" in out
    assert "&lt;x&gt;" in out and "<i>i</i>" in out and out.count("<ul>") == 1


def _solution_answers():
    return {s.id: (sorted(s.guardrails)[0], sorted(s.sources)[0], s.action) for s in SCENARIOS}


def test_quiz_check_button_shows_feedback_and_score():
    quiz = ScenarioQuiz()
    item = quiz.items[0]
    item.button.click()
    assert "Choose a guardrail" in item.feedback.value
    item.guardrail.value = "consent"
    item.source.value = "hipaa"
    item.action.value = item.sc.action
    item.button.click()
    assert "❌" in item.feedback.value and "Guardrail" in item.feedback.value
    assert SCORE_TEXT.format(correct=0, total=len(SCENARIOS), answered=1) in quiz.score.value
    item.guardrail.value = sorted(item.sc.guardrails)[0]
    assert item.feedback.value == ""  # a change clears old feedback
    item.button.click()
    assert "✅" in item.feedback.value
    assert SCORE_TEXT.format(correct=1, total=len(SCENARIOS), answered=1) in quiz.score.value


def test_quiz_options_show_the_words_typed_in_the_exercise():
    """The widget's choice and the typed answer are graded by the same mark(): the option
    labels show exactly the word the learner types into the answer cell."""
    quiz = scenario_quiz("S03")
    item = quiz.items[0]
    assert len(quiz.items) == 1 and item.sc.id == "S03"
    labels = dict((v, k) for k, v in item.guardrail.options if v)
    assert labels["oversight"] == option_label("Human oversight", "oversight") and '(type "oversight")' in labels["oversight"]
    sources = dict((v, k) for k, v in item.source.options if v)
    assert all(f'(type "{sid}")' in label for sid, label in sources.items())
    item.guardrail.value, item.source.value, item.action.value = "oversight", "nasw_code", item.sc.action
    typed = {"guardrail": "oversight", "source": "nasw_code", "action": item.sc.action}
    assert item.check() and m06.q3.check(typed).correct
    item.action.value = next(k for k in item.sc.actions if k != item.sc.action)
    assert not item.check() and not m06.q3.check({**typed, "action": item.action.value}).correct
    assert not any("code" in c for w in quiz.widget.children for c in getattr(w, "_dom_classes", ()))


def test_quiz_prefills_answers():
    full = {s.id: (sorted(s.guardrails)[0], sorted(s.sources)[0], s.action) for s in SCENARIOS}
    quiz = ScenarioQuiz(answers=full)
    assert quiz.check_all() == len(SCENARIOS)
    assert scenario_quiz({"S01": {"guardrail": "privacy", "source": "hipaa", "action": "b"}}).answers["S01"] == ("privacy", "hipaa", "b")
    assert ScenarioQuiz().widget._dom_classes == ("course-quiz",)


def test_self_assessment_messages_name_statements_not_ids():
    """Issue 20: "not rated yet: privacy_2..." showed internal ids to people."""
    import re

    import pytest

    from course.guidelines.self_assessment import STATEMENTS, validate_ratings

    ratings = dict.fromkeys(STATEMENTS, 2)
    del ratings["privacy_2"]
    with pytest.raises(ValueError) as exc:
        validate_ratings(ratings)
    message = str(exc.value)
    assert "privacy_2" not in message and not re.search(r"\b[a-z]+_\d\b", message)
    assert "statement 2" in message and STATEMENTS["privacy_2"][1] in message
    with pytest.raises(ValueError) as exc:
        validate_ratings({**dict.fromkeys(STATEMENTS, 2), "privacy_1": 5})
    assert "privacy_1" not in str(exc.value) and "statement 1" in str(exc.value)


# ---- a change after a save (all three saving widgets) ------------------------------------------


def _saving_widgets(tmp_path):
    """(name, save, status widget, the file, a typed box, the saved text read back) for each."""
    from course.evaluation import read_evaluation
    from course.guidelines.self_assessment import STATEMENTS
    from course.widgets.evaluation_form import EvaluationForm
    from course.widgets.self_assessment import SelfAssessment

    policy = PolicyBuilder(folder=tmp_path / "p")
    _choose_clinical_uses(policy)
    yield "policy builder", policy.save, policy.saved, policy.owner, lambda p: p.read_text(encoding="utf-8")

    plan = SelfAssessment(folder=tmp_path / "s")
    for t in plan.ratings.values():
        t.value = 1
    plan.answer.value = " ".join(["We ask every client before any AI tool is used in a session."] * 2)
    assert len(plan.current_ratings()) == len(STATEMENTS)
    yield "self-assessment", plan.build, plan.saved, plan.answer, lambda p: p.read_text(encoding="utf-8")

    (tmp_path / "e").mkdir()
    form = EvaluationForm(folder=tmp_path / "e")
    form.format.value = form.format.options[1][1]
    yield "evaluation form", form.save, form.status, form.texts["comments"], lambda p: read_evaluation(p)["comments"]


def test_a_change_after_saving_says_the_file_lacks_it_until_saved_again(tmp_path):
    """A typed box's last keystrokes can reach Python just after a quick click on Save
    (ipywidgets holds a box's newest text back while an earlier update is in flight). The
    confirmation must then not stay (the file lacks the change) nor vanish (the learner
    thinks nothing was saved): it says the file lacks the change, and a second save has it."""
    for name, save, status, box, read_back in _saving_widgets(tmp_path):
        path = save()
        assert path and path.exists(), name
        saved_message = status.value
        assert "Saved" in saved_message, name
        original = box.value
        box.value = original + " One more sentence."
        assert CHANGED_SINCE_SAVED.split("{")[0] in status.value, name
        assert path.name in status.value and "Saved" not in status.value, name
        assert "One more sentence." not in read_back(path), name
        box.value = original  # back to what was saved: the file holds it again
        assert status.value == saved_message, name
        box.value = original + " One more sentence."
        assert save() == path and "One more sentence." in read_back(path), name
        assert "Saved" in status.value and CHANGED_SINCE_SAVED.split("{")[0] not in status.value, name


def test_typed_boxes_of_saving_widgets_send_their_text_on_leaving_the_box():
    """Sent on leaving the box, the text reaches Python before the click on Save does (the
    click moves the focus out of the box first). The policy builder's preview follows each
    keystroke, so its boxes keep keystroke updates and rely on the notice above."""
    from course.widgets.evaluation_form import EvaluationForm
    from course.widgets.self_assessment import SelfAssessment

    plan, form = SelfAssessment(), EvaluationForm()
    for box in [plan.answer, plan.name, *form.texts.values()]:
        assert box.continuous_update is False, box.description


def test_in_a_kernel_a_save_waits_for_text_still_on_its_way(tmp_path, monkeypatch):
    """In a kernel the save runs SETTLE_SECONDS after the click ("Saving..." meanwhile), so a
    box's text that reaches Python just after the click is in the file; two clicks, one save."""
    import asyncio
    import threading

    import course.widgets._saving as saving
    from course.widgets.self_assessment import SelfAssessment

    monkeypatch.setattr(saving, "in_kernel", lambda: True)
    monkeypatch.setattr(saving, "SETTLE_SECONDS", 0.05)
    plan = SelfAssessment(folder=tmp_path)
    for t in plan.ratings.values():
        t.value = 2
    calls = []
    build = plan.build
    monkeypatch.setattr(plan, "build", lambda: calls.append(1) or build())
    answer = " ".join(["We ask every client before any AI tool is used in a session."] * 2)

    async def click_then_late_text():
        plan.build_button.click()
        plan.build_button.click()
        assert saving.SAVING in plan.saved.value and not calls
        plan.answer.value = answer  # the text arrives after the click
        await asyncio.sleep(0.2)

    # In a thread of its own: another test's browser may own this thread's event loop.
    errors = []
    thread = threading.Thread(target=lambda: _run_catching(asyncio.run, click_then_late_text(), errors))
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and not errors, errors
    assert calls == [1]
    assert answer in (tmp_path / "my_work" / "action_plan.md").read_text(encoding="utf-8")
    assert "Saved your action plan" in plan.saved.value


def _run_catching(fn, arg, errors):
    try:
        fn(arg)
    except BaseException as exc:  # noqa: BLE001 - reported by the test in the main thread
        errors.append(exc)
