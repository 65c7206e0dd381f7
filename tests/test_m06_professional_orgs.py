"""Module 06 content and checks: crosswalk, scenarios, marking, the m06 questions."""

import re

import pytest

from course.checks import m06_professional_orgs as m06
from course.checks._core import CheckFailed, Status
from course.guidelines import crosswalk as cw
from course.guidelines.scenarios import FEEDBACK, SCENARIOS, mark, parse_answer, scenario


def test_crosswalk_is_complete_and_every_source_is_dated():
    ids = [s.id for s in cw.SOURCES]
    assert len(ids) == len(set(ids)) == len(cw.SHORT)
    assert set(cw.CROSSWALK) == {(s, g) for s in ids for g in cw.GUARDRAILS}
    for s in cw.SOURCES:
        assert re.search(r"\b(19|20)\d{2}\b", s.date) or "state" in s.date, s
        assert re.search(r"\b20\d{2}\b|CFR|state", cw.SHORT[s.id]), s.id
    for (_, _), (level, text) in cw.CROSSWALK.items():
        assert level in cw.LEVELS and len(text) > 10
        assert '"' not in text, "the crosswalk paraphrases; it does not quote"


def test_crosswalk_dates_named_in_the_brief():
    table = cw.source_table()
    # APA's own citation form for its code.
    assert table.loc["apa_code", "date"] == "2002, amended effective June 1, 2010, and January 1, 2017"
    assert table.loc["aca_code", "date"] == "2014" and "Section H" in table.loc["aca_code", "title"]
    assert "2017" in table.loc["nasw_code", "date"] and "2021" in table.loc["nasw_code", "date"]
    assert table.loc["sw_tech_standards", "date"] == "2017"
    assert table.loc["aamft_code", "date"] == "2015"
    assert "2023" in table.loc["ama_2023", "date"] and "2021" in table.loc["who_2021", "date"]
    assert "current version" in table.loc["apa_ai_2025", "note"] and "current version" in table.loc["aca_ai_2024", "note"]


def test_crosswalk_tables_and_plot():
    full = cw.crosswalk()
    assert full.shape == (len(cw.SOURCES), 6)
    assert list(cw.crosswalk(["privacy"]).columns) == [cw.GUARDRAILS["privacy"]]
    with pytest.raises(ValueError, match="unknown guardrail"):
        cw.crosswalk(["vibes"])
    cov = cw.coverage()
    assert cov.loc["hipaa", cw.GUARDRAILS["oversight"]] == 0 and cov.loc["who_2021", cw.GUARDRAILS["fairness"]] == 2
    import matplotlib

    matplotlib.use("Agg")
    ax = cw.plot_coverage()
    assert len(ax.get_yticklabels()) == len(cw.SOURCES)


def test_scenarios_are_well_formed_and_backed_by_the_crosswalk():
    assert len(SCENARIOS) >= 12
    assert [s.id for s in SCENARIOS] == [f"S{i:02d}" for i in range(1, len(SCENARIOS) + 1)]
    covered = set()
    for s in SCENARIOS:
        assert s.guardrails and s.guardrails <= set(cw.GUARDRAILS)
        assert s.sources and s.sources <= set(cw.SHORT)
        assert sorted(s.actions) == ["a", "b", "c", "d"] and s.action in s.actions
        assert set(s.wrong_action) == set(s.actions) - {s.action}, s.id
        for src in s.sources:  # every accepted source says something on an accepted guardrail
            assert max(cw.CROSSWALK[(src, g)][0] for g in s.guardrails) >= 1, (s.id, src)
        covered |= s.guardrails
    assert covered == set(cw.GUARDRAILS)  # every guardrail has at least one scenario
    assert len({s.action for s in SCENARIOS}) == 4  # the right letter is not always the same


