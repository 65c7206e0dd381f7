"""The consent checker on consent scripts written independently of the course (issue 18).

`../shared/eval/consent_external.jsonl` (80 scripts, 16 layouts) was written and labelled by
someone who never saw the checker or its data. Its texts are never copied into the course.
These floors are the level the checker reached minus 0.01 (overall and per element): a floor,
not a target. The test skips, with the reason, where the set is not present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.consent import ELEMENTS
from course.consent.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "eval" / "consent_external.jsonl"

#: Reached when the floors were set (issue 18): overall 0.971.
OVERALL_FLOOR = 0.961
#: Reached per element, minus 0.01.
FLOORS = {
    "ai_description": 0.915,
    "data_collected": 0.940,
    "data_use": 0.978,
    "data_protection": 0.978,
    "risks_limitations": 0.978,
    "human_oversight": 0.953,
    "voluntary": 0.978,
    "withdrawal": 0.940,
    "questions": 0.990,
}

pytestmark = pytest.mark.skipif(not EXTERNAL.is_file(), reason=f"independent evaluation set not present: {EXTERNAL}")


@pytest.fixture(scope="module")
def result():
    return evaluate(load_gold(EXTERNAL))


def test_floors_cover_every_element():
    assert set(FLOORS) == set(ELEMENTS)


def test_overall_agreement_on_the_independent_set(result):
    assert result.n == 80
    assert result.overall >= OVERALL_FLOOR, result.report()


@pytest.mark.parametrize("element", ELEMENTS)
def test_each_element_on_the_independent_set(result, element):
    assert result.per_element[element] >= FLOORS[element], result.report()
