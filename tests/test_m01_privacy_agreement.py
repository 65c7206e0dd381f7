"""Exercise 01: a ✅ means the grader agrees (issue 14), proved where the grader uses notes
the self-check cannot see.

* Q3 (recognizers to switch off / on) is graded on the dev notes and, in the hidden test,
  on fresh notes. There are 2**40 possible choices; a branch-and-bound search over all of
  them (the verdict only depends on the union of the tokens each option hides) shows that
  no choice passes the dev notes and fails the fresh ones.
* Q4 (deny list and operator) is graded on this week's notes and, in the hidden test, for
  ordinary words hidden in fresh notes. Every deny-list entry the self-check can accept is
  a run of identifier words of the batch; each one is tried on the fresh notes.
* Every question also gets plausible answers (right, partial, overfitted, wrong type,
  blank) through :func:`agreement.simulate`, the solution notebook with hidden tests.
"""

from __future__ import annotations

import ast
import json
import random
import re

import pytest
from agreement import simulate

from course.checks import Status
from course.checks import m01_privacy as m01
from course.privacy.exercise import COURSE_RECOGNIZERS, PRESIDIO_TYPES, Scorer, options_for
from course.synth.notes import generate_notes
from helpers import ROOT, nbgrader_meta

A = "01_privacy"
pytestmark = pytest.mark.slow