def test_parse_and_mark():
    s = scenario("S01")
    assert parse_answer(...) is None and parse_answer((..., ..., ...)) is None and parse_answer(("", "", "")) is None
    assert parse_answer({"guardrail": " Privacy ", "source": "HIPAA", "action": "B"}) == ("privacy", "hipaa", "b")
    assert mark(s, ["privacy", "hipaa", "b"]).correct
    assert mark(s, ("privacy", "aca_code", "b")).correct  # any accepted source counts
    verdict = mark(s, ("consent", "who_2021", "a"))
    assert not verdict.correct and len(verdict.messages) == 3
    assert verdict.messages[2].startswith("Action: not the safest choice. A website's promise")
    assert mark(s, ("vibes", "hipaa", "b")).messages[0].startswith("'vibes' is not one of the six guardrails")
    assert "not one of the guidance sources" in mark(s, ("privacy", "apa", "b")).messages[0]
    assert mark(s, ("privacy", "hipaa", "z")).messages[0].startswith("The action should be one letter")
    assert mark(s, "privacy").messages == [FEEDBACK["format"]]
    assert mark(s, ("privacy", ..., "b")).messages == [FEEDBACK["format"]]
    with pytest.raises(KeyError):
        scenario("S99")


def _solution():
    return {s.id: {"guardrail": sorted(s.guardrails)[0], "source": sorted(s.sources)[0], "action": s.action} for s in SCENARIOS}


def test_m06_questions_grade_each_scenario_independently():
    answers = _solution()
    assert len(m06.QUESTIONS) == len(SCENARIOS) and m06.q13 is m06.QUESTIONS[12]
    for sc, q in zip(SCENARIOS, m06.QUESTIONS, strict=True):
        assert q.check(answers[sc.id]).correct
        for other in SCENARIOS:  # another scenario's right answer is (almost always) wrong here
            if other.id != sc.id and not mark(sc, tuple(answers[other.id].values())).correct:
                assert q.check(answers[other.id]).status is Status.INCORRECT
    answers["S05"] = {"guardrail": "privacy", "source": "hipaa", "action": "b"}
    results = m06.check_all(answers)
    assert results.score == len(SCENARIOS) - 1
    assert results[4].status is Status.INCORRECT and "S05" in results[4].message and "Guardrail" in results[4].message
    assert "course-check-incorrect" in results._repr_html_()
    del answers["S07"]
    assert m06.check_all(answers)[6].status is Status.NOT_ATTEMPTED
    assert m06.q_for("S07") is m06.q7


def test_m06_answers_typed_as_words_or_labels():
    from course.guidelines.crosswalk import GUARDRAILS, SHORT

    s01 = scenario("S01")
    assert m06.q1.check({"guardrail": "Privacy", "source": "HIPAA", "action": "B"}).correct
    assert m06.q1.check({"guardrail": GUARDRAILS["privacy"], "source": SHORT["aca_code"], "action": "b)"}).correct
    assert m06.q1.check({"guardrail": "privacy", "source": "aca code", "action": s01.action}).correct


def test_m06_blank_and_badly_formed_answers():
    assert all(r.status is Status.NOT_ATTEMPTED for r in m06.check_all({}))
    assert m06.q1.check(...).status is Status.NOT_ATTEMPTED
    assert m06.q1.check(dict.fromkeys(m06.ANSWER_KEYS, ...)).status is Status.NOT_ATTEMPTED
    half = m06.q1.check({"guardrail": "privacy", "source": ..., "action": "b"})
    assert half.status is Status.INCORRECT and half.message == m06.PART_MISSING
    for bad in (("privacy", "hipaa", "b"), {"guardrail": "vibes", "source": "hipaa", "action": "b"},
                {"guardrail": "privacy", "source": "apa", "action": "b"}, {"guardrail": "privacy", "source": "hipaa", "action": "z"},
                {"guardrail": "privacy", "source": "hipaa", "action": 2}, {"guardrail": "privacy", "source": "hipaa"}):
        assert m06.q1.check(bad).status is Status.ERROR, bad
    with pytest.raises(CheckFailed):
        m06.q2.grade({"guardrail": "privacy", "source": "hipaa", "action": "a"})
