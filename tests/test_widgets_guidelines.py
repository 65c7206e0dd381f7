"""Policy builder and scenario quiz widgets: callbacks change what the learner sees."""

from course.checks import m06_professional_orgs as m06
from course.guidelines.policy import check_policy
from course.guidelines.scenarios import SCENARIOS
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
    b.owner.value = "someone else"  # any change clears the stale confirmation
    assert b.saved.value == ""


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