def _hidden_calls(grade_id: str) -> list[ast.Call]:
    nb = json.loads((ROOT / "solutions" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if nbgrader_meta(c).get("grade_id") == grade_id)
    source = "".join(cell["source"])
    hidden = source.split("### BEGIN HIDDEN TESTS", 1)[1]
    return [n for n in ast.walk(ast.parse(hidden)) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "grade"]


def _fresh_notes(call: ast.Call) -> list[dict]:
    notes = next(k.value for k in call.keywords if k.arg == "notes")
    assert isinstance(notes, ast.Call) and notes.func.id == "generate_notes"
    return generate_notes(*[ast.literal_eval(a) for a in notes.args])


def _kwarg(call: ast.Call, name: str):
    return ast.literal_eval(next(k.value for k in call.keywords if k.arg == name))


# ---- Q3: every choice --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def q3_sets():
    (call,) = _hidden_calls("m01_q3_test")
    return m01._scorer(), Scorer(_fresh_notes(call)), _kwarg(call, "min_recall"), _kwarg(call, "min_precision")


def _search(dev: Scorer, hid: Scorer, rd: float, pd: float, rh: float, ph: float, limit: int = 5):
    """Branch and bound over every set of options: returns (choices passing dev and failing
    the hidden notes, nodes visited, choices passing dev that were reached)."""
    keys = [k for k in dev.bits if dev.bits[k] or hid.bits[k]]
    idle = [k for k in dev.bits if not (dev.bits[k] or hid.bits[k])]
    keys.sort(key=lambda k: -dev.bits[k].bit_count())
    n = len(keys)
    rest_d, rest_h = [0] * (n + 1), [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        rest_d[i] = rest_d[i + 1] | dev.bits[keys[i]]
        rest_h[i] = rest_h[i + 1] | hid.bits[keys[i]]
    g_d, g_h = dev.gold.bit_count(), hid.gold.bit_count()
    bad, stats = [], {"nodes": 0, "dev_passes": 0}

    def visit(i: int, bd: int, bh: int, chosen: list) -> None:
        stats["nodes"] += 1
        best = bd | rest_d[i]
        found_best = (best & dev.gold).bit_count()
        predicted_now = (bd & ~dev.provider).bit_count()
        if found_best / g_d < rd or (predicted_now and found_best / predicted_now < pd):
            return  # no completion passes the dev notes
        found_h = (bh & hid.gold).bit_count()
        predicted_max = ((bh | rest_h[i]) & ~hid.provider).bit_count()
        if found_h / g_h >= rh and (not predicted_max or found_h / predicted_max >= ph):
            return  # every completion passes the hidden notes
        if i == n:
            ok_dev = m01._q3_verdict(dev, chosen, rd, pd)[0]
            stats["dev_passes"] += ok_dev
            if ok_dev and not m01._q3_verdict(hid, chosen, rh, ph)[0]:
                bad.append(list(chosen))
            return
        visit(i + 1, bd | dev.bits[keys[i]], bh | hid.bits[keys[i]], [*chosen, keys[i]])
        if len(bad) < limit:
            visit(i + 1, bd, bh, chosen)

    visit(0, 0, 0, [])
    return bad, stats, keys, idle


def test_q3_no_choice_passes_the_self_check_and_fails_the_hidden_notes(q3_sets):
    dev, hid, rh, ph = q3_sets
    assert (rh, ph) == (0.93, 0.75)
    bad, stats, keys, idle = _search(dev, hid, m01.Q3_RECALL, m01.Q3_PRECISION, rh, ph)
    assert not bad, f"these choices show ✅ but fail the hidden test: {bad}"
    assert len(keys) + len(idle) == len(PRESIDIO_TYPES) + len(COURSE_RECOGNIZERS) == 40
    # Options that hide nothing in either set of notes cannot change a verdict.
    for key in idle:
        assert dev.bits[key] == 0 and hid.bits[key] == 0
    print(f"Q3 proof: {len(keys)} options that hide something, {stats['nodes']} search nodes")


def test_q3_the_search_is_right_on_random_choices(q3_sets):
    """The bounds of the search are checked against the real check and grade on random choices."""
    dev, hid, rh, ph = q3_sets
    rng = random.Random(20261201)
    agree = 0
    for _ in range(100):  # choices near the good ones, so that both verdicts occur often
        off = [t for t in PRESIDIO_TYPES if rng.random() < (0.85 if t == "DATE_TIME" else 0.1)]
        on = [r for r in COURSE_RECOGNIZERS if rng.random() < 0.93]
        answer = {"switch_off": off, "switch_on": on}
        visible = m01.q3.check(answer)
        hidden = m01.q3.check(answer, notes=hid.notes, min_recall=rh, min_precision=ph)
        graded = visible.correct and hidden.correct
        assert visible.correct == graded, (off, on, visible, hidden)
        # the recall the message shows is on the same side of the goal as the real one
        recall = dev.score(options_for(off, on))[0]
        shown = float(re.search(r"[Rr]ecall (?:is )?(\d\.\d{3})", visible.message).group(1))
        assert (shown >= m01.Q3_RECALL) == (recall >= m01.Q3_RECALL), (recall, visible.message)
        agree += visible.correct
    assert 10 <= agree <= 90  # many different choices reach the goal (judgement, not one answer), many do not


def test_q3_goal_is_reachable_and_not_by_switching_everything_on(q3_sets):
    dev, _, _, _ = q3_sets
    everything = options_for([], COURSE_RECOGNIZERS)
    recall, precision = dev.score(everything)
    assert recall >= m01.Q3_RECALL and precision < m01.Q3_PRECISION  # switching all on is not the answer
    assert m01._q3_verdict(dev, m01.RECOMMENDED, m01.Q3_RECALL, m01.Q3_PRECISION)[0]
    defaults = options_for([], [])
    assert dev.score(defaults)[0] < 0.85  # Presidio's defaults alone are far from the goal
    # the message for a low recall lists the identifiers still visible
    low = m01.q3.check({"switch_off": ["DATE_TIME"], "switch_on": ["MRN"]})
    assert low.status is Status.INCORRECT and len(low.details) >= 10 and "(NAME," in " ".join(low.details)


@pytest.mark.parametrize(("off", "on"), [
    # names that differ between Presidio and the course, so that one `entities` list says it all
    (["DATE_TIME", "NRP", "US_DRIVER_LICENSE"], ["DATE", "MRN", "NAME", "AGE_OVER_89", "HEALTH_PLAN", "OTHER_ID"]),
    # a label both have: the course's LOCATION (whole addresses too) next to Presidio's
    (["DATE_TIME", "NRP"], ["LOCATION", "ORGANIZATION", "URL", "PHONE"]),
])
def test_q3_scorer_equals_presidio_run_once_with_the_same_choice(q3_sets, off, on):
    """The union-of-options shortcut is what one Presidio run with those recognizers hides."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from course.privacy import analyzer
    from course.privacy.evaluate import evaluate
    from course.privacy.exercise import _allowed, course_recognizers, prepare
    from course.privacy.words import mostly_lowercase

    dev = q3_sets[0]
    lower = [i for i, n in enumerate(dev.notes) if mostly_lowercase(n["text"])]
    chosen = list(range(12)) + lower[:3]  # notes typed in lower case too
    notes = [dev.notes[i] for i in chosen]
    entities = [t for t in PRESIDIO_TYPES if t not in off]
    base = analyzer()
    predictions = []
    for note in notes:
        registry = RecognizerRegistry(recognizers=[r for r in course_recognizers(mostly_lowercase(note["text"]))
                                                   if r.supported_entities[0] in on], supported_languages=["en"])
        for rec in base.registry.recognizers:
            registry.add_recognizer(rec)
        engine = AnalyzerEngine(nlp_engine=base.nlp_engine, registry=registry, supported_languages=["en"])
        text = prepare(note["text"])
        results = engine.analyze(text=text, language="en", entities=sorted(set(entities + on)), score_threshold=0.4)
        predictions.append([r for r in results if text[r.start:r.end].strip().lower() not in _allowed()])
    one_run = evaluate(notes, predictions)
    shortcut = Scorer(notes, dev.found.subset(chosen)).evaluation(options_for(off, on))
    assert (one_run.recall, one_run.precision) == pytest.approx((shortcut.recall, shortcut.precision))
    assert [str(x) for x in one_run.leaks] == [str(x) for x in shortcut.leaks]


# ---- Q4: every deny-list entry the self-check can accept ----------------------------------------


def _candidate_entries(notes: list[dict]) -> set[str]:
    """Runs of consecutive identifier (or staff-name) words of the batch. An entry the
    self-check accepts must appear in the batch and hide no ordinary word there, so its
    match is such a run (up to capital letters)."""
    classes = m01._classes(notes)
    entries = set()
    for text, toks in zip(classes.texts, classes.tokens, strict=True):
        for i in range(len(toks)):
            if toks[i][2] is None:
                continue
            for j in range(i, len(toks)):
                if toks[j][2] is None:
                    break
                entries.add(text[toks[i][0]:toks[j][1]].lower())
    return entries


def test_q4_every_entry_the_self_check_accepts_is_safe_on_the_hidden_notes():
    (call,) = _hidden_calls("m01_q4_test")
    fresh = m01._classes(_fresh_notes(call))
    corpus = m01._corpus()
    entries = sorted(_candidate_entries(m01.q4_batch()))
    assert len(entries) > 50
    safe = 0
    for entry in entries:
        if not any(ch.isalpha() for ch in entry):
            assert m01.q4.check({"deny_list": [entry], "operator": "replace"}).message.startswith(repr(entry))
            continue  # numbers are refused by the self-check: a deny list is for names
        if not m01._ordinary_hits(corpus, entry, limit=1):
            safe += 1
            assert not m01._ordinary_hits(fresh, entry, limit=1), f"{entry!r} passes the self-check but hides ordinary words in the hidden notes"
    assert safe > 20
    # and the other parts of the grade (leaks in the batch, the operator) are the self-check's own
    right = {"deny_list": ["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf",
                           "cedar hill behavioral health", "rowan", "unity care medicaid"], "operator": "replace"}
    assert m01.q4.check(right).correct and m01.q4.check(right, notes=_fresh_notes(call)).correct


# ---- every question: plausible answers through the notebook ------------------------------------

Q4_RIGHT = ["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", "cedar hill behavioral health", "rowan", "unity care medicaid"]
ALL_COURSE = list(COURSE_RECOGNIZERS)
PLAUSIBLE = [
    ("m01_q1", {"answer_q1": ["referral_reason", "diagnosis", "phq9_intake", "gad7_intake", "age"]}),
    ("m01_q1", {"answer_q1": ["full_name", "referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"]}),
    ("m01_q1", {"answer_q1": ["referral_reason", "phq9_intake", "gad7_intake"]}),
    ("m01_q1", {"answer_q1": "diagnosis_code"}),
    ("m01_q1", {"answer_q1": ["referal_reason"]}),
    ("m01_q1", {"answer_q1": 4}),
    ("m01_q2", {"answer_q2": ["Hope", "Moody", "91", "5/6", "666-27-4653"]}),
    ("m01_q2", {"answer_q2": ["Hope Moody", "91-<LICENSE>", "Hope", "5/6", "666-27-4653"]}),
    ("m01_q2", {"answer_q2": ["Hope Moody", "Hope", "5/6", "666-27-4653"]}),  # missed the partial record number
    ("m01_q2", {"answer_q2": ["Hope Moody", "hope", "91", "5/6", "666-27-4653"]}),  # the ordinary word
    ("m01_q2", {"answer_q2": ["Hope Moody", "Hope", "91-968895", "5/6", "666-27-4653"]}),  # not what is visible
    ("m01_q2", {"answer_q2": ["Hope Moody", "Hope", "91", "5/6", "666-27-4653", "PHQ-9"]}),
    ("m01_q2", {"answer_q2": "Hope Moody"}),
    ("m01_q2", {"answer_q2": [1, 2]}),
    ("m01_q3", {"answer_q3_off": ["DATE_TIME"], "answer_q3_on": ALL_COURSE}),
    ("m01_q3", {"answer_q3_off": [], "answer_q3_on": ALL_COURSE}),  # everything on: precision too low
    ("m01_q3", {"answer_q3_off": ["DATE_TIME"], "answer_q3_on": ["MRN", "HEALTH_PLAN", "DATE", "AGE_OVER_89"]}),
    ("m01_q3", {"answer_q3_off": ["DATE_TIME", "ORGANIZATION", "PERSON"], "answer_q3_on": ALL_COURSE}),
    ("m01_q3", {"answer_q3_off": ["date time"], "answer_q3_on": [r.lower() for r in ALL_COURSE]}),
    ("m01_q3", {"answer_q3_off": ["MRN"], "answer_q3_on": ALL_COURSE}),
    ("m01_q3", {"answer_q3_off": ..., "answer_q3_on": ALL_COURSE}),
    ("m01_q3", {"answer_q3_off": "DATE_TIME", "answer_q3_on": "NAME"}),
    ("m01_q4", {"answer_q4_deny": Q4_RIGHT, "answer_q4_operator": "replace"}),
    ("m01_q4", {"answer_q4_deny": Q4_RIGHT, "answer_q4_operator": "hash"}),
    ("m01_q4", {"answer_q4_deny": Q4_RIGHT[:-1], "answer_q4_operator": "replace"}),
    ("m01_q4", {"answer_q4_deny": [*Q4_RIGHT, "will"], "answer_q4_operator": "replace"}),
    ("m01_q4", {"answer_q4_deny": [*Q4_RIGHT, "Hope Moody"], "answer_q4_operator": "replace"}),  # not in this batch
    ("m01_q4", {"answer_q4_deny": [w for e in Q4_RIGHT for w in e.split()], "answer_q4_operator": "replace"}),
    ("m01_q4", {"answer_q4_deny": Q4_RIGHT, "answer_q4_operator": ...}),
    ("m01_q4", {"answer_q4_deny": Q4_RIGHT, "answer_q4_operator": "blur"}),
    ("m01_q5", {"answer_q5": "F"}),
    ("m01_q5", {"answer_q5": "e"}),
    ("m01_q5", {"answer_q5": "D"}),
    ("m01_q5", {"answer_q5": 6}),
]


def test_plausible_answers_self_check_agrees_with_grade():
    problems = []
    for qid, answers in PLAUSIBLE:
        outcome = simulate(A, answers)[f"{qid}_test"]
        if not outcome.agrees:
            problems.append(f"{answers}: {outcome}")
    assert not problems, "\n".join(problems)


def test_solution_full_and_blank_zero():
    assert all(o.passed and o.agrees for o in simulate(A).values())
    blank = {v: ... for v in ("answer_q1", "answer_q2", "answer_q3_off", "answer_q3_on", "answer_q4_deny", "answer_q4_operator", "answer_q5")}
    outcomes = simulate(A, blank)
    assert all(o.status is Status.NOT_ATTEMPTED and not o.passed for o in outcomes.values()), outcomes
